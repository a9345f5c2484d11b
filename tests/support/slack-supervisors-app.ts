import type { Clock } from '@turbota/common';
import { FakeSlack } from './fake-slack';
import { Api } from './incidents-api';
import type { SlackDelivery, SlackTransport } from './slack-transports';
import { startTestApp, type TestApp } from './test-app';

/** The app with Slack for supervisors on, reached over one transport, and what a test drives it with. */
export interface SlackSupervisorsApp {
  fake: FakeSlack;
  t: TestApp;
  /** The app's environment, for a second process on the same database. */
  env: Record<string, string>;
  slack: SlackDelivery;
  /** The admin key's API, and an integration key's. */
  admin: Api;
  integration: Api;
  close(): Promise<void>;
}

/**
 * Starts the fake Slack, Slack's side of the transport and the app (English, the escalation
 * channel set), then connects: the set-up every supervisors' Slack suite shares. `prepare`
 * sets the fake up before the app first asks it anything.
 */
export async function startSlackSupervisorsApp(
  transport: SlackTransport,
  options: { botToken: string; signingSecret: string; channel: string; clock?: Clock; env?: Record<string, string>; prepare?: (fake: FakeSlack) => void },
): Promise<SlackSupervisorsApp> {
  const fake = await FakeSlack.start(options.botToken);
  options.prepare?.(fake);
  const line = await transport.open(fake, { signingSecret: options.signingSecret });
  const env = { ...line.env, SLACK_BOT_TOKEN: options.botToken, SLACK_API_URL: fake.url, SLACK_ESCALATION_CHANNEL: options.channel, DEFAULT_LOCALE: 'en', ...options.env };
  const t = await startTestApp({ clock: options.clock, env });
  const admin = new Api(t.url);
  const integration = admin.as(await admin.key('integration', 'CRM'));
  const slack = await line.connect(t.url);
  return {
    fake,
    t,
    env,
    slack,
    admin,
    integration,
    close: async () => {
      await t.close();
      await line.close();
      await fake.close();
    },
  };
}
