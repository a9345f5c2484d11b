/** The pages a process serves to people: what `/` opens and what the start-up lines point to. */
export interface SitePages {
  /** The console and the dashboard (the API's role). */
  dashboard: boolean;
  /** The web chat (the bot's role). */
  chat: boolean;
}

/** Both pages: the standalone process, and the tests' application. */
export const ALL_PAGES: SitePages = { dashboard: true, chat: true };

/** Where `/` leads a person: the console, where people sign in. */
export const HOME_PAGE = '/console/';

/** Where `/` sends a visitor: the home page, or the web chat in a process without it (the bot). */
export function homeOf(pages: SitePages): string {
  return pages.dashboard ? HOME_PAGE : '/chat';
}
