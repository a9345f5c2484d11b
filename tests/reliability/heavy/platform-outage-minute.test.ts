import { describePlatformOutage } from '../support/faults-platform-outage';

jest.setTimeout(240_000);

// A minute of outage (30 s of 502 from Telegram, then 30 s of refused connections), on PostgreSQL.
describePlatformOutage({ phaseMs: 30_000, section: 'platformOutageMinute', run: process.env.TEST_DATABASE_URL ? it : it.skip });
