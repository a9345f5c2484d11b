import { FakeConnector } from './fake-connector';
import { FakeMessenger } from './fake-messenger';
import { FakeSlack } from './fake-slack';
import { FakeTelegram } from './fake-telegram';
import { FakeViber } from './fake-viber';
import { FakeWhatsapp } from './fake-whatsapp';
import { WHATSAPP_PHONE_NUMBER_ID } from './whatsapp-fixtures';

/** Which platforms a test talks to, with the credentials it signs its webhooks with. */
export interface PlatformOptions {
  telegram?: { token: string; secret: string };
  slack?: { token: string; signingSecret: string; escalationChannel?: string };
  viber?: { authToken: string };
  /** Messenger: the Page token the fake takes, the app secret webhooks are signed with, the handshake's verify token. */
  messenger?: { pageToken: string; appSecret: string; verifyToken: string };
  /** WhatsApp: the access token the fake takes, the app secret webhooks are signed with, the handshake's verify token; the phone number id is the fixtures'. */
  whatsapp?: { accessToken: string; appSecret: string; verifyToken: string; invitationTemplate?: string };
  /** The local connector; anonymous (no JWT) unless the test configures a Microsoft app itself. */
  botframework?: { anonymous: boolean };
}

interface Fakes {
  telegram: FakeTelegram;
  slack: FakeSlack;
  viber: FakeViber;
  messenger: FakeMessenger;
  whatsapp: FakeWhatsapp;
  botframework: FakeConnector;
}

/** The fakes asked for, the environment that points the app at them, and one `close()` for all. */
export type Platforms<O extends PlatformOptions> = { [K in keyof O & keyof Fakes]: Fakes[K] } & {
  /** For `startTestApp({ env })`: tokens, secrets and API roots of every platform started. */
  env: Record<string, string>;
  close(): Promise<void>;
};

/**
 * Starts a local fake of each platform asked for (at once) and returns the settings that point
 * the app at them, so a test does not repeat the variable names and URLs per platform.
 */
export async function startPlatforms<O extends PlatformOptions>(options: O): Promise<Platforms<O>> {
  const { telegram, slack, viber, messenger, whatsapp, botframework } = options;
  const [telegramFake, slackFake, viberFake, messengerFake, whatsappFake, connector] = await Promise.all([
    telegram && FakeTelegram.start(telegram.token),
    slack && FakeSlack.start(slack.token),
    viber && FakeViber.start(viber.authToken),
    messenger && FakeMessenger.start(messenger.pageToken),
    whatsapp && FakeWhatsapp.start(whatsapp.accessToken, WHATSAPP_PHONE_NUMBER_ID),
    botframework && FakeConnector.start(),
  ]);
  const env: Record<string, string> = {};
  if (telegram && telegramFake) Object.assign(env, { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_WEBHOOK_SECRET: telegram.secret, TELEGRAM_API_ROOT: telegramFake.url });
  if (slack && slackFake) {
    Object.assign(env, { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_API_URL: slackFake.url });
    if (slack.escalationChannel) env.SLACK_ESCALATION_CHANNEL = slack.escalationChannel;
  }
  if (viber && viberFake) Object.assign(env, { VIBER_AUTH_TOKEN: viber.authToken, VIBER_API_URL: viberFake.url });
  if (messenger && messengerFake) {
    Object.assign(env, { MESSENGER_PAGE_ACCESS_TOKEN: messenger.pageToken, MESSENGER_APP_SECRET: messenger.appSecret, MESSENGER_VERIFY_TOKEN: messenger.verifyToken, MESSENGER_API_URL: messengerFake.url });
  }
  if (whatsapp && whatsappFake) {
    Object.assign(env, {
      WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: whatsappFake.phoneNumberId,
      WHATSAPP_APP_SECRET: whatsapp.appSecret,
      WHATSAPP_VERIFY_TOKEN: whatsapp.verifyToken,
      WHATSAPP_API_URL: whatsappFake.url,
      ...(whatsapp.invitationTemplate ? { WHATSAPP_INVITATION_TEMPLATE: whatsapp.invitationTemplate } : {}),
    });
  }
  if (botframework && connector) {
    env.BOTFRAMEWORK_SERVICE_URLS = connector.url;
    if (botframework.anonymous) env.BOTFRAMEWORK_ANONYMOUS = 'true';
  }
  const fakes = [telegramFake, slackFake, viberFake, messengerFake, whatsappFake, connector].filter((fake) => fake !== undefined);
  return {
    ...(telegramFake && { telegram: telegramFake }),
    ...(slackFake && { slack: slackFake }),
    ...(viberFake && { viber: viberFake }),
    ...(messengerFake && { messenger: messengerFake }),
    ...(whatsappFake && { whatsapp: whatsappFake }),
    ...(connector && { botframework: connector }),
    env,
    close: async () => {
      await Promise.all(fakes.map((fake) => fake.close()));
    },
  } as Platforms<O>;
}
