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
});
