import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf, SegmentItem as Segment } from './support/content';
import { makeProject, makeUser, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface HistoryItem {
  segmentId: string;
  revision: number;
  sourceVersion: number;
  target: string;
  state: string;
  sourceText: string;
  author: { id: string; name: string } | null;
  action: string;
  origin: string;
  comment: string | null;
}

/**
 * Issue 15: what the server tells translators and reviewers is what happened. A review names
 * the revision it decides on and never approves its own text; a segment shows the English its
 * target was written against, and its history, across source versions; minorChange keeps only
 * safe approvals; checks are shown when a segment is read; repeated sentences can be filled.
 */
describe('review, base English, lineage, minorChange, read checks, propagation (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let reviewer2: TestUser;
  let db: Client;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer } = await startTeam({
      worker: false,
      names: { translator: 'Tomás Translator', reviewer: 'Rosa Reviewer' },
    }));
    reviewer2 = await makeUser(http, admin, { name: 'Raúl Reviewer' });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  /** A project (es) with a translator and two reviewers (who may translate too), one article. */
  async function setup(
    content: string,
    options: { requireReview?: boolean; format?: 'text' | 'markdown' } = {},
  ) {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es'],
        requireReview: options.requireReview ?? true,
        members: { es: { translator, reviewer } },
      })
    ).slug;
    const member = await http.post(
      `/api/projects/${project}/members`,
      { userId: reviewer2.id, locale: 'es', role: 'reviewer' },
      { token: admin },
    );
    expect(member.status).toBe(201);
    const { slug: article } = await makeArticle(http, admin, project, {
      title: 'Eye drops at home',
      format: options.format ?? 'text',
      content,
    });
    const base = `/api/projects/${project}/articles/${article}/locales/es/segments`;
    const list = () => segmentsOf(http, admin, project, article, 'es');
    const bySource = async (source: string): Promise<Segment> => {
      const found = (await list()).find((s) => s.source === source);
      if (!found) throw new Error(`no segment "${source}"`);
      return found;
    };
    const save = (
      who: TestUser,
      id: string,
      target: string,
      revision: number,
      extra: object = {},
    ) => http.put(`${base}/${id}`, { target, revision, ...extra }, { token: who.token });
    const review = (who: TestUser, id: string, body: object) =>
      http.post(`${base}/${id}/review`, body, { token: who.token });
    const get = (id: string) => http.get<Segment>(`${base}/${id}`, { token: translator.token });
    const history = async (id: string): Promise<HistoryItem[]> =>
      (await http.get(`${base}/${id}/history?limit=500`, { token: translator.token })).body.items;
    const putSource = (body: object) =>
      http.put(`/api/projects/${project}/articles/${article}/source`, body, { token: admin });
    return { project, article, base, list, bySource, save, review, get, history, putSource };
  }

  describe('a review names its revision', () => {
    it('requires the revision, and refuses one that is no longer current without changing anything', async () => {
      const api = await setup('Use one drop in each eye.');
      const seg = await api.bySource('Use one drop in each eye.');
      const first = await api.save(translator, seg.id, 'Use una gota en cada ojo.', 0);
      expect(first.body.revision).toBe(1);

      const missing = await api.review(reviewer, seg.id, { decision: 'approve' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');

      // The reviewer read revision 1; the translator saves revision 2 a second later.
      const second = await api.save(translator, seg.id, 'Aplique una gota en cada ojo.', 1);
      expect(second.body.revision).toBe(2);
      const stale = await api.review(reviewer, seg.id, { decision: 'approve', revision: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('TRANSLATION_CONFLICT');
      expect(stale.body.details.segment).toMatchObject({
        id: seg.id,
        revision: 2,
        state: 'translated',
        target: 'Aplique una gota en cada ojo.',
      });
      const staleReject = await api.review(reviewer, seg.id, { decision: 'reject', revision: 1 });
      expect(staleReject.status).toBe(409);
      expect((await api.get(seg.id)).body).toMatchObject({ state: 'translated', revision: 2 });
      expect((await api.history(seg.id)).map((h) => h.action)).toEqual(['save', 'save']);

      const approved = await api.review(reviewer, seg.id, { decision: 'approve', revision: 2 });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        state: 'approved',
        revision: 3,
        target: 'Aplique una gota en cada ojo.',
      });
    });
  });

  describe('nobody approves text they wrote', () => {
    it('even after someone else rejected it and saved it again unchanged', async () => {
      const api = await setup('Keep the bottle closed.');
      const seg = await api.bySource('Keep the bottle closed.');
      const text = 'Mantenga el frasco cerrado.';
      await api.save(reviewer, seg.id, text, 0);
      expect(
        (await api.review(reviewer2, seg.id, { decision: 'reject', revision: 1 })).body.state,
      ).toBe('rejected');
      expect((await api.save(translator, seg.id, text, 2)).body).toMatchObject({
        state: 'translated',
        revision: 3,
      });
      const own = await api.review(reviewer, seg.id, { decision: 'approve', revision: 3 });
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('SELF_REVIEW');
      expect((await api.get(seg.id)).body).toMatchObject({ state: 'translated', revision: 3 });
      const other = await api.review(reviewer2, seg.id, { decision: 'approve', revision: 3 });
      expect(other.status).toBe(200);
    });

    it('nor text they contributed to since it was last approved', async () => {
      const api = await setup('Keep the bottle closed.');
      const seg = await api.bySource('Keep the bottle closed.');
      await api.save(reviewer, seg.id, 'Mantenga el frasco cerrado.', 0);
      await api.save(translator, seg.id, 'Mantenga bien cerrado el frasco.', 1);
      const own = await api.review(reviewer, seg.id, { decision: 'approve', revision: 2 });
      expect([own.status, own.body.code]).toEqual([403, 'SELF_REVIEW']);
      // Rejecting is not approving: a co-author may send it back.
      const rejected = await api.review(reviewer, seg.id, { decision: 'reject', revision: 2 });
      expect(rejected.status).toBe(200);
    });

    it('even when the text was carried across a change of the English', async () => {
      const api = await setup('Store the drops in a cool place.');
      const v1 = await api.bySource('Store the drops in a cool place.');
      const text = 'Guarde las gotas en un lugar fresco.';
      await api.save(reviewer, v1.id, text, 0);
      expect(
        (await api.review(reviewer2, v1.id, { decision: 'approve', revision: 1 })).status,
      ).toBe(200);
      const changed = await api.putSource({ content: 'Store the drops in a cool dark place.' });
      expect(changed.body.sync).toMatchObject({ fuzzy: 1 });
      const v2 = await api.bySource('Store the drops in a cool dark place.');
      expect(v2).toMatchObject({ state: 'fuzzy', target: text });
      // The translator confirms the carried text as it is; its author may not approve it.
      await api.save(translator, v2.id, text, v2.revision);
      const own = await api.review(reviewer, v2.id, { decision: 'approve', revision: 2 });
      expect([own.status, own.body.code]).toEqual([403, 'SELF_REVIEW']);
      const other = await api.review(reviewer2, v2.id, { decision: 'approve', revision: 2 });
      expect(other.status).toBe(200);
    });
  });

  describe('the English a target was written against', () => {
    const V1 = 'Take the tablet with water.';
    const V2 = 'Do not take the tablet with water.';
    const V3 = 'Do not take the tablet with warm water.';
    const words = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];

    it('is shown across any number of versions, with the risk of the whole change and the whole history', async () => {
      const api = await setup(V1);
      const seg = await api.bySource(V1);
      await api.save(translator, seg.id, 'Tome el comprimido con agua.', 0);
      await api.review(reviewer, seg.id, { decision: 'approve', revision: 1 });

      expect((await api.putSource({ content: V2 })).body.changeRisk).toMatchObject({
        clinical: 1,
      });
      const v2 = await api.bySource(V2);
      expect(v2).toMatchObject({ state: 'fuzzy', baseSource: V1, changeRisk: 'clinical' });
      // v3 only adds a word to v2: still, what the target lacks is the negation.
      expect((await api.putSource({ content: V3 })).body.changeRisk).toMatchObject({
        wording: 1,
      });
      const v3 = await api.bySource(V3);
      expect(v3).toMatchObject({
        state: 'fuzzy',
        target: 'Tome el comprimido con agua.',
        baseSource: V1,
        previousSource: V1,
        changeRisk: 'clinical',
      });
      const added = words(V3).filter((w) => !words(v3.baseSource ?? '').includes(w));
      expect(added).toEqual(expect.arrayContaining(['not']));
      expect((await api.get(v3.id)).body).toMatchObject({
        baseSource: V1,
        changeRisk: 'clinical',
      });
      const { rows } = await db.query(
        `SELECT t.source_text, r.source_text AS logged FROM translations t
           JOIN translation_revisions r USING (article_id, locale, segment_key, revision)
           JOIN articles a ON a.id = t.article_id
          WHERE a.slug = $1 AND t.locale = 'es' AND t.segment_key = $2`,
        [api.article, v3.id],
      );
      expect(rows).toEqual([{ source_text: V1, logged: V1 }]);

      // Every revision of the lineage, newest first: who wrote and who approved the v1 text.
      const lineage = [
        { segmentId: v3.id, revision: 1, action: 'carried', sourceVersion: 3, sourceText: V1 },
        { segmentId: v2.id, revision: 1, action: 'carried', sourceVersion: 2, sourceText: V1 },
        {
          segmentId: seg.id,
          revision: 2,
          action: 'approve',
          state: 'approved',
          sourceVersion: 1,
          sourceText: V1,
          author: { id: reviewer.id, name: 'Rosa Reviewer' },
        },
        {
          segmentId: seg.id,
          revision: 1,
          action: 'save',
          origin: 'human',
          sourceVersion: 1,
          sourceText: V1,
          author: { id: translator.id, name: 'Tomás Translator' },
        },
      ];
      expect(await api.history(v3.id)).toEqual(lineage.map((l) => expect.objectContaining(l)));
      // One item per page: the cursor walks the lineage without repeating or skipping.
      const paged: HistoryItem[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await http.get(`${api.base}/${v3.id}/history?limit=1${query}`, {
          token: translator.token,
        });
        expect(page.status).toBe(200);
        paged.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(lineage.map((l) => expect.objectContaining(l)));

      // Once written against the current English, there is nothing left to compare.
      const saved = await api.save(translator, v3.id, 'No tome el comprimido con agua tibia.', 1);
      expect(saved.body).toMatchObject({ baseSource: V3, previousSource: V3, changeRisk: null });
      expect((await api.get(v3.id)).body).toMatchObject({ baseSource: V3, changeRisk: null });
    });
  });

  describe('minorChange', () => {
    const BEFORE = [
      'Wash your hands before you use the drops.',
      'Rest your eyes after each use.',
      'Read the **leaflet** first.',
      'Close your eyes for a minute and press gently on the inner corner.',
    ].join('\n\n');
    const AFTER = [
      'Wash your hands, before you use the drops!',
      'Rest your eyes after each application.',
      'Read the leaflet first.',
      'Close your eyes for a minute. And press gently on the inner corner.',
    ].join('\n\n');

    it('keeps an approval only for a one-to-one minor change with the same codes and numbers, and says which', async () => {
      const api = await setup(BEFORE, { requireReview: false, format: 'markdown' });
      for (const s of await api.list()) {
        expect((await api.save(translator, s.id, `(es) ${s.source}`, 0)).body.state).toBe(
          'approved',
        );
      }
      const res = await api.putSource({ content: AFTER, minorChange: true });
      expect(res.status).toBe(200);
      const after = await api.list();
      const id = (source: string) => after.find((s) => s.source === source)?.id;
      expect(res.body.sync).toMatchObject({ fuzzy: 5, keptApproved: 1 });
      expect(res.body.sync.demoted).toEqual(
        expect.arrayContaining([
          { id: id('Rest your eyes after each application.'), reason: 'wording' },
          { id: id('Read the leaflet first.'), reason: 'codes' },
          { id: id('Close your eyes for a minute.'), reason: 'split' },
          { id: id('And press gently on the inner corner.'), reason: 'split' },
        ]),
      );
      expect(res.body.sync.demoted).toHaveLength(4);
      const state = (source: string) => after.find((s) => s.source === source)?.state;
      expect(state('Wash your hands, before you use the drops!')).toBe('approved');
      for (const source of [
        'Rest your eyes after each application.',
        'Read the leaflet first.',
        'Close your eyes for a minute.',
        'And press gently on the inner corner.',
      ])
        expect([source, state(source)]).toEqual([source, 'fuzzy']);
    });
  });

  describe('checks shown before saving', () => {
    it('marks a carried draft whose numbers no longer match the English, and uses the glossary', async () => {
      const api = await setup('Give 5 mL of the syrup.\n\nTake acetaminophen with food.', {
        requireReview: false,
      });
      const dose = await api.bySource('Give 5 mL of the syrup.');
      const pill = await api.bySource('Take acetaminophen with food.');
      expect((await api.save(translator, dose.id, 'Dé 5 mL del jarabe.', 0)).body.checks).toEqual(
        [],
      );
      await api.save(translator, pill.id, 'Tome acetaminofén con comida.', 0);
      const term = await http.post(
        `/api/projects/${api.project}/glossary`,
        { term: 'acetaminophen', locale: 'es', translation: 'paracetamol' },
        { token: admin },
      );
      expect(term.status).toBe(201);

      await api.putSource({
        content: 'Give 10 mL of the syrup.\n\nTake acetaminophen with food.',
      });
      const list = await api.list();
      const stale = list.find((s) => s.source === 'Give 10 mL of the syrup.');
      expect(stale).toMatchObject({ state: 'fuzzy', target: 'Dé 5 mL del jarabe.' });
      expect(stale?.checks).toEqual([
        expect.objectContaining({ code: 'NUMBERS', severity: 'error' }),
      ]);
      expect((await api.get(stale?.id ?? '')).body.checks).toEqual([
        expect.objectContaining({ code: 'NUMBERS', severity: 'error' }),
      ]);
      const fuzzyOnly = await http.get(`${api.base}?state=fuzzy`, { token: translator.token });
      expect(fuzzyOnly.body.items[0].checks).toEqual([
        expect.objectContaining({ code: 'NUMBERS' }),
      ]);
      // The glossary entry came after the save: the list shows the warning all the same.
      const kept = list.find((s) => s.source === 'Take acetaminophen with food.');
      expect(kept?.state).toBe('approved');
      expect(kept?.checks).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'GLOSSARY' })]),
      );
      expect(list.find((s) => s.kind === 'title')?.checks).toEqual([]);
    });
  });

  describe('repeated sentences', () => {
    const SAME = 'Keep the drops in the fridge.';
    const CONTENT = [SAME, 'Shake the bottle.', SAME, 'Throw it away after a month.', SAME].join(
      '\n\n',
    );

    it('fills the untranslated occurrences on request, each as its own revision, never a translated one', async () => {
      const api = await setup(CONTENT);
      const copies = (await api.list()).filter((s) => s.source === SAME);
      expect(copies).toHaveLength(3);
      expect(copies.map((c) => c.repeats)).toEqual([2, 2, 2]);
      const [first, second, third] = copies;
      await api.save(translator, second.id, 'Conserve las gotas en la nevera.', 0);
      expect((await api.get(first.id)).body.repeats).toBe(1);
      // The translated occurrence could fill the two others.
      expect((await api.get(second.id)).body.repeats).toBe(2);

      // Without asking, nothing else is filled.
      const shake = await api.bySource('Shake the bottle.');
      const plain = await api.save(translator, shake.id, 'Agite el frasco.', 0);
      expect(plain.body.propagated).toEqual([]);

      const saved = await api.save(reviewer, first.id, 'Guarde las gotas en la nevera.', 0, {
        propagate: true,
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ state: 'translated', propagated: [third.id] });
      expect((await api.get(third.id)).body).toMatchObject({
        target: 'Guarde las gotas en la nevera.',
        state: 'translated',
        revision: 1,
        checks: [],
        repeats: 0,
      });
      expect((await api.get(second.id)).body).toMatchObject({
        target: 'Conserve las gotas en la nevera.',
        revision: 1,
      });
      expect(await api.history(third.id)).toEqual([
        expect.objectContaining({
          action: 'propagate',
          origin: 'human',
          author: expect.objectContaining({ id: reviewer.id }),
          comment: expect.stringContaining(first.id),
        }),
      ]);
      // A filled occurrence is the saver's text: they may not approve it.
      const own = await api.review(reviewer, third.id, { decision: 'approve', revision: 1 });
      expect([own.status, own.body.code]).toEqual([403, 'SELF_REVIEW']);
      const events = await db.query(
        `SELECT payload FROM outbox WHERE type = 'segment.translated' AND payload->>'segmentId' = $1`,
        [third.id],
      );
      expect(events.rows.map((r) => r.payload)).toEqual([
        expect.objectContaining({ revision: 1, propagatedFrom: first.id, authorId: reviewer.id }),
      ]);
    });

    it('fills them on every save when the project says so (approved without review)', async () => {
      const project = (
        await makeProject(http, admin, {
          targetLocales: ['es'],
          requireReview: false,
          members: { es: { translator } },
        })
      ).slug;
      const patched = await http.patch(
        `/api/projects/${project}`,
        { propagateRepeats: true },
        { token: admin },
      );
      expect(patched.status).toBe(200);
      expect(patched.body.propagateRepeats).toBe(true);
      expect(
        (
          await http.patch(
            `/api/projects/${project}`,
            { propagateRepeats: 'yes' },
            { token: admin },
          )
        ).status,
      ).toBe(400);
      const { slug: article } = await makeArticle(http, admin, project, {
        format: 'text',
        content: CONTENT,
      });
      const copies = (await segmentsOf(http, translator.token, project, article, 'es')).filter(
        (s) => s.source === SAME,
      );
      const res = await http.put(
        `/api/projects/${project}/articles/${article}/locales/es/segments/${copies[0].id}`,
        { target: 'Guarde las gotas en la nevera.', revision: 0 },
        { token: translator.token },
      );
      expect([...res.body.propagated].sort()).toEqual([copies[1].id, copies[2].id].sort());
      const after = (await segmentsOf(http, translator.token, project, article, 'es')).filter(
        (s) => s.source === SAME,
      );
      expect(after.map((s) => [s.state, s.target])).toEqual(
        copies.map(() => ['approved', 'Guarde las gotas en la nevera.']),
      );
    });
  });
});
