import { Browser } from 'playwright-core';
import { ADMIN } from './support/app';
import { makeArticle, segments, translateAndApprove } from './support/content';
import { makeProject } from './support/factories';
import { startTeam, Team } from './support/team';
import { launchBrowser, Person } from './support/web';

/**
 * Pre-translation in the web app, in Chromium against the real server: an admin turns on the
 * shared memory and the context-as-translated setting in the project form; a translator fills
 * an article from the memory with the editor's "Pre-translate" dialog, sees how many segments
 * were filled and the memory's badge in the history. The dialog is scanned with axe-core.
 */
const SOAK = 'Soak the splint in warm water for five minutes.';
const DRY = 'Pat the skin dry before you put the splint back on.';
const SPANISH: Record<string, string> = {
  [SOAK]: 'Remoje la férula en agua tibia durante cinco minutos.',
  [DRY]: 'Seque la piel con golpecitos antes de volver a ponerse la férula.',
};

describe('web app: pre-translation (browser e2e)', () => {
  let team: Team;
  let browser: Browser;
  let project: string;
  let target: string;
  const found: Record<string, string[]> = {};

  beforeAll(async () => {
    team = await startTeam({ worker: false });
    const roles = { translator: team.translator, reviewer: team.reviewer };
    ({ slug: project } = await makeProject(team.http, team.admin, {
      targetLocales: ['es'],
      members: { es: roles },
    }));
    // The article to fill exists before the memory knows its sentences.
    ({ slug: target } = await makeArticle(team.http, team.admin, project, {
      title: 'Splint care at home',
      format: 'text',
      content: [SOAK, DRY].join('\n\n'),
    }));
    const { slug: done } = await makeArticle(team.http, team.admin, project, {
      title: 'Splint care after the clinic',
      format: 'text',
      content: [SOAK, DRY].join('\n\n'),
    });
    await translateAndApprove(
      team.http,
      { translator: team.translator.token, reviewer: team.reviewer.token },
      project,
      done,
      'es',
      (source) => SPANISH[source] ?? `ES ${source}`,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await team?.t.close();
  });

  it('an admin turns on the shared memory and context matches as translated', async () => {
    const admin = await Person.open(browser, team.t.baseUrl, 'en');
    try {
      await admin.signIn(ADMIN, `/admin/projects/${project}`);
      const shared = admin.page.getByRole('checkbox', {
        name: admin.t('admin.projects.sharedMemory'),
      });
      const context = admin.page.getByRole('checkbox', {
        name: admin.t('admin.projects.pretranslateContextAsTranslated'),
      });
      await shared.check();
      await context.check();
      await admin.page.getByRole('button', { name: admin.t('admin.projects.save') }).click();
      await admin.page
        .getByRole('status')
        .filter({ hasText: admin.t('admin.projects.saved') })
        .waitFor();
      const saved = await team.http.get<Record<string, unknown>>(`/api/projects/${project}`, {
        token: team.admin,
      });
      expect(saved.body).toMatchObject({
        sharedMemory: true,
        pretranslateContextAsTranslated: true,
      });
      await admin.check('admin-project-pretranslate', found);
    } finally {
      await admin.close();
    }
  });

  it('a translator pre-translates from the memory and sees how many segments were filled', async () => {
    const translator = await Person.open(browser, team.t.baseUrl, 'en');
    try {
      await translator.signIn(team.translator);
      await translator.editor.open(project, target, 'es');
      await translator.editor.button('editor.pretranslate.open').click();
      const dialog = translator.page.getByRole('dialog', {
        name: translator.t('editor.pretranslate.title'),
      });
      await dialog.waitFor();
      expect(
        await dialog
          .getByRole('radio', { name: translator.t('editor.pretranslate.sources.tm') })
          .isChecked(),
      ).toBe(true);
      await translator.check('editor-pretranslate', found);
      await dialog.getByRole('button', { name: translator.t('editor.pretranslate.run') }).click();
      await dialog
        .getByRole('status')
        .filter({ hasText: translator.t('editor.pretranslate.filled_other', { count: 2 }) })
        .waitFor();
      await dialog
        .getByRole('button', { name: translator.t('common.close'), exact: true })
        .and(dialog.locator('.primary'))
        .click();

      const after = await segments(team.http, team.translator.token, project, target, 'es');
      // SOAK follows another title (exact: a draft); DRY has the same neighbours (context),
      // which this project marks translated. The title has no match. Nothing is approved.
      expect(after.map((s) => [s.source, s.state, s.target])).toEqual([
        ['Splint care at home', 'untranslated', null],
        [SOAK, 'fuzzy', SPANISH[SOAK]],
        [DRY, 'translated', SPANISH[DRY]],
      ]);

      // The list shows the drafts without a reload; the history names the memory.
      await translator.editor.segment(2).click();
      await translator.editor.tab('editor.tabs.history').click();
      await translator.page
        .getByRole('tabpanel')
        .getByText(translator.t('editor.origins.tm'))
        .first()
        .waitFor();
      await translator.check('editor-pretranslate-history', found);
    } finally {
      await translator.close();
    }
  });

  it('axe-core finds no serious or critical violation on these screens', () => {
    expect(found).toEqual({});
  });
});
