import { Browser } from 'playwright-core';
import { makeArticle, translateAndApprove } from './support/content';
import { makeProject } from './support/factories';
import { startTeam, Team } from './support/team';
import { ADMIN } from './support/app';
import { launchBrowser, Person } from './support/web';

/**
 * Sign-in, home, project, settings and the admin screens in Chromium against the real server:
 * a translator changes their password and signs in with it; an admin updates an article's
 * English and reads the preview (kept, changed with its risk, added, removed, per language)
 * before saving. Every screen is scanned with axe-core in the English and the Arabic interface.
 */
const V1 = [
  'Rest when you feel tired.',
  '',
  'Take 2 tablets after breakfast.',
  '',
  'Walk for ten minutes each day.',
  '',
  'Keep a diary of your energy levels and your sleep.',
].join('\n');
const V2 = [
  'Rest when you feel tired.',
  '',
  'Take 3 tablets after breakfast.',
  '',
  'Walk slowly for ten minutes each day.',
  '',
  '## When to call us',
  '',
  'Call the clinic at once if you faint.',
].join('\n');

describe('web app: sign-in, home, settings, admin (browser e2e)', () => {
  let team: Team;
  let browser: Browser;
  let project: string;
  let article: string;
  const found: Record<string, string[]> = {};
  const NEW_PASSWORD = 'a-new-password-for-tomas';

  beforeAll(async () => {
    team = await startTeam({ worker: true, names: { translator: 'Tomás Ortega' } });
    const roles = { translator: team.translator, reviewer: team.reviewer };
    ({ slug: project } = await makeProject(team.http, team.admin, {
      targetLocales: ['es', 'ar'],
      members: { es: roles, ar: roles },
    }));
    ({ slug: article } = await makeArticle(team.http, team.admin, project, {
      title: 'Managing fatigue',
      content: V1,
    }));
    await translateAndApprove(
      team.http,
      { translator: team.translator.token, reviewer: team.reviewer.token },
      project,
      article,
      'es',
      (source) => `ES ${source}`,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await team?.t.close();
  });

  it('h: sign in, home with tasks and projects, project page, settings: a new password works', async () => {
    const me = await Person.open(browser, team.t.baseUrl, 'en');
    try {
      await me.page.goto('/app/');
      await me.login.email.waitFor();
      await me.check('login', found);
      await me.login.signIn(team.translator);
      await me.heading(/Tomás Ortega/).waitFor();
      const task = me.page.getByRole('link', {
        name: me.re('home.taskLink.translate', { title: 'Managing fatigue' }),
      });
      await task.first().waitFor();
      await me.check('home', found);

      await me.page.getByRole('link', { name: `Project ${project}`, exact: true }).click();
      await me.heading(`Project ${project}`).waitFor();
      await me.check('project', found);

      await me.page
        .getByRole('navigation', { name: me.t('nav.mainMenu') })
        .getByRole('link', { name: me.t('nav.settings') })
        .click();
      await me.heading(me.t('settings.title')).waitFor();
      await me.check('settings', found);
      await me.page
        .getByLabel(me.t('settings.password.current'), { exact: true })
        .fill(team.translator.password);
      await me.page.getByLabel(me.t('settings.password.new'), { exact: true }).fill(NEW_PASSWORD);
      await me.page
        .getByLabel(me.t('settings.password.confirm'), { exact: true })
        .fill(NEW_PASSWORD);
      await me.page.getByRole('button', { name: me.t('settings.password.submit') }).click();
      await me.page
        .getByRole('status')
        .filter({ hasText: me.t('settings.password.changed') })
        .waitFor();

      await me.page.getByRole('button', { name: /Tomás Ortega/ }).click();
      await me.page.getByRole('button', { name: me.t('nav.signOut') }).click();
      await me.login.email.waitFor();
      // The old password is refused, the new one lets them in.
      await me.login.email.fill(team.translator.email);
      await me.login.password.fill(team.translator.password);
      await me.login.submit.click();
      await me.page
        .getByRole('alert')
        .filter({ hasText: me.t('auth.invalidCredentials') })
        .waitFor();
      await me.login.signIn({ email: team.translator.email, password: NEW_PASSWORD });
      // Back where they signed out (settings), signed in.
      await me.heading(me.t('settings.title')).waitFor();
      await me.page.getByRole('button', { name: /Tomás Ortega/ }).waitFor();
    } finally {
      await me.close();
    }
  });

  it('h (ar): the same screens in the Arabic interface, right to left', async () => {
    const me = await Person.open(browser, team.t.baseUrl, 'ar');
    try {
      await me.page.goto('/app/');
      await me.login.email.waitFor();
      expect(await me.page.locator('html').getAttribute('dir')).toBe('rtl');
      await me.check('login', found);
      await me.login.signIn(team.reviewer);
      await me.page.getByRole('heading', { level: 2, name: me.t('home.myTasks') }).waitFor();
      await me.check('home', found);
      await me.page.goto(`/app/projects/${project}`);
      await me.heading(`Project ${project}`).waitFor();
      await me.check('project', found);
      await me.page.goto('/app/settings');
      await me.heading(me.t('settings.title')).waitFor();
      await me.check('settings', found);
    } finally {
      await me.close();
    }
  });

  it('g: an admin updates the English, reads the preview per segment and language, then saves', async () => {
    const admin = await Person.open(browser, team.t.baseUrl, 'en');
    try {
      await admin.signIn(ADMIN, `/admin/projects/${project}/articles/${article}`);
      await admin.heading('Managing fatigue').waitFor();
      await admin.check('admin-article', found);
      const content = admin.page.getByRole('textbox', { name: admin.t('admin.source.content') });
      await content.fill(V2);
      const save = admin.page.getByRole('button', { name: admin.t('admin.source.save') });
      expect(await save.isDisabled()).toBe(true); // not before a preview
      await admin.page.getByRole('button', { name: admin.t('admin.source.preview') }).click();

      const preview = admin.page.getByRole('region', { name: admin.t('admin.preview.title') });
      await preview.waitFor();
      const items = preview.getByRole('listitem');
      const item = (text: string) => items.filter({ hasText: text });
      const chip = (status: string) => admin.t(`admin.preview.status.${status}`);
      // Changed, with the risk: the dose is clinical, the walk is wording.
      expect(await item('tablets').innerText()).toContain(chip('changed'));
      expect(await item('tablets').innerText()).toContain(admin.t('admin.risk.clinical'));
      expect(await item('slowly').innerText()).toContain(admin.t('admin.risk.wording'));
      expect(await item('Call the clinic').innerText()).toContain(chip('added'));
      expect(await item('diary').innerText()).toContain(chip('removed'));
      await preview
        .getByRole('alert')
        .filter({ hasText: admin.re('admin.preview.clinicalWarning') })
        .waitFor();
      // Kept segments show on demand.
      await preview.getByRole('checkbox', { name: admin.re('admin.preview.showKept') }).check();
      expect(await item('Rest when you feel tired.').innerText()).toContain(chip('kept'));
      // Per language: Spanish keeps two approved (the title too), two become fuzzy, two are new.
      const table = preview.getByRole('table', { name: admin.t('admin.preview.perLocale') });
      const es = table.getByRole('row').filter({ hasText: /Spanish|español/i });
      expect((await es.getByRole('cell').allInnerTexts()).map((c) => c.trim())).toEqual([
        '2',
        '2',
        '2',
      ]);
      await admin.check('admin-source-preview', found);

      const saved = admin.page.waitForResponse(
        (r) => r.request().method() === 'PUT' && r.url().endsWith('/source'),
      );
      await save.click();
      expect((await saved).status()).toBe(200);
      await admin.page
        .getByText(admin.re('admin.source.saved', { version: 2 }))
        .first()
        .waitFor();
      const current = await team.http.get(`/api/projects/${project}/articles/${article}`, {
        token: team.admin,
      });
      expect(current.body.currentVersion).toBe(2);
    } finally {
      await admin.close();
    }
  });

  it('j: an admin adds a glossary term, edits it, imports CSV, exports it, and sets up MT', async () => {
    const admin = await Person.open(browser, team.t.baseUrl, 'en');
    const glossary = async () =>
      (await team.http.get(`/api/projects/${project}/glossary`, { token: team.admin }))
        .body as Array<Record<string, unknown>>;
    try {
      await admin.signIn(ADMIN, `/admin/projects/${project}`);
      await admin.page.getByRole('link', { name: admin.t('admin.glossary.title') }).click();
      await admin.heading(admin.t('admin.glossary.title')).waitFor();

      // Add
      const add = admin.page.getByRole('form', { name: admin.t('admin.glossary.newTitle') });
      await add.getByLabel(admin.t('admin.glossary.term')).fill('fatigue');
      await add.getByLabel(admin.t('admin.glossary.locale')).selectOption('es');
      await add.getByLabel(admin.t('admin.glossary.translation')).fill('cansancio');
      await add.getByRole('button', { name: admin.t('admin.glossary.add') }).click();
      await admin.page
        .getByRole('status')
        .filter({ hasText: admin.t('admin.glossary.created', { term: 'fatigue' }) })
        .waitFor();
      expect(await glossary()).toEqual([
        expect.objectContaining({ term: 'fatigue', locale: 'es', translation: 'cansancio' }),
      ]);

      // Edit, in a dialog
      await admin.page
        .getByRole('button', { name: `${admin.t('admin.glossary.edit')}: fatigue` })
        .click();
      const dialog = admin.page.getByRole('dialog', {
        name: admin.t('admin.glossary.editTitle', { term: 'fatigue' }),
      });
      await dialog.getByLabel(admin.t('admin.glossary.translation')).fill('agotamiento');
      await dialog.getByLabel(admin.t('admin.glossary.note')).fill('Patient wording');
      await dialog.getByRole('checkbox', { name: admin.t('admin.glossary.caseSensitive') }).check();
      await admin.check('admin-glossary-dialog', found);
      await dialog.getByRole('button', { name: admin.t('admin.glossary.save') }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await glossary()).toEqual([
        expect.objectContaining({
          term: 'fatigue',
          translation: 'agotamiento',
          note: 'Patient wording',
          caseSensitive: true,
        }),
      ]);

      // Import two records from a CSV file
      const csv =
        'term,locale,translation,doNotTranslate,note\r\n' +
        'dose,es,dosis,false,\r\nTylenol,ar,Tylenol,true,Brand name\r\n';
      await admin.page
        .getByLabel(admin.t('admin.glossary.importFile'))
        .setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await admin.page
        .getByRole('button', { name: admin.t('admin.glossary.import'), exact: true })
        .click();
      await admin.page
        .getByRole('status')
        .filter({ hasText: admin.t('admin.glossary.imported', { created: 2, updated: 0 }) })
        .waitFor();
      const terms = await glossary();
      expect(terms.map((e) => [e.term, e.locale, e.translation, e.doNotTranslate])).toEqual(
        expect.arrayContaining([
          ['dose', 'es', 'dosis', false],
          ['Tylenol', 'ar', 'Tylenol', true],
          ['fatigue', 'es', 'agotamiento', false],
        ]),
      );
      expect(terms).toHaveLength(3);
      // The rows list them; the text filter narrows them.
      await admin.page.getByRole('row').filter({ hasText: 'dosis' }).waitFor();
      await admin.page.getByLabel(admin.t('admin.glossary.filterText')).fill('tyl');
      await expect(admin.page.getByRole('row').filter({ hasText: 'dosis' }).count()).resolves.toBe(
        0,
      );

      // Export: a CSV file fetched with the token
      const download = admin.page.waitForEvent('download');
      await admin.page.getByRole('button', { name: admin.t('admin.glossary.export') }).click();
      const file = await (await download).createReadStream();
      let exported = '';
      for await (const chunk of file) exported += String(chunk);
      expect(exported).toContain('dose,es,dosis');
      expect(exported).toContain('fatigue,es,agotamiento');

      // Machine translation: LibreTranslate on a local server, no key
      await admin.page.goto(`/app/admin/projects/${project}`);
      await admin.page.getByRole('link', { name: admin.t('admin.mt.title') }).click();
      await admin.heading(admin.t('admin.mt.title')).waitFor();
      await admin.page.getByText(admin.t('admin.mt.none')).waitFor();
      const form = admin.page.getByRole('form', { name: admin.t('admin.mt.setUpTitle') });
      await form
        .getByLabel(admin.t('admin.mt.provider'), { exact: true })
        .selectOption('libretranslate');
      await form
        .getByLabel(admin.t('admin.mt.endpoint'), { exact: true })
        .fill('http://127.0.0.1:5000');
      await form.getByRole('checkbox', { name: /\(es\)/ }).check();
      await form.getByRole('button', { name: admin.t('admin.mt.save') }).click();
      await admin.page
        .getByRole('status')
        .filter({ hasText: admin.t('admin.mt.saved') })
        .waitFor();
      const mt = await team.http.get(`/api/projects/${project}/mt`, { token: team.admin });
      expect(mt.status).toBe(200);
      expect(mt.body).toMatchObject({
        provider: 'libretranslate',
        endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:5000\/?$/),
        hasApiKey: false,
        locales: ['es'],
        monthlyCharacterLimit: null,
      });
    } finally {
      await admin.close();
    }
  });

  it.each(['en', 'ar'] as const)('i: every admin screen passes axe-core (%s)', async (lang) => {
    const admin = await Person.open(browser, team.t.baseUrl, lang);
    try {
      await admin.signIn(ADMIN, '/admin');
      const screens: Array<[string, string]> = [
        ['admin-overview', '/admin'],
        ['admin-users', '/admin/users'],
        ['admin-projects', '/admin/projects'],
        ['admin-project', `/admin/projects/${project}`],
        ['admin-article-new', `/admin/projects/${project}/articles/new`],
        ['admin-article', `/admin/projects/${project}/articles/${article}`],
        ['admin-webhooks', `/admin/projects/${project}/webhooks`],
        ['admin-glossary', `/admin/projects/${project}/glossary`],
        ['admin-mt', `/admin/projects/${project}/mt`],
        ['admin-jobs', '/admin/jobs'],
      ];
      for (const [name, path] of screens) {
        await admin.page.goto(`/app${path}`);
        await admin.page.getByRole('heading', { level: 1 }).first().waitFor();
        await admin.check(name, found);
      }
      // A dialog: resetting a user's password.
      await admin.page.goto('/app/admin/users');
      await admin.settle();
      await admin.page
        .getByRole('button', { name: new RegExp(`^${admin.t('admin.users.resetPassword')}`) })
        .first()
        .click();
      await admin.page.getByRole('dialog').waitFor();
      await admin.check('admin-users-dialog', found);
    } finally {
      await admin.close();
    }
  });

  it('i: axe-core finds no serious or critical violation on these screens, en and ar', () => {
    expect(found).toEqual({});
  });
});
