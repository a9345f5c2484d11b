import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { type Locale, projectPath } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { escapeHtml } from '../../escape-html';

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

/** The unsubscribe page: no script at all, and its one form posts back to itself. */
export const UNSUBSCRIBE_CSP = ["default-src 'none'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"].join('; ');

/** Deep links that open a survey link's survey in a messenger instead, by platform. */
export interface LinkMessengers {
  telegram?: string;
  viber?: string;
  messenger?: string;
}

/** A personal survey link's page: its token, why it cannot be answered (if so), and the messengers it may be answered in instead. */
export interface LinkPage {
  token: string;
  problem: 'unknown' | 'expired' | null;
  messengers?: LinkMessengers;
  /** The score an e-mail's button gave, to open the survey with (no choice of messenger then). */
  answer?: number;
}

/** The web chat page: the template filled in with the language, the point of service and the texts. */
@Injectable()
export class WebChatPage {
  // The pages share the mark's drawing (`mark-paths.html`), put in where a page names it.
  private readonly template = withMark(read('chat.html'));
  private readonly unsubscribeTemplate = withMark(read('unsubscribe.html'));
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
      linkAnswer: link?.answer ?? null,
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

  /**
   * An e-mail's unsubscribe page: `ask` to confirm with one button (posting back to the same
   * address), `done` once unsubscribed, `unknown` for a link that does not exist.
   */
  renderUnsubscribe(locale: Locale, state: 'ask' | 'done' | 'unknown'): string {
    const strings = this.strings[locale];
    const heading = state === 'done' ? strings.unsubscribedTitle : strings.unsubscribeTitle;
    const text = { ask: strings.unsubscribeAsk, done: strings.unsubscribed, unknown: strings.linkUnknown }[state];
    const form =
      state === 'ask' ? `<form class="unsubscribe__form" method="post"><button type="submit" class="primary">${escapeHtml(strings.unsubscribeButton)}</button></form>` : '';
    return this.unsubscribeTemplate
      .replaceAll('{{lang}}', locale)
      .replaceAll('{{title}}', escapeHtml(strings.title))
      .replaceAll('{{heading}}', escapeHtml(heading))
      .replace('{{text}}', () => escapeHtml(text))
      .replace('{{form}}', () => form);
  }

  asset(name: string): string | undefined {
    return this.assets.get(name);
  }
}

function read(name: string): string {
  return readFileSync(projectPath('apps', 'bot', 'web', 'chat', name), 'utf8');
}

function withMark(template: string): string {
  const paths = read('mark-paths.html').trim();
  return template.replaceAll('{{markPaths}}', () => paths);
}
