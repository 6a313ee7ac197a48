import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page, Response } from 'playwright-core';

/**
 * The web app in a real browser (Debian's chromium through playwright-core): one browser per
 * spec file, one context per user, and page objects that find controls the way a screen reader
 * does (role and accessible name, in the interface language the test runs in).
 */
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts');
const ROOT = join(__dirname, '..', '..');

export type Lang = 'en' | 'ar';

// The few DOM globals the functions run in the page use (this project compiles without the DOM lib).
declare const document: {
  activeElement: { id: string; tagName: string; value?: string } | null;
  cookie: string;
};
declare const window: Record<string, unknown>;
declare const localStorage: {
  length: number;
  key(i: number): string | null;
  getItem(k: string): string | null;
};
declare const sessionStorage: typeof localStorage;
declare const axe: {
  run(
    context: object,
    options: object,
  ): Promise<{
    passes: unknown[];
    violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
  }>;
};

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: execSync('which chromium').toString().trim(),
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

// ---- interface text, from the app's own locale files --------------------------------------

const catalogs = new Map<Lang, Record<string, unknown>>();
function catalog(lang: Lang): Record<string, unknown> {
  let found = catalogs.get(lang);
  if (!found) {
    found = JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'app.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    catalogs.set(lang, found);
  }
  return found;
}

function template(lang: Lang, key: string): string {
  let node: unknown = catalog(lang);
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no interface text ${lang}:${key}`);
  return node;
}

/** The interface text `key` in `lang`, with {{placeholders}} filled. */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  return template(lang, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
    String(vars[name] ?? ''),
  );
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching the interface text `key` whatever fills its placeholders. */
export function trRe(lang: Lang, key: string, vars: Record<string, string | number> = {}): RegExp {
  const parts = template(lang, key).split(/(\{\{\s*\w+\s*\}\})/);
  const source = parts
    .map((part) => {
      const name = /^\{\{\s*(\w+)\s*\}\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      return name in vars ? escape(String(vars[name])) : '.*?';
    })
    .join('');
  return new RegExp(`^${source}$`);
}

// ---- a signed-in user in a browser context ------------------------------------------------

export interface Account {
  email: string;
  password: string;
}

/** One person at one browser: their own context (cookies, storage), one tab. */
export class Person {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly lang: Lang,
    /** alert/confirm/prompt dialogs that opened (none is expected). */
    readonly dialogs: string[],
    /** Pages left while the app asked "leave the page?" (drafts not saved). */
    readonly leaving: string[],
  ) {}

  static async open(
    browser: Browser,
    baseURL: string,
    lang: Lang = 'en',
    options: { bypassCSP?: boolean } = {},
  ): Promise<Person> {
    const context = await browser.newContext({
      baseURL,
      locale: lang === 'ar' ? 'ar' : 'en-GB',
      viewport: { width: 1280, height: 860 },
      bypassCSP: options.bypassCSP ?? false,
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    // An alert() or confirm() nobody expects (an XSS payload would be one) is recorded.
    const leaving: string[] = [];
    page.on('dialog', (dialog) => {
      // "Leave the page?" (unsaved drafts) is answered yes, as the user reloading would.
      if (dialog.type() === 'beforeunload') {
        leaving.push(page.url());
        void dialog.accept();
        return;
      }
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return new Person(context, page, lang, dialogs, leaving);
  }

  t(key: string, vars?: Record<string, string | number>): string {
    return tr(this.lang, key, vars);
  }
  re(key: string, vars?: Record<string, string | number>): RegExp {
    return trRe(this.lang, key, vars);
  }

  get login(): LoginScreen {
    return new LoginScreen(this);
  }
  get editor(): EditorScreen {
    return new EditorScreen(this);
  }

  /** Opens /app/<path>, signing in first when the app asks. */
  async signIn(account: Account, path = '/'): Promise<void> {
    await this.page.goto(`/app${path}`);
    await this.login.signIn(account);
  }

  heading(name: string | RegExp, level = 1): Locator {
    return this.page.getByRole('heading', { level, name });
  }

  /** Until the page has nothing loading: no spinner, a quiet network. */
  async settle(): Promise<void> {
    await this.page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
    await this.page.locator('.spinner').first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({
      path: join(ARTIFACTS, `app-${name}-${this.lang}.png`),
      fullPage: false,
    });
  }

  /** axe-core on what is on screen now: serious and critical violations, as lines. */
  async axe(): Promise<string[]> {
    // Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays on.
    const loaded = await this.page.evaluate(() => typeof window.axe === 'object');
    if (!loaded) await this.page.evaluate(axeSource());
    const { passes, violations } = await this.page.evaluate(async () => {
      const result = await axe.run(document, {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
      });
      return {
        passes: result.passes.length,
        violations: result.violations.map((v) => ({
          line: `${v.id} (${v.impact}): ${v.nodes.length} × ${v.help}`,
          impact: v.impact,
        })),
      };
    });
    // A scan that checked nothing (axe not loaded, an empty page) proves nothing.
    if (passes < 10) throw new Error(`axe-core checked only ${passes} rules on ${this.page.url()}`);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.line);
  }

  /** Screenshot and axe scan of the screen as it is; violations collected under `name`. */
  async check(name: string, found: Record<string, string[]>): Promise<void> {
    await this.settle();
    await this.shot(name);
    const violations = await this.axe();
    if (violations.length > 0) found[`${name} (${this.lang})`] = violations;
  }

  /** What a script injected into the page could read: cookies and web storage. */
  async readableSecrets(): Promise<{ cookie: string; storage: string }> {
    return this.page.evaluate(() => {
      const dump = (store: typeof localStorage) =>
        Array.from({ length: store.length }, (_, i) => {
          const key = store.key(i) ?? '';
          return `${key}=${store.getItem(key) ?? ''}`;
        }).join('\n');
      return { cookie: document.cookie, storage: dump(localStorage) + '\n' + dump(sessionStorage) };
    });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

let axeCode: string | undefined;
function axeSource(): string {
  axeCode ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return axeCode;
}

export class LoginScreen {
  constructor(private readonly p: Person) {}
  get email(): Locator {
    return this.p.page.getByLabel(this.p.t('auth.email'), { exact: true });
  }
  get password(): Locator {
    return this.p.page.getByLabel(this.p.t('auth.password'), { exact: true });
  }
  get submit(): Locator {
    return this.p.page.getByRole('button', { name: this.p.t('auth.submit'), exact: true });
  }
  async signIn(account: Account): Promise<void> {
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.submit.click();
    await this.email.waitFor({ state: 'detached' });
  }
}

/** The editor for one article and locale. */
export class EditorScreen {
  constructor(private readonly p: Person) {}

  get page(): Page {
    return this.p.page;
  }

  async open(project: string, article: string, locale: string, query = ''): Promise<void> {
    await this.page.goto(`/app/projects/${project}/articles/${article}/${locale}${query}`);
    await this.targetField.waitFor();
  }

  /** The open segment's target field ("Translation (español)"). */
  get targetField(): Locator {
    return this.page.getByRole('textbox', { name: this.p.re('editor.targetField') });
  }
  /** The segment at `position` in the list ("Segment 3"). */
  segment(position: number): Locator {
    return this.page.getByRole('listitem', {
      name: this.p.t('editor.segmentLabel', { position }),
      exact: true,
    });
  }
  get activeSegment(): Locator {
    return this.page.locator('[role="listitem"][aria-current="true"]');
  }
  button(key: string, vars?: Record<string, string | number>): Locator {
    return this.page.getByRole('button', { name: this.p.re(key, vars) });
  }

  /** Waits until the app itself has put the cursor into the open segment's field. */
  async fieldFocused(): Promise<void> {
    await this.page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    await this.targetField.and(this.page.locator(':focus')).waitFor();
  }

  /** The reply to the next save (PUT) of a segment. */
  nextSave(): Promise<Response> {
    return this.page.waitForResponse(
      (r) => r.request().method() === 'PUT' && /\/segments\/[^/]+$/.test(new URL(r.url()).pathname),
    );
  }
  nextReview(): Promise<Response> {
    return this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/review'),
    );
  }

  /** Ctrl+Enter in the field: saves, answers, and the cursor is in the next field. */
  async saveAndNext(): Promise<Response> {
    const before = await this.page.evaluate(() => document.activeElement?.id ?? '');
    const saved = this.nextSave();
    await this.page.keyboard.press('Control+Enter');
    const response = await saved;
    await this.page
      .waitForFunction(
        (previous) =>
          document.activeElement?.tagName === 'TEXTAREA' && document.activeElement.id !== previous,
        before,
        { timeout: 5_000 },
      )
      .catch(() => undefined); // the last segment has no next one
    return response;
  }

  tab(key: string): Locator {
    return this.page.getByRole('tab', { name: this.p.t(key), exact: true });
  }
  get conflict(): Locator {
    return this.page.getByRole('alert').filter({
      has: this.page.getByRole('heading', { name: this.p.re('conflicts.titleSave') }),
    });
  }
}
