import { DataSource } from 'typeorm';
import { MASKING_TABLE, READABLE_TABLE } from '../../../libs/privacy/src/masking-table';
import { ChatClient } from '../../support/chat-client';
import { FakeSlack } from '../../support/fake-slack';
import { Api, type IncidentListJson } from '../../support/incidents-api';
import { startTestApp, TestApp } from '../../support/test-app';
import { databaseKind } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';
import { recordFigures } from './figures';
import { findSecrets, pgDump, scanDatabase, type Secret } from './pii-scan';

jest.setTimeout(90_000);

const SLACK_TOKEN = 'xoxb-0000-masking-table';
const SLACK_SECRET = '8f742231b10e8888abcd99masking-table';
const CHANNEL = 'C0MASKING';
const CASES_PER_SESSION = 5;

const SECRETS: Secret[] = MASKING_TABLE.map((c) => ({ label: c.input, forms: c.secrets }));

describe(`the masking table sent as a customer's words through the web chat (${databaseKind})`, () => {
  let slack: FakeSlack;
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    slack = await FakeSlack.start(SLACK_TOKEN);
    t = await startTestApp({
      env: {
        DEFAULT_LOCALE: 'uk',
        SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.url, SLACK_ESCALATION_CHANNEL: CHANNEL,
      },
    });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await slack.close();
  });

  it('keeps none of the phone and e-mail forms in the clear in any table, in Slack or in the logs, and leaves scores, dates and references readable', async () => {
    // Each form typed as feedback where no contact was asked for, a few customers each.
    for (let first = 0; first < MASKING_TABLE.length; first += CASES_PER_SESSION) {
      const customer = new ChatClient(t.url);
      await customer.open({ locale: 'uk', point: 'kyiv-central' });
      for (const { input } of MASKING_TABLE.slice(first, first + CASES_PER_SESSION)) await customer.send({ kind: 'text', text: input });
    }
    // And all of them in one complaint, which supervisors read in Slack, with the readable words beside them.
    const complaint = [...MASKING_TABLE.map((c) => c.input), ...READABLE_TABLE.filter(Boolean)].join(' | ');
    const complainer = new ChatClient(t.url);
    await complainer.open({ locale: 'uk', point: 'kyiv-central' });
    await complainer.send({ kind: 'command', command: 'complain' });
    await complainer.send({ kind: 'text', text: complaint });
    await complainer.send({ kind: 'contact', email: 'masking.table@example.com' });
    const admin = new Api(t.url);
    await waitFor(async () => {
      const list = await admin.json<IncidentListJson>('/api/v1/incidents');
      return list.items.length >= 1 && slack.topLevel(CHANNEL).length >= 1 ? true : undefined;
    }, 20_000);

    const scan = await scanDatabase(db, SECRETS);
    let dumpHits: string[] = [];
    if (!t.database.embedded) {
      const dump = await pgDump(t.database.url);
      if (dump !== null) dumpHits = findSecrets(dump, SECRETS);
    }
    const slackText = slack.calls.map((c) => JSON.stringify(c.args)).join('\n');
    const slackHits = findSecrets(slackText, SECRETS);
    const logHits = findSecrets(t.logs.text(), SECRETS);
    recordFigures('maskingTable', {
      forms: MASKING_TABLE.length,
      readableForms: READABLE_TABLE.length,
      tables: scan.tables,
      rowsScanned: scan.rows,
      hitsInTables: scan.hits.length,
      hitsInPgDump: dumpHits.length,
      hitsInSlack: slackHits.length,
      hitsInLogs: logHits.length,
    });

    expect(scan.hits).toEqual([]);
    expect(dumpHits).toEqual([]);
    expect(slackHits).toEqual([]);
    expect(logHits).toEqual([]);
    // What supervisors read still says what the customer meant.
    const postedText = JSON.stringify(slack.topLevel(CHANNEL)[0].args);
    for (const readable of ['2026-12-06', '14:30', 'ORD-123456789', 'замовлення №123456789', 'Order 123456789012', 'оцінки 9 10 8 7 9 10 9', '+380 ••• ••• 67', 'і•••@приклад.укр']) {
      expect(postedText).toContain(readable);
    }
  });
});
