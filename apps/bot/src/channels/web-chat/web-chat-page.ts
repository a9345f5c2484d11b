import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { type Locale, projectPath } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';

/** Files of the page, served from `apps/bot/web/chat/`. */
export const CHAT_ASSETS: Record<string, string> = {
  'chat.css': 'text/css; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
};

/** Nothing but our own files; the JSON config block is data, never run. */
export const CHAT_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Deep links that open a survey link's survey in a messenger instead, by platform. */
export interface LinkMessengers {
  telegram?: string;
  viber?: string;
}

/** A personal survey link's page: its token, why it cannot be answered (if so), and the messengers it may be answered in instead. */
export interface LinkPage {
  token: string;
  problem: 'unknown' | 'expired' | null;
  messengers?: LinkMessengers;
}

/** The web chat page: the template filled in with the language, the point of service and the texts. */
@Injectable()
export class WebChatPage {
  private readonly template = read('chat.html');
  private readonly strings = JSON.parse(read('strings.json')) as Record<Locale, Record<string, string>>;
  private readonly assets = new Map(Object.keys(CHAT_ASSETS).map((name) => [name, read(name)]));

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * `pointUnknown`: a point was given but is not registered; the page says so kindly and runs the
   * generic survey. `link`: a personal survey link's page, which opens that contact's survey
   * (or says the link is unknown or over); with messengers, it first asks where to answer.
   */
  render(locale: Locale, point: string | undefined, pointUnknown = false, link?: LinkPage): string {
    const strings = this.strings[locale];
    // `locales`: the language switch offers only those the installation speaks.
    const config = JSON.stringify({
      locale,
      locales: this.config.supportedLocales,
      point: point ?? null,
      pointUnknown,
      link: link?.token ?? null,
      linkProblem: link?.problem ?? null,
      linkMessengers: link?.messengers ?? {},
      apiBase: '/chat/api',
      strings,
    })
      // Inside <script>, "</" would end the block early; escaped it stays the same JSON.
      .replace(/</g, '\\u003c');
    return this.template
      .replaceAll('{{lang}}', locale)
      .replaceAll('{{title}}', escapeHtml(strings.title))
      .replace('{{config}}', () => config);
  }

  asset(name: string): string | undefined {
    return this.assets.get(name);
  }
}

function read(name: string): string {
  return readFileSync(projectPath('apps', 'bot', 'web', 'chat', name), 'utf8');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
