import { Browser } from 'playwright-core';
import { ADMIN } from './support/app';
import { makeArticle, segments } from './support/content';
import { addMember, unique } from './support/factories';
import { startTeam, Team } from './support/team';
import { launchBrowser, Person } from './support/web';

/**
 * OWASP-style payloads in every field the app shows that a user controls (article title and
 * source, a segment's target, a review comment and a segment comment, user names, a project
 * name, a webhook URL), then every screen that shows them, in Chromium. The pages are opened
 * with the CSP bypassed, so what is proven is that the app renders user text as text; the CSP
 * header (no inline script) is checked on its own. The session cookie is HttpOnly and no access
 * token sits in web storage, where an injected script could read it.
 */
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload=window.__xss=1>';
const JS_URL = 'javascript:window.__xss=1';

// The DOM globals the functions run in the page use (this project compiles without the DOM lib).
declare const window: { __xss?: unknown };

describe('web app renders hostile text as text (browser e2e)', () => {
  let team: Team;
  let browser: Browser;
  let project: string;
  let article: string;
  let linked: string;
  const webhookUrls: string[] = [];
  const projectName = `Clinic ${SCRIPT}`;
  const title = `Fatigue ${SCRIPT}`;
  const SOURCE = [
    `Rest ${IMG} when tired.`,
    `Eat ${SCRIPT} well.`,
    `Sleep ${SVG} early.`,
    `Never open ${JS_URL} links.`,
  ];
  const rejection = `${SCRIPT} ${JS_URL}`;
  const TITLE_ES = `Cansancio ${SCRIPT}`;
  const REST_ES = `Descanse ${IMG} cuando esté cansado.`;
  const comment = `${SVG} ${IMG}`;

  beforeAll(async () => {
    team = await startTeam({
      worker: true,
      names: { translator: `Nurse ${IMG}`, reviewer: SVG },
    });
    const { http, admin, translator, reviewer } = team;
    project = unique('xss');
    const created = await http.post(
      '/api/projects',
      { slug: project, name: projectName, sourceLocale: 'en', targetLocales: ['es'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    await addMember(http, admin, project, translator.id, 'es', 'translator');
    await addMember(http, admin, project, reviewer.id, 'es', 'reviewer');
    ({ slug: article } = await makeArticle(http, admin, project, {
      title,
      format: 'text',
      content: SOURCE.join('\n\n'),
    }));
    ({ slug: linked } = await makeArticle(http, admin, project, {
      title: `Links ${SVG}`,
      format: 'markdown',
      content: `Read [the sheet](${JS_URL}) and ${IMG} today.`,
    }));

    // A target, a rejection reason and a comment, each a payload.
    const base = `/api/projects/${project}/articles/${article}/locales/es/segments`;
    const [first, second] = await segments(http, admin, project, article, 'es');
    // (The markup check refuses a target with more "<" than its source: same payload as it.)
    const saved = await http.put(
      `${base}/${first.id}`,
      { target: TITLE_ES, revision: first.revision },
      { token: translator.token },
    );
    expect(saved.status).toBe(200);
    const secondSaved = await http.put(
      `${base}/${second.id}`,
      { target: REST_ES, revision: second.revision },
      { token: translator.token },
    );
    expect(secondSaved.status).toBe(200);
    const rejected = await http.post(
      `${base}/${first.id}/review`,
      { decision: 'reject', revision: saved.body.revision, comment: rejection },
      { token: reviewer.token },
    );
    expect(rejected.status).toBe(200);
    const commented = await http.post(
      `${base}/${second.id}/comments`,
      { body: comment },
      { token: reviewer.token },
    );
    expect(commented.status).toBe(201);

    // Webhook addresses: a javascript: URL is refused; a URL carrying markup is kept as given.
    for (const url of [JS_URL, `https://example.org/hook?next=${SVG}`]) {
      const hook = await http.post(
        `/api/projects/${project}/webhooks`,
        { url, events: ['*'], secret: 'a-secret-of-some-length' },
        { token: admin },
      );
      if (hook.status === 201) webhookUrls.push(hook.body.url as string);
      else expect(url).toBe(JS_URL);
    }
    expect(webhookUrls).toHaveLength(1);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await team?.t.close();
  });

  /** Nothing ran, nothing became markup, and each payload reads as the text it is. */
  async function expectInert(person: Person, screen: string, visible: string[]): Promise<void> {
    await person.settle();
    await person.shot(`xss-${screen}`);
    const page = person.page;
    expect({ screen, xss: await page.evaluate(() => window.__xss) }).toEqual({ screen });
    expect({ screen, dialogs: person.dialogs }).toEqual({ screen, dialogs: [] });
    const markup = await page
      .locator('img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript" i]')
      .count();
    expect({ screen, markup }).toEqual({ screen, markup: 0 });
    for (const text of visible) {
      const shown = page.getByText(text, { exact: false }).first();
      await shown.waitFor({ timeout: 10_000 });
    }
  }

  it('keeps the session out of reach of scripts and sends a CSP without inline script', async () => {
    const me = await Person.open(browser, team.t.baseUrl, 'en');
    try {
      const response = await me.page.goto('/app/');
      const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      const login = me.page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await me.login.signIn(team.translator);
      const { accessToken } = (await (await login).json()) as { accessToken: string };
      expect(accessToken.length).toBeGreaterThan(20);
      await me.heading(/Nurse/).waitFor();
      // Reloaded, the app signs in again from the cookie, which scripts cannot read.
      await me.page.reload();
      await me.heading(/Nurse/).waitFor();
      const cookies = await me.context.cookies(`${team.t.baseUrl}/api/auth/refresh`);
      const session = cookies.find((c) => c.name === 'tms_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      const readable = await me.readableSecrets();
      expect(readable.cookie).not.toContain('tms_session');
      expect(readable.cookie).not.toContain(session?.value ?? '-');
      expect(readable.storage).not.toContain(accessToken);
      expect(readable.storage).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT at all
    } finally {
      await me.close();
    }
  });

  it("shows the translator's screens with every payload as text", async () => {
    const me = await Person.open(browser, team.t.baseUrl, 'en', { bypassCSP: true });
    try {
      await me.signIn(team.translator);
      await me.heading(/Nurse/).waitFor();
      await expectInert(me, 'home', [`Nurse ${IMG}`, projectName]);

      await me.page.goto(`/app/projects/${project}`);
      await expectInert(me, 'project', [projectName, title, `Links ${SVG}`]);

      await me.editor.open(project, article, 'es');
      // The rejected segment opens first: the reviewer's reason, the payload target in the field.
      await expectInert(me, 'editor', [title, ...SOURCE, rejection, REST_ES]);
      expect(await me.editor.targetField.inputValue()).toBe(TITLE_ES);
      await me.editor.tab('editor.tabs.history').click();
      await expectInert(me, 'editor-history', [SVG]);

      await me.page.keyboard.press('Alt+ArrowDown');
      await me.editor.tab('editor.tabs.comments').click();
      await expectInert(me, 'editor-comments', [comment]);

      await me.editor.tab('editor.tabs.preview').click();
      const frame = me.page.locator('iframe');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      await expectInert(me, 'editor-preview', []);
      const inside = me.page.frameLocator('iframe');
      await inside.locator('body').waitFor();
      expect(
        await inside.locator('script, [onerror], [onload], a[href^="javascript" i]').count(),
      ).toBe(0);
      expect(await inside.locator('body').innerText()).toContain(REST_ES);
      // The title heads the preview, as text: the payload in it made no element.
      expect(await inside.locator('h1').innerText()).toBe(TITLE_ES);

      await me.editor.open(project, linked, 'es');
      await expectInert(me, 'editor-links', [`Links ${SVG}`]);
    } finally {
      await me.close();
    }
  });

  it("shows the admin's screens with every payload as text", async () => {
    const admin = await Person.open(browser, team.t.baseUrl, 'en', { bypassCSP: true });
    try {
      await admin.signIn(ADMIN, '/admin/users');
      await expectInert(admin, 'admin-users', [`Nurse ${IMG}`, SVG]);
      await admin.page.goto('/app/admin/projects');
      await expectInert(admin, 'admin-projects', [projectName]);
      await admin.page.goto(`/app/admin/projects/${project}`);
      await expectInert(admin, 'admin-project', [projectName, title, `Nurse ${IMG}`]);
      await admin.page.goto(`/app/admin/projects/${project}/articles/${article}`);
      await expectInert(admin, 'admin-article', [title]);
      await admin.page.goto(`/app/admin/projects/${project}/webhooks`);
      await expectInert(admin, 'admin-webhooks', webhookUrls);
      await admin.page.goto('/app/admin');
      await expectInert(admin, 'admin-overview', [projectName]);
    } finally {
      await admin.close();
    }
  });
});
