import { describePlatformOutage } from '../support/faults-platform-outage';

jest.setTimeout(120_000);

// Twelve seconds of outage: 6 s of 502 from Telegram, then 6 s of refused connections.
describePlatformOutage({ phaseMs: 6_000, section: 'platformOutage' });
