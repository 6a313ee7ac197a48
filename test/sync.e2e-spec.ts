import { Client } from 'pg';
import { makeArticle, segments, SegmentItem as Segment } from './support/content';
import { makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTranslatorSession, TranslatorSession } from './support/team';

/** A "translation" that keeps numbers, so checks pass: Spanish-looking prefix + the source. */
const translate = (source: string): string => `ES: ${source}`;

describe('sync when the English changes (e2e)', () => {
  let session: TranslatorSession;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let db: Client;

  beforeAll(async () => {
    session = await startTranslatorSession({ worker: false });
    ({ http, admin, translator, db } = session);
  });
  afterAll(() => session.close());

  /** A project without review (saves approve), an article, every segment approved in es and fr. */
  async function approvedArticle(content: string) {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        requireReview: false,
        members: { es: { translator }, fr: { translator } },
      })
    ).slug;
    const { slug: article } = await makeArticle(http, admin, project, {
      title: 'Caring for a wound at home',
      content,
    });
    const api = {
      project,
      article,
      segments: (locale = 'es'): Promise<Segment[]> =>
        segments(http, translator.token, project, article, locale),
      put: (body: Record<string, unknown>) =>
        http.put(`/api/projects/${project}/articles/${article}/source`, body, { token: admin }),
      save: (locale: string, id: string, target: string, revision: number) =>
        http.put(
          `/api/projects/${project}/articles/${article}/locales/${locale}/segments/${id}`,
          { target, revision },
          { token: translator.token },
        ),
    };
    for (const locale of ['es', 'fr']) {
      for (const s of await api.segments(locale)) {
        const res = await api.save(locale, s.id, translate(s.source), 0);
        expect(res.status).toBe(200);
      }
    }
    return api;
  }

  const byText = (segments: Segment[], text: string): Segment => {
    const found = segments.find((s) => s.source === text);
    if (!found) throw new Error(`no segment "${text}"`);
    return found;
  };

  const P1 =
    'Wash your hands before you touch the wound. Clean it gently with warm water. Pat the skin dry.';
  const P2 = 'Change the dressing once a day. Take 500 mg of paracetamol if it hurts.';
  const P3 = 'See a nurse at Harbour Clinic if the skin turns red.';

  it('a typo fix in one sentence leaves its siblings approved', async () => {
    const typo =
      'Wash your hands before you touch the wound. Clean it gentley with warm water. Pat the skin dry.';
    const api = await approvedArticle([typo, P2, P3].join('\n\n'));
    const before = await api.segments();
    const res = await api.put({ content: [P1, P2, P3].join('\n\n') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      changed: true,
      currentVersion: 2,
      sync: { kept: 6, fuzzy: 1, added: 0, removed: 0 },
    });
    const after = await api.segments();
    const changed = byText(after, 'Clean it gently with warm water.');
    expect(changed).toMatchObject({
      state: 'fuzzy',
      changeRisk: 'wording',
      previousSource: 'Clean it gentley with warm water.',
      target: translate('Clean it gentley with warm water.'),
    });
    for (const text of ['Wash your hands before you touch the wound.', 'Pat the skin dry.', P3]) {
      expect(byText(after, text)).toMatchObject({
        state: 'approved',
        id: byText(before, text).id,
        revision: byText(before, text).revision,
      });
    }
    const article = await http.get(`/api/projects/${api.project}/articles/${api.article}`, {
      token: admin,
    });
    expect(article.body.locales[0]).toMatchObject({
      locale: 'es',
      approved: 6,
      fuzzy: 1,
      changeRisk: { minor: 0, wording: 1, clinical: 0 },
    });
    const history = await http.get(
      `/api/projects/${api.project}/articles/${api.article}/locales/es/segments/${changed.id}/history`,
      { token: admin },
    );
    // The history follows the sentence back to the translation of its earlier English.
    const old = byText(before, 'Clean it gentley with warm water.');
    expect(history.body.items).toEqual([
      expect.objectContaining({
        segmentId: changed.id,
        revision: 1,
        action: 'carried',
        state: 'fuzzy',
        sourceText: 'Clean it gentley with warm water.',
        sourceVersion: 2,
      }),
      expect.objectContaining({
        segmentId: old.id,
        revision: 1,
        action: 'save',
        state: 'approved',
        sourceText: 'Clean it gentley with warm water.',
        sourceVersion: 1,
      }),
    ]);
  });

  it('a moved paragraph keeps every translation, state and id', async () => {
    const api = await approvedArticle([P1, P2, P3].join('\n\n'));
    const before = await api.segments();
    const res = await api.put({ content: [P3, P1, P2].join('\n\n') });
    expect(res.body.sync).toMatchObject({ kept: 7, fuzzy: 0, added: 0, removed: 0 });
    const after = await api.segments();
    expect(after.every((s) => s.state === 'approved')).toBe(true);
    expect(new Set(after.map((s) => s.id))).toEqual(new Set(before.map((s) => s.id)));
    expect(after[1].source).toBe(P3);
  });

  it('a sentence deleted and restored gets its old translation back, and a save on it meanwhile is 409 SOURCE_CHANGED', async () => {
    const api = await approvedArticle([P1, P2, P3].join('\n\n'));
    const before = await api.segments();
    const dose = byText(before, 'Take 500 mg of paracetamol if it hurts.');
    const v2 = await api.put({ content: [P1, 'Change the dressing once a day.', P3].join('\n\n') });
    expect(v2.body.sync).toMatchObject({ kept: 6, fuzzy: 0, added: 0, removed: 1 });
    expect((await api.segments()).map((s) => s.id)).not.toContain(dose.id);
    const stale = await api.save('es', dose.id, translate(dose.source), dose.revision);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('SOURCE_CHANGED');
    const v3 = await api.put({ content: [P1, P2, P3].join('\n\n') });
    expect(v3.body.sync).toMatchObject({ kept: 6, fuzzy: 0, added: 1, removed: 0 });
    const restored = byText(await api.segments(), dose.source);
    expect(restored).toMatchObject({
      id: dose.id,
      state: 'approved',
      target: translate(dose.source),
      revision: dose.revision,
    });
  });

  it('the same sentence twice has two ids, each with its own translation', async () => {
    const twice = 'Keep the dressing dry.';
    const api = await approvedArticle([twice, P3, twice].join('\n\n'));
    const segments = await api.segments();
    const copies = segments.filter((s) => s.source === twice);
    expect(copies).toHaveLength(2);
    expect(copies[0].id).not.toBe(copies[1].id);
    const res = await api.put({
      content: [twice, P3, 'Call us with questions.', twice].join('\n\n'),
    });
    expect(res.body.sync).toMatchObject({ kept: 4, added: 1, removed: 0 });
    const after = (await api.segments()).filter((s) => s.source === twice);
    expect(after.map((s) => [s.id, s.state])).toEqual(copies.map((s) => [s.id, 'approved']));
  });

  it('a whitespace- or NFC-only change invalidates nothing', async () => {
    const nfc = 'Ask about the café near the clinic.';
    const api = await approvedArticle([P1, nfc].join('\n\n'));
    const before = await api.segments();
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const res = await api.put({ content: `  ${P1.replace(/ /g, '   ')}\n\n${nfd}   \n` });
    expect(res.status).toBe(200);
    expect(res.body.sync).toMatchObject({ fuzzy: 0, added: 0, removed: 0 });
    const after = await api.segments();
    expect(after.map((s) => [s.id, s.state, s.revision])).toEqual(
      before.map((s) => [s.id, 'approved', s.revision]),
    );
    // Spaces inside a line make a new version (the markup could differ); nothing is invalidated
    // and every complete locale is reported approved for it.
    expect(res.body).toMatchObject({ changed: true, currentVersion: 2 });
    const approvedEvents = await db.query(
      `SELECT payload FROM outbox WHERE type = 'locale.approved' AND payload->>'article' = $1 AND (payload->>'version')::int = 2`,
      [api.article],
    );
    expect(approvedEvents.rows.map((r) => r.payload.locale).sort()).toEqual(['es', 'fr']);
  });

  it('a changed dose is clinical: minorChange is refused, the translation goes fuzzy', async () => {
    const api = await approvedArticle([P1, P2].join('\n\n'));
    const content = [P1, P2.replace('500 mg', '1,000 mg')].join('\n\n');
    const refused = await api.put({ content, minorChange: true });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CLINICAL_CHANGE');
    expect(refused.body.details.segments).toEqual([
      expect.objectContaining({
        source: 'Take 1,000 mg of paracetamol if it hurts.',
        reasons: [expect.stringContaining('numbers')],
      }),
    ]);
    const versions = await http.get(
      `/api/projects/${api.project}/articles/${api.article}/versions`,
      { token: admin },
    );
    expect(versions.body).toHaveLength(1);

    const res = await api.put({ content });
    expect(res.body).toMatchObject({
      changed: true,
      changeRisk: { clinical: 1, minor: 0, wording: 0 },
    });
    const dose = byText(await api.segments('fr'), 'Take 1,000 mg of paracetamol if it hurts.');
    expect(dose).toMatchObject({
      state: 'fuzzy',
      changeRisk: 'clinical',
      previousSource: 'Take 500 mg of paracetamol if it hurts.',
    });
    const article = await http.get(`/api/projects/${api.project}/articles/${api.article}`, {
      token: admin,
    });
    expect(article.body.locales[1]).toMatchObject({
      locale: 'fr',
      fuzzy: 1,
      changeRisk: { clinical: 1 },
    });
    const events = await db.query(
      `SELECT payload FROM outbox WHERE type = 'article.source_changed' AND payload->>'article' = $1`,
      [api.article],
    );
    expect(events.rows[0].payload).toMatchObject({ version: 2, changeRisk: { clinical: 1 } });
  });

  it('minorChange carries a punctuation fix over as approved, logs it and reports the locale approved', async () => {
    const api = await approvedArticle([P1, P3].join('\n\n'));
    const res = await api.put({
      content: [P1, P3.replace('.', '!')].join('\n\n'),
      minorChange: true,
    });
    expect(res.body).toMatchObject({ changed: true, sync: { fuzzy: 1 }, changeRisk: { minor: 1 } });
    const changed = byText(
      await api.segments(),
      'See a nurse at Harbour Clinic if the skin turns red!',
    );
    // Approved, and honest about the English it was approved for.
    expect(changed).toMatchObject({
      state: 'approved',
      changeRisk: 'minor',
      baseSource: P3,
      previousSource: P3,
    });
    expect(res.body.sync).toMatchObject({ keptApproved: 1, demoted: [] });
    const versions = await http.get(
      `/api/projects/${api.project}/articles/${api.article}/versions`,
      { token: admin },
    );
    expect(versions.body[0]).toMatchObject({ version: 2, minorChange: true });
    const approved = await db.query(
      `SELECT payload FROM outbox WHERE type = 'locale.approved' AND payload->>'article' = $1 AND (payload->>'version')::int = 2`,
      [api.article],
    );
    expect(approved.rows.map((r) => r.payload.locale).sort()).toEqual(['es', 'fr']);
  });

  it('a split sentence offers the old translation as a fuzzy draft for both parts', async () => {
    const long = 'Rest for two days and drink plenty of water while the wound heals.';
    const api = await approvedArticle([long, P3].join('\n\n'));
    const res = await api.put({
      content: [
        'Rest for two days while the wound heals. Drink plenty of water while it heals.',
        P3,
      ].join('\n\n'),
    });
    expect(res.body.sync).toMatchObject({ fuzzy: 2, added: 0, removed: 0 });
    const parts = (await api.segments()).filter((s) => s.state === 'fuzzy');
    expect(parts).toHaveLength(2);
    for (const part of parts)
      expect(part).toMatchObject({ target: translate(long), previousSource: long });
  });
});
