import { Browser } from 'playwright-core';
import { makeArticle, segments, SegmentItem } from './support/content';
import { eventually, makeProject } from './support/factories';
import { startTeam, Team } from './support/team';
import { launchBrowser, Person } from './support/web';

/**
 * The translator's and reviewer's day in the web app, in Chromium against the real server:
 * translate an article with the keyboard (codes included), reject one segment and approve the
 * rest, fix the rejection, see the locale published on the reader site; a 409 conflict between
 * two browsers and a draft that survives a reload; an Arabic target field. Every editor screen
 * (side panel, dialogs, reject form, conflict panel) is scanned with axe-core in the English and
 * the Arabic interface; screenshots go to artifacts/app-*.png.
 */
const SKIN = [
  'Wash the skin gently with warm water.',
  '',
  'Read the [skin care sheet](https://example.org/skin) before your next visit.',
  '',
  '- Use a mild soap without perfume.',
].join('\n');

/** What the translator types for each English segment (the coded one is typed separately). */
const SPANISH: Record<string, string> = {
  'Caring for your skin': 'Cuidar la piel',
  'Wash the skin gently with warm water.': 'Lave la piel con suavidad con agua tibia.',
  'Use a mild soap without perfume.': 'Use un jabón suave sin perfume.',
};
const CODED_ES = 'Lea la {1}hoja{/1} de cuidados antes de su próxima visita.';
const ARABIC: Record<string, string> = {
  'Caring for your skin': 'العناية ببشرتك',
  'Wash the skin gently with warm water.': 'اغسل البشرة بلطف بماء دافئ.',
  'Use a mild soap without perfume.': 'استخدم صابونًا لطيفًا بدون عطر.',
};
const CODED_AR = 'اقرأ {1}نشرة{/1} العناية بالبشرة قبل زيارتك القادمة.';

describe('web app: translate, review, publish, conflicts (browser e2e)', () => {
  let team: Team;
  let browser: Browser;
  let project: string;
  let skin: string;
  let fluids: string;
  let translator: Person;
  let reviewer: Person;
  /** The reviewer again, in a second browser with the Arabic interface. */
  let reviewerAr: Person;
  const found: Record<string, string[]> = {};

  const list = (article: string, locale: string): Promise<SegmentItem[]> =>
    segments(team.http, team.admin, project, article, locale);

  beforeAll(async () => {
    team = await startTeam({
      worker: true,
      names: { translator: 'Tomás Ortega', reviewer: 'Rana Haddad' },
    });
    const roles = { translator: team.translator, reviewer: team.reviewer };
    ({ slug: project } = await makeProject(team.http, team.admin, {
      targetLocales: ['es', 'ar'],
      members: { es: roles, ar: roles },
    }));
    ({ slug: skin } = await makeArticle(team.http, team.admin, project, {
      title: 'Caring for your skin',
      content: SKIN,
    }));
    ({ slug: fluids } = await makeArticle(team.http, team.admin, project, {
      title: 'Fluids',
      content: 'Drink a glass of water every hour.',
    }));
    browser = await launchBrowser();
    [translator, reviewer, reviewerAr] = await Promise.all([
      Person.open(browser, team.t.baseUrl, 'en'),
      Person.open(browser, team.t.baseUrl, 'en'),
      Person.open(browser, team.t.baseUrl, 'ar'),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await team?.t.close();
  });

  /**
   * Types each open segment's translation and saves with Ctrl+Enter, keyboard only; the coded
   * segment gets its code from Ctrl+1 around a selection made with Shift+arrows.
   */
  async function translateAll(
    person: Person,
    article: string,
    locale: string,
    plain: Record<string, string>,
    coded: { before: string; wrapped: string; after: string },
    dir: 'ltr' | 'rtl' = 'ltr',
  ): Promise<void> {
    const editor = person.editor;
    await editor.fieldFocused();
    for (let i = 0; i < (await list(article, locale)).length; i++) {
      const source = (await editor.activeSegment.locator('.segment-source').innerText()).trim();
      if (source.includes('skin care sheet')) {
        await person.page.keyboard.type(coded.before + coded.wrapped);
        // Select the word just typed, backwards: the arrow pointing to the line's start.
        const back = dir === 'rtl' ? 'Shift+ArrowRight' : 'Shift+ArrowLeft';
        for (let c = 0; c < coded.wrapped.length; c++) await person.page.keyboard.press(back);
        await person.page.keyboard.press('Control+1');
        await person.page.keyboard.press('End');
        await person.page.keyboard.type(coded.after);
      } else {
        const text = plain[source];
        if (!text) throw new Error(`no translation for "${source}"`);
        await person.page.keyboard.type(text);
      }
      const response = await editor.saveAndNext();
      expect(response.status()).toBe(200);
    }
  }

  it('a: the translator translates the article with the keyboard, codes from Ctrl+1', async () => {
    await translator.signIn(team.translator);
    await translator.editor.open(project, skin, 'es');
    await translator.check('editor', found);
    await translateAll(translator, skin, 'es', SPANISH, {
      before: 'Lea la ',
      wrapped: 'hoja',
      after: ' de cuidados antes de su próxima visita.',
    });
    const saved = await list(skin, 'es');
    expect(saved.map((s) => s.state)).toEqual(saved.map(() => 'translated'));
    expect(saved.map((s) => s.target)).toEqual(
      saved.map((s) => (s.source.includes('{1}') ? CODED_ES : SPANISH[s.source])),
    );
    await translator.shot('editor-translated');

    // The side panel's tabs and the shortcuts sheet, scanned too.
    for (const tab of ['editor.tabs.history', 'editor.tabs.comments', 'editor.tabs.preview']) {
      await translator.editor.tab(tab).click();
      await translator.page.getByRole('tabpanel').waitFor();
      await translator.page.waitForTimeout(200);
      await translator.check(`editor-${tab.split('.').pop()}`, found);
    }
    await translator.editor.button('shortcuts.open').click();
    await translator.page.getByRole('dialog', { name: translator.t('shortcuts.title') }).waitFor();
    await translator.check('editor-shortcuts', found);
    await translator.page.keyboard.press('Escape');
  });

  it('b: the reviewer rejects one segment with a comment and approves the rest', async () => {
    await reviewer.signIn(team.reviewer);
    await reviewer.editor.open(project, skin, 'es');
    const editor = reviewer.editor;
    await editor.button('review.mode').click();
    await expectPressed(reviewer, 'review.mode');

    // The title, alone, from the keyboard (Ctrl+Shift+Enter).
    const segs = await list(skin, 'es');
    const title = segs[0];
    await editor.targetField.focus();
    expect(await editor.activeSegment.getAttribute('aria-label')).toBe(
      reviewer.t('editor.segmentLabel', { position: title.position }),
    );
    const approved = editor.nextReview();
    await reviewer.page.keyboard.press('Control+Shift+Enter');
    expect((await (await approved).json()).state).toBe('approved');

    // The list item: rejected with a reason.
    const item = segs.find((s) => s.kind === 'list-item');
    if (!item) throw new Error('no list item');
    await editor.segment(item.position).click();
    await editor.button('review.reject').click();
    const reason = reviewer.page.getByRole('textbox', { name: reviewer.t('review.rejectComment') });
    await reason.fill('Say “jabón neutro”, as the leaflet does.');
    await reviewer.check('editor-reject-form', found);
    const rejected = editor.nextReview();
    await editor.button('review.confirmReject').click();
    expect((await (await rejected).json()).state).toBe('rejected');

    // The rest in one batch, after a confirmation that says how many.
    const expected = (await list(skin, 'es')).filter(
      (s) => s.state === 'translated' && s.checks.length === 0,
    ).length;
    expect(expected).toBeGreaterThanOrEqual(1);
    await editor.button('review.approveAll', { count: expected }).click();
    const dialog = reviewer.page.getByRole('dialog', {
      name: reviewer.t('review.approveAllTitle'),
    });
    await dialog.getByText(reviewer.t('review.approveAllQuestion', { count: expected })).waitFor();
    await reviewer.check('editor-approve-all', found);
    const batch = reviewer.page.waitForResponse((r) => r.url().endsWith('/review'));
    await dialog
      .getByRole('button', { name: reviewer.t('review.approveAllConfirm', { count: expected }) })
      .click();
    expect((await batch).status()).toBe(200);
    await dialog
      .getByText(reviewer.t('review.summary', { approved: expected, failed: 0 }))
      .waitFor();
    await dialog
      .getByRole('button', { name: reviewer.t('common.close') })
      .last()
      .click();

    const states = (await list(skin, 'es')).map((s) => s.state);
    expect(states.filter((s) => s === 'rejected')).toHaveLength(1);
    expect(states.filter((s) => s === 'approved')).toHaveLength(states.length - 1);
    await reviewer.shot('editor-reviewed');
  });

  it('c: the translator sees the rejection and fixes it; the reviewer approves the fix', async () => {
    await translator.editor.open(project, skin, 'es');
    const editor = translator.editor;
    await editor.fieldFocused();
    // The editor opens on the rejected segment, with the reviewer's reason above the field.
    const note = translator.page.getByRole('note');
    await note.getByText('Say “jabón neutro”, as the leaflet does.').waitFor();
    expect(await note.innerText()).toContain(
      translator.t('editor.rejectedBy', { name: 'Rana Haddad' }),
    );
    await translator.check('editor-rejected', found);
    await translator.page.keyboard.press('Control+A');
    await translator.page.keyboard.type('Use un jabón neutro sin perfume.');
    expect((await editor.saveAndNext()).status()).toBe(200);

    await reviewer.editor.open(project, skin, 'es', '?mode=review');
    await reviewer.editor.fieldFocused();
    expect(await reviewer.editor.targetField.inputValue()).toBe('Use un jabón neutro sin perfume.');
    const approved = reviewer.editor.nextReview();
    await reviewer.editor.button('review.approve').click();
    expect((await (await approved).json()).state).toBe('approved');
    expect((await list(skin, 'es')).every((s) => s.state === 'approved')).toBe(true);
  });

  it('d: the locale publishes by itself and the reader page shows the translation', async () => {
    await eventually(
      async () => {
        const res = await team.http.get(
          `/api/projects/${project}/articles/${skin}/locales/es/publications`,
          { token: team.admin },
        );
        return (res.body as unknown[]).length === 1 || undefined;
      },
      20_000,
      200,
    );
    const page = translator.page;
    await page.goto(`/read/${project}/es/${skin}`);
    expect(await page.locator('article h1').innerText()).toBe('Cuidar la piel');
    const link = page.locator('article a', { hasText: 'hoja' });
    expect(await link.getAttribute('href')).toBe('https://example.org/skin');
    expect(await page.locator('article').innerText()).toContain('Use un jabón neutro sin perfume.');
    await page.screenshot({ path: `${__dirname}/../artifacts/app-reader-published.png` });
  });

  it('e: a 409 conflict between two browsers loses nothing; a draft survives a reload', async () => {
    const a = translator;
    const b = reviewerAr; // the other person, in the Arabic interface
    await b.signIn(team.reviewer);
    await Promise.all([a.editor.open(project, fluids, 'es'), b.editor.open(project, fluids, 'es')]);
    await Promise.all([a.editor.fieldFocused(), b.editor.fieldFocused()]);
    const [title] = await list(fluids, 'es');

    await a.page.keyboard.type('Líquidos');
    expect((await a.editor.saveAndNext()).status()).toBe(200);

    // B saves on the revision it loaded: 409, and B sees both texts.
    await b.page.keyboard.type('Bebidas');
    const refused = b.editor.nextSave();
    await b.page.keyboard.press('Control+Enter');
    expect((await refused).status()).toBe(409);
    const panel = b.editor.conflict;
    await panel.waitFor();
    await panel.getByText('Bebidas', { exact: true }).waitFor();
    await panel.getByText('Líquidos', { exact: true }).waitFor();
    expect(await panel.innerText()).toContain(b.t('conflicts.theirs', { name: 'Tomás Ortega' }));
    await b.check('editor-conflict', found);

    // "Keep mine": saved on the other person's revision.
    const kept = b.editor.nextSave();
    await panel.getByRole('button', { name: b.t('conflicts.keepMine') }).click();
    const keptBody = await (await kept).json();
    expect(keptBody).toMatchObject({ target: 'Bebidas', revision: title.revision + 2 });
    await panel.waitFor({ state: 'detached' });

    // A draft typed and not saved comes back after a reload.
    await b.page.keyboard.press('Alt+ArrowDown');
    await b.editor.fieldFocused();
    await b.page.keyboard.type('Beba un vaso de agua');
    await b.page.waitForTimeout(100);
    await b.page.reload();
    expect(b.leaving).toHaveLength(1); // the browser asked before leaving unsaved text
    await b.editor.targetField.waitFor();
    await b.page
      .getByRole('status')
      .filter({ hasText: b.t('editor.draftRestored') })
      .waitFor();
    expect(await b.editor.targetField.inputValue()).toBe('Beba un vaso de agua');

    // A, still on the old revision, edits the title again: the English-interface panel.
    await a.page.keyboard.press('Alt+ArrowUp');
    await a.editor.fieldFocused();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' y agua');
    const second = a.editor.nextSave();
    await a.page.keyboard.press('Control+Enter');
    expect((await second).status()).toBe(409);
    await a.editor.conflict.waitFor();
    await a.editor.conflict.getByText('Líquidos y agua', { exact: true }).waitFor();
    await a.editor.conflict.getByText('Bebidas', { exact: true }).waitFor();
    await a.check('editor-conflict', found);
    await a.editor.conflict.getByRole('button', { name: a.t('conflicts.takeTheirs') }).click();
    expect(await a.editor.targetField.inputValue()).toBe('Bebidas');
    expect((await list(fluids, 'es'))[0].target).toBe('Bebidas');
  });

  it('f: an Arabic target is a right-to-left field in Arabic; codes stay left-to-right chips', async () => {
    await translator.editor.open(project, skin, 'ar');
    const field = translator.editor.targetField;
    await translator.editor.fieldFocused();
    expect(await field.getAttribute('dir')).toBe('rtl');
    expect(await field.getAttribute('lang')).toBe('ar');
    await translateAll(
      translator,
      skin,
      'ar',
      ARABIC,
      {
        before: 'اقرأ ',
        wrapped: 'نشرة',
        after: ' العناية بالبشرة قبل زيارتك القادمة.',
      },
      'rtl',
    );
    const saved = await list(skin, 'ar');
    expect(saved.find((s) => s.source.includes('{1}'))?.target).toBe(CODED_AR);

    // On the coded segment: the rendered line isolates each code left to right.
    const coded = saved.find((s) => s.source.includes('{1}'));
    await translator.editor.segment(coded?.position ?? 0).click();
    await translator.editor.fieldFocused();
    expect(await field.inputValue()).toBe(CODED_AR);
    const rendered = translator.page.locator('.target-preview [lang="ar"][dir="rtl"]');
    const chips = rendered.locator('bdi.code-token');
    expect(await chips.count()).toBe(2);
    for (const chip of await chips.all()) expect(await chip.getAttribute('dir')).toBe('ltr');
    const sourceChips = translator.editor.activeSegment.locator('.segment-source bdi.code-token');
    expect(await sourceChips.count()).toBe(2);
    await translator.shot('editor-arabic-target');

    // The reviewer, in the Arabic interface: review mode, side panel, help, batch approval.
    const b = reviewerAr;
    await b.editor.open(project, skin, 'ar', '?mode=review');
    await b.editor.fieldFocused();
    expect(await b.page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await b.editor.targetField.getAttribute('dir')).toBe('rtl');
    await b.check('editor-review', found);
    for (const tab of ['editor.tabs.history', 'editor.tabs.comments', 'editor.tabs.preview']) {
      await b.editor.tab(tab).click();
      await b.page.getByRole('tabpanel').waitFor();
      await b.page.waitForTimeout(200);
      await b.check(`editor-${tab.split('.').pop()}`, found);
    }
    await b.editor.button('shortcuts.open').click();
    await b.page.getByRole('dialog', { name: b.t('shortcuts.title') }).waitFor();
    await b.check('editor-shortcuts', found);
    await b.page.keyboard.press('Escape');
    await b.editor.button('review.reject').click();
    await b.check('editor-reject-form', found);
    await b.page.keyboard.press('Escape');
    const count = saved.filter((s) => s.checks.length === 0).length;
    await b.editor.button('review.approveAll', { count }).click();
    const dialog = b.page.getByRole('dialog', { name: b.t('review.approveAllTitle') });
    await dialog.getByText(b.t('review.approveAllQuestion', { count })).waitFor();
    await b.check('editor-approve-all', found);
    await dialog.getByRole('button', { name: b.t('review.approveAllConfirm', { count }) }).click();
    await dialog.getByText(b.t('review.summary', { approved: count, failed: 0 })).waitFor();
  });

  it('i: axe-core finds no serious or critical violation on any editor screen, en and ar', () => {
    expect(found).toEqual({});
  });
});

async function expectPressed(person: Person, key: string): Promise<void> {
  await person.editor.button(key).and(person.page.locator('[aria-pressed="true"]')).waitFor();
}
