import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectPath } from '@turbota/common';

type SlackManifest = AppsManifestCreateArguments['manifest'];
type BotScope = NonNullable<NonNullable<NonNullable<SlackManifest['oauth_config']>['scopes']>['bot']>[number];

/** The bot scope each Web API method Turbota calls needs (`views.*` and `response_url` need none). */
const SCOPES_OF_METHODS: Record<string, BotScope[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'users.info': ['users:read', 'users:read.email'],
  'usergroups.users.list': ['usergroups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'views.open': [],
  'views.publish': [],
};
/** Besides the calls': reading customers' direct messages (message.im) and the slash command. */
const OTHER_SCOPES: BotScope[] = ['im:history', 'im:read', 'commands'];
type BotEvent = NonNullable<NonNullable<NonNullable<SlackManifest['settings']>['event_subscriptions']>['bot_events']>[number];
/** A customer's direct message (app.event('message') in slack-router.ts) and a supervisor opening the Home (supervisor-webhook.ts). */
const HANDLED_EVENTS: [BotEvent, ...BotEvent[]] = ['message.im', 'app_home_opened'];
const KNOWN_SCOPES = [...new Set([...Object.values(SCOPES_OF_METHODS).flat(), ...OTHER_SCOPES])] as [BotScope, ...BotScope[]];

/**
 * The app manifest's fields as Slack documents them (https://api.slack.com/reference/manifests),
 * with their limits; strict, so a misspelt or invented key fails here rather than in Slack's
 * "create from manifest" form.
 */
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.number().int(), minor_version: z.number().int() }).optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/).optional(),
  }),
  features: z
    .strictObject({
      app_home: z.strictObject({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }).optional(),
      bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() }).optional(),
      slash_commands: z
        .array(
          z.strictObject({
            command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
            url: z.url().optional(),
            description: z.string().min(1).max(2000),
            usage_hint: z.string().max(1000).optional(),
            should_escape: z.boolean().optional(),
          }),
        )
        .max(50)
        .optional(),
    })
    .optional(),
  // Bot scopes only, each one Turbota is known to need (below): the app asks for nothing it does not use.
  oauth_config: z.strictObject({ scopes: z.strictObject({ bot: z.array(z.enum(KNOWN_SCOPES)).min(1) }), redirect_urls: z.array(z.url()).optional() }).optional(),
  settings: z
    .strictObject({
      // The events Turbota handles, and no others: Slack would send them for nothing.
      event_subscriptions: z.strictObject({ request_url: z.url().optional(), bot_events: z.array(z.enum(HANDLED_EVENTS)) }).optional(),
      interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: z.url().optional(), message_menu_options_url: z.url().optional() }).optional(),
      org_deploy_enabled: z.boolean().optional(),
      socket_mode_enabled: z.boolean().optional(),
      token_rotation_enabled: z.boolean().optional(),
    })
    .optional(),
});

/** The Web API methods the bot's code calls (`client.chat.postMessage(` and the like). */
function methodsCalled(dir: string): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) methodsCalled(path).forEach((method) => found.add(method));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      for (const [, method] of readFileSync(path, 'utf8').matchAll(/\bclient\.((?:chat|users|usergroups|conversations|views)(?:\.\w+)+)\(/g)) found.add(method);
    }
  }
  return [...found];
}

describe('config/slack-app-manifest.yml', () => {
  const raw: unknown = parse(readFileSync(projectPath('config', 'slack-app-manifest.yml'), 'utf8'));
  // Typed by the Web API's own manifest type (what apps.manifest.create takes), once the schema above has checked it.
  const manifestOf = (): SlackManifest => manifestSchema.parse(raw);

  it('holds only the fields Slack documents, within their limits', () => {
    expect(manifestSchema.safeParse(raw).error?.issues ?? []).toEqual([]);
  });

  it('runs in Socket Mode, with interactivity, the Home tab and customers writing to the app', () => {
    const manifest = manifestOf();
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
    expect(manifest.features?.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('subscribes to the events the listeners handle, and offers /turbota', () => {
    const manifest = manifestOf();
    expect([...(manifest.settings?.event_subscriptions?.bot_events ?? [])].sort()).toEqual([...HANDLED_EVENTS].sort());
    expect(manifest.features?.slash_commands?.map((command) => command.command)).toEqual(['/turbota']);
  });

  it("grants every scope the bot's Web API calls need, the messages it reads and its command, and no other", () => {
    const manifest = manifestOf();
    const called = methodsCalled(projectPath('apps', 'bot', 'src'));
    expect(called.filter((method) => !(method in SCOPES_OF_METHODS))).toEqual([]);
    const needed = new Set([...called.flatMap((method) => SCOPES_OF_METHODS[method]), ...OTHER_SCOPES]);
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
  });
});
