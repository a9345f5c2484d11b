import type { AppConfig } from '@turbota/config';
import { WebChatPage } from './web-chat-page';

const page = new WebChatPage({ supportedLocales: ['uk', 'ru', 'en'] } as unknown as AppConfig);

/** The JSON block the page's script reads its settings from. */
function configOf(html: string): Record<string, unknown> {
  return JSON.parse(/<script type="application\/json" id="turbota-chat-config">(.*?)<\/script>/s.exec(html)![1]) as Record<string, unknown>;
}

describe('WebChatPage', () => {
  it("gives a survey link's page the messengers it may be answered in instead", () => {
    const messengers = { telegram: 'https://t.me/turbota_bot?start=sv_abc', viber: 'viber://pa?chatURI=turbota&context=sv_abc' };
    const config = configOf(page.render('uk', undefined, false, { token: 'sv_abc', problem: null, messengers }));
    expect(config).toMatchObject({ link: 'sv_abc', linkProblem: null, linkMessengers: messengers });
  });

  it('offers no messenger on a link without them, nor on the plain page', () => {
    expect(configOf(page.render('en', undefined, false, { token: 'sv_abc', problem: 'expired' }))).toMatchObject({ linkProblem: 'expired', linkMessengers: {} });
    expect(configOf(page.render('en', 'kyiv-central'))).toMatchObject({ link: null, point: 'kyiv-central', linkMessengers: {} });
  });

  it('keeps a deep link inside the JSON block whatever it holds', () => {
    const html = page.render('en', undefined, false, { token: 'sv_abc', problem: null, messengers: { telegram: 'https://t.me/x?start=</script><script>' } });
    // The config block's and chat.js's own, no third.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(configOf(html).linkMessengers).toEqual({ telegram: 'https://t.me/x?start=</script><script>' });
  });

  it("gives an e-mail's score to the link's page to open with, and no choice of messenger beside it", () => {
    expect(configOf(page.render('en', undefined, false, { token: 'sv_abc', problem: null, answer: 9 }))).toMatchObject({ linkAnswer: 9, linkMessengers: {} });
    expect(configOf(page.render('en', undefined, false, { token: 'sv_abc', problem: null }))).toMatchObject({ linkAnswer: null });
  });

  it('fills every slot of its pages, the unsubscribe page asking with a form that posts back and saying when it is done', () => {
    const pages = [page.render('ru', undefined), page.renderUnsubscribe('uk', 'ask'), page.renderUnsubscribe('en', 'done'), page.renderUnsubscribe('en', 'unknown')];
    for (const html of pages) {
      expect(html).not.toMatch(/\{\{\w+\}\}/);
      expect(html).toContain('class="mark__heart"');
    }
    expect(pages[1]).toContain('<form class="unsubscribe__form" method="post"><button type="submit" class="primary">Відписатися</button></form>');
    expect(pages[1]).toContain('<html lang="uk">');
    expect(pages[2]).not.toContain('<form');
    expect(pages[2]).toContain('You are unsubscribed');
    // No script on the unsubscribe page at all.
    for (const html of pages.slice(1)) expect(html).not.toContain('<script');
  });
});
