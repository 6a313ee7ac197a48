import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { startApp, TestApp } from './support/app';

/**
 * The reader site in a real browser (Debian's chromium through playwright-core): language
 * negotiation from the browser's locale, the switcher, the sticky `lang` cookie, right-to-left
 * layout and the stale notice. Screenshots go to artifacts/ (git-ignored).
 */
const P = 'health-library';
const A = 'understanding-immunotherapy';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

// The few DOM globals the functions run in the page use (this project compiles without the DOM lib).
interface Rect {
  left: number;
  right: number;
}
declare const innerWidth: number;
declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(selector: string): object | null;
  createRange(): { selectNodeContents(node: object | null): void; getBoundingClientRect(): Rect };
};
declare function getComputedStyle(element: object): { direction: string };
declare const axe: {
  run(
    context: object,
    options: object,
  ): Promise<{ violations: Array<{ id: string; help: string; nodes: unknown[] }> }>;
};

describe('reader site in a browser (e2e, demo content)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: join(ARTIFACTS, `reader-${name}.png`), fullPage: true });
  const htmlAttr = (name: string): Promise<string | null> =>
    page.locator('html').getAttribute(name);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startApp({ worker: true });
    const seeded = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(seeded.seeded).toBe(true);
    browser = await chromium.launch({
      executablePath: execSync('which chromium').toString().trim(),
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
    context = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'vi-VN',
      viewport: { width: 1024, height: 800 },
    });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('lands on the Vietnamese page for a vi-VN browser', async () => {
    const response = await page.goto(`/read/${P}/${A}`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/read/${P}/vi/${A}`);
    expect((await response?.allHeaders())?.['content-encoding']).toBe('br');
    expect(await htmlAttr('lang')).toBe('vi');
    expect(await htmlAttr('dir')).toBe('ltr');
    await expectVisible(page, 'article h1');
    await shot('vi');
  });

  it('switches to Spanish with the language switcher', async () => {
    const link = page.locator('nav.switcher a', { hasText: 'Español' });
    // Through `?choose`, which remembers the pick and redirects to the page.
    expect(await link.getAttribute('href')).toBe(`/read/${P}/es/${A}?choose`);
    await Promise.all([page.waitForURL(`**/read/${P}/es/${A}`), link.click()]);
    expect(await htmlAttr('lang')).toBe('es');
    expect(await htmlAttr('dir')).toBe('ltr');
    expect(await page.locator('nav.switcher a[aria-current="page"]').getAttribute('hreflang')).toBe(
      'es',
    );
    await shot('es');
  });

  it('remembers the choice: the negotiating URL now lands on Spanish', async () => {
    const response = await page.goto(`/read/${P}/${A}`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/read/${P}/es/${A}`);
    expect(await htmlAttr('lang')).toBe('es');
    const cookies = await context.cookies(t.baseUrl + '/read/');
    expect(cookies.find((c) => c.name === 'lang')?.value).toBe('es');
  });

  it('lays the Arabic page out right to left', async () => {
    await page.goto(`/read/${P}/ar/${A}`);
    expect(await htmlAttr('lang')).toBe('ar');
    expect(await htmlAttr('dir')).toBe('rtl');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe(
      'rtl',
    );
    const heading = page.locator('article h1');
    const content = page.locator('article');
    const headingBox = await heading.boundingBox();
    const contentBox = await content.boundingBox();
    expect(headingBox && contentBox).toBeTruthy();
    if (!headingBox || !contentBox) return;
    expect(
      Math.abs(headingBox.x + headingBox.width - (contentBox.x + contentBox.width)),
    ).toBeLessThan(2);
    // The heading's text itself (not just its block box) hugs the right edge, away from the left.
    const text = await page.evaluate((selector) => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(selector));
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right };
    }, 'article h1');
    expect(Math.abs(text.right - (contentBox.x + contentBox.width))).toBeLessThan(2);
    expect(text.left).toBeGreaterThanOrEqual(contentBox.x);
    await shot('ar');
  });

  it('shows the stale notice on an outdated Spanish translation, linking to the English', async () => {
    await page.goto(`/read/${P}/es/staying-hydrated`);
    expect(await htmlAttr('lang')).toBe('es');
    const notice = page.locator('.notice.stale');
    await expectVisible(page, '.notice.stale');
    const link = notice.locator('a', { hasText: 'Leer la versión actual en inglés' });
    expect(await link.getAttribute('href')).toBe(`/read/${P}/en/staying-hydrated`);
    await shot('es-stale');
    await Promise.all([page.waitForURL(`**/read/${P}/en/staying-hydrated`), link.click()]);
    expect(await htmlAttr('lang')).toBe('en');
    expect(await page.locator('.notice.stale').count()).toBe(0);
  });

  it('browses the library from the site name, in the same language, and opens an article', async () => {
    await page.goto(`/read/${P}/vi/${A}`);
    await Promise.all([page.waitForURL(`**/read/${P}/vi/`), page.locator('a.site').click()]);
    expect(await htmlAttr('lang')).toBe('vi');
    const titles = await page.locator('ul.library a').allTextContents();
    expect(titles).toHaveLength(4);
    expect([...titles].sort((a, b) => a.localeCompare(b, 'vi'))).toEqual(titles);
    // The article whose English changed is marked as being updated.
    const hydration = page.locator('ul.library li', {
      has: page.locator(`a[href="/read/${P}/vi/staying-hydrated"]`),
    });
    expect(await hydration.locator('.marker').count()).toBe(1);
    await shot('vi-library');
    await Promise.all([
      page.waitForURL(`**/read/${P}/vi/managing-fatigue`),
      page.locator(`a[href="/read/${P}/vi/managing-fatigue"]`).click(),
    ]);
    expect(await page.locator('article h1').textContent()).toBe(titles[0]);
  });

  it('fits a phone screen without sideways scrolling, and prints without the switcher', async () => {
    const phone = await browser.newContext({
      baseURL: t.baseUrl,
      viewport: { width: 360, height: 740 },
      isMobile: true,
    });
    try {
      const tab = await phone.newPage();
      for (const path of [`vi/${A}`, `ar/${A}`, 'ar/']) {
        await tab.goto(`/read/${P}/${path}`);
        const width = await tab.evaluate(() => ({
          content: document.documentElement.scrollWidth,
          screen: innerWidth,
        }));
        expect(width.content).toBeLessThanOrEqual(width.screen);
      }
      await tab.goto(`/read/${P}/es/staying-hydrated`);
      await tab.emulateMedia({ media: 'print' });
      expect(await tab.locator('nav.switcher').isVisible()).toBe(false);
      expect(await tab.locator('.notice.stale').isVisible()).toBe(true);
      expect(await tab.locator('article h1').isVisible()).toBe(true);
    } finally {
      await phone.close();
    }
  });

  it('passes axe-core (WCAG 2.2 AA and best practices), left to right and right to left', async () => {
    // The pages' CSP forbids scripts, axe's included: a context of its own may bypass it.
    const audit = await browser.newContext({ baseURL: t.baseUrl, bypassCSP: true });
    try {
      const tab = await audit.newPage();
      const found: Record<string, string[]> = {};
      for (const path of [
        `/read/${P}/en/${A}`,
        `/read/${P}/ar/${A}`,
        `/read/${P}/zh-Hans/${A}`,
        `/read/${P}/es/staying-hydrated`, // with the stale notice
        `/read/${P}/es/no-such-article`, // the 404 page
        `/read/${P}/en/${A}?v=1`,
        `/read/${P}/vi/`, // the library index
        `/read/${P}/ar/`,
        `/read/${P}/fr/`, // a library with nothing in French: its 404 page
      ]) {
        await tab.goto(path);
        await tab.addScriptTag({ path: require.resolve('axe-core') });
        const violations = await tab.evaluate(async () => {
          const result = await axe.run(document, {
            runOnly: {
              type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
            },
          });
          return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`);
        });
        if (violations.length > 0) found[path] = violations;
      }
      expect(found).toEqual({});
    } finally {
      await audit.close();
    }
  });
});

async function expectVisible(page: Page, selector: string): Promise<void> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await locator.isVisible()).toBe(true);
}
