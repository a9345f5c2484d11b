import { CHART_JS_NAME, DASHBOARD_CSP, DashboardPage, scriptJson } from './dashboard-page';

describe('DashboardPage', () => {
  const page = new DashboardPage();
  const configOf = (html: string) => /id="turbota-dashboard-config">([^<]*)<\/script>/.exec(html)?.[1];

  it('fills in the language, its title and the boot flags', () => {
    const html = page.render({ locale: 'uk', headerAuth: true, headerRejected: false });
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('<title>Панель Turbota</title>');
    expect(JSON.parse(configOf(html)!)).toMatchObject({ locale: 'uk', headerAuth: true, headerRejected: false, locales: ['uk', 'ru', 'en'] });
  });

  it('keeps a text that holds a closing script tag inside the JSON block, as the same JSON', () => {
    const hostile = { title: '</script><script>alert(1)</script>' };
    const json = scriptJson(hostile);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it('offers the pinned chart library under a versioned name, and nothing else from outside the page folder', () => {
    expect(CHART_JS_NAME).toMatch(/^chart-4\.\d+\.\d+\.umd\.min\.js$/);
    expect(page.asset(CHART_JS_NAME)).toMatchObject({ type: 'text/javascript; charset=utf-8', maxAgeSeconds: 31_536_000 });
    expect(page.asset('dashboard.js')?.maxAgeSeconds).toBe(300);
    for (const name of ['strings.json', 'dashboard.html', '../package.json', 'chart.umd.min.js']) expect(page.asset(name)).toBeUndefined();
  });

  it('allows scripts and styles from this origin only', () => {
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("style-src 'self'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe|\*|https?:/);
  });
});
