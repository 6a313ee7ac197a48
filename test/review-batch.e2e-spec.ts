import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeArticle, SegmentItem } from './support/content';
import { outboxPayloads } from './support/db';
import { addMember, makeProject, makeUser, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

const CONTENT = [
  'Wash your hands before you touch the dressing.',
  '',
  'Keep the dressing dry for 2 days.',
  '',
  'Call the clinic if the skin around it turns red.',
  '',
  'Do not remove the stitches yourself.',
  '',
  'Bring this sheet to your next visit.',
].join('\n');

/** A Spanish draft for each source sentence (numbers and codes kept). */
const spanish = (source: string): string => `ES: ${source}`;

interface BatchResult {
  approved: number;
  rejected: number;
  failed: number;
  results: Array<{
    id: string;
    outcome: string;
    segment?: SegmentItem;
    checks?: Array<{ code: string }>;
  }>;
}

/**
 * POST .../locales/:locale/review: one decision on many segments, each under the rules of a
 * single review, with the same revisions, events and counts, and locale.approved once.
 */
describe('batch review (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let frReviewer: TestUser;
  let db: Client;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
    frReviewer = await makeUser(http, admin);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function setup(content = CONTENT, options: { requireReview?: boolean } = {}) {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        requireReview: options.requireReview ?? true,
        members: { es: { translator, reviewer }, fr: { reviewer: frReviewer } },
      })
    ).slug;
    const { slug: article } = await makeArticle(http, admin, project, {
      slug: unique('dressing'),
      title: 'Caring for your wound',
      format: 'text',
      content,
    });
    const locale = `/api/projects/${project}/articles/${article}/locales/es`;
    /** Every segment, page after page. */
    const list = async (): Promise<SegmentItem[]> => {
      const items: SegmentItem[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await http.get(`${locale}/segments?limit=500${query}`, { token: admin });
        if (page.status !== 200) throw new Error(`segments ${page.status} ${page.text}`);
        items.push(...(page.body.items as SegmentItem[]));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      return items;
    };
    /** Saves a Spanish draft of every segment (by `who`), `width` at a time. */
    const translateAll = async (
      who: TestUser = translator,
      width = 8,
      pick: (s: SegmentItem) => boolean = () => true,
    ): Promise<SegmentItem[]> => {
      const all = (await list()).filter(pick);
      for (let i = 0; i < all.length; i += width) {
        await Promise.all(
          all.slice(i, i + width).map(async (s) => {
            const saved = await http.put(
              `${locale}/segments/${s.id}`,
              { target: spanish(s.source), revision: s.revision },
              { token: who.token },
            );
            if (saved.status !== 200) throw new Error(`save ${saved.status} ${saved.text}`);
          }),
        );
      }
      return list();
    };
    const review = (body: unknown, token = reviewer.token) =>
      http.post<BatchResult>(`${locale}/review`, body, { token });
    const progress = async () =>
      (
        await http.get(`/api/projects/${project}/articles/${article}`, { token: admin })
      ).body.locales.find((l: { locale: string }) => l.locale === 'es');
    return { project, article, locale, list, translateAll, review, progress };
  }

  const events = async (type: string, article: string) =>
    (await outboxPayloads(t.databaseUrl, type)).filter((p) => p.article === article);

  it('approves every item as single reviews would: revisions, events, counts, locale.approved once', async () => {
    const { article, locale, translateAll, review, progress, list } = await setup();
    const translated = await translateAll();
    const res = await review({
      decision: 'approve',
      items: translated.map((s) => ({ id: s.id, revision: s.revision })),
      comment: 'Checked against the leaflet.',
    });
    expect(res.status).toBe(200);
    expect([res.body.approved, res.body.rejected, res.body.failed]).toEqual([
      translated.length,
      0,
      0,
    ]);
    expect(res.body.results.map((r) => [r.id, r.outcome])).toEqual(
      translated.map((s) => [s.id, 'approved']),
    );
    for (const r of res.body.results) {
      const before = translated.find((s) => s.id === r.id) as SegmentItem;
      expect(r.segment).toMatchObject({
        id: r.id,
        state: 'approved',
        revision: before.revision + 1,
        target: before.target,
      });
    }
    expect((await list()).every((s) => s.state === 'approved')).toBe(true);
    const history = await http.get(`${locale}/segments/${translated[1].id}/history`, {
      token: admin,
    });
    expect(history.body.items[0]).toMatchObject({
      revision: 2,
      state: 'approved',
      action: 'approve',
      comment: 'Checked against the leaflet.',
      author: { id: reviewer.id },
    });
    const reviewed = await events('segment.reviewed', article);
    expect(reviewed).toHaveLength(translated.length);
    expect(reviewed[0]).toMatchObject({
      locale: 'es',
      decision: 'approve',
      state: 'approved',
      revision: 2,
      reviewerId: reviewer.id,
      comment: 'Checked against the leaflet.',
    });
    expect(await events('locale.approved', article)).toEqual([
      expect.objectContaining({ locale: 'es', version: 1 }),
    ]);
    expect(await progress()).toMatchObject({
      total: translated.length,
      approved: translated.length,
      translated: 0,
    });
  });

  it('rejects with the comment it requires, and reports each broken rule per item', async () => {
    const { article, locale, list, translateAll, review, progress } = await setup();
    const all = await list();
    // Segment 0 stays untranslated; the reviewer translates segment 1 themselves.
    const [untranslated, own, ...rest] = all;
    const ownSave = await http.put(
      `${locale}/segments/${own.id}`,
      { target: spanish(own.source), revision: 0 },
      { token: reviewer.token },
    );
    expect(ownSave.status).toBe(200);
    // The reviewer drafts the last one and the translator rewrites it: still the reviewer's
    // contribution to the text under review (the lineage says so, not the last author).
    const shared = rest[3];
    const draft = await http.put(
      `${locale}/segments/${shared.id}`,
      { target: 'Borrador del revisor.', revision: 0 },
      { token: reviewer.token },
    );
    expect(draft.status).toBe(200);
    await translateAll(translator, 8, (s) => s.id !== untranslated.id && s.id !== own.id);
    const now = await list();
    const [stale, badChecks, fine, edited] = rest.map(
      (s) => now.find((n) => n.id === s.id) as SegmentItem,
    );
    expect(edited).toMatchObject({ revision: 2, updatedBy: { id: translator.id } });
    // A draft that no longer passes a blocking check (as an old import could have left it).
    await db.query(
      `UPDATE translations SET target = 'Mantenga el apósito seco 3 días.'
        WHERE segment_key = $1 AND locale = 'es'`,
      [badChecks.id],
    );
    const mixed = await review({
      decision: 'approve',
      items: [
        { id: untranslated.id, revision: now[0].revision },
        { id: own.id, revision: (now.find((s) => s.id === own.id) as SegmentItem).revision },
        { id: stale.id, revision: stale.revision - 1 },
        { id: badChecks.id, revision: badChecks.revision },
        { id: fine.id, revision: fine.revision },
        { id: 'no-such-segment', revision: 0 },
        { id: edited.id, revision: edited.revision },
      ],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.results.map((r) => r.outcome)).toEqual([
      'not_reviewable',
      'self_review',
      'conflict',
      'check_failed',
      'approved',
      'not_reviewable',
      'self_review',
    ]);
    expect([mixed.body.approved, mixed.body.rejected, mixed.body.failed]).toEqual([1, 0, 6]);
    expect(mixed.body.results[0].segment).toMatchObject({ state: 'untranslated', revision: 0 });
    expect(mixed.body.results[3].checks).toEqual([expect.objectContaining({ code: 'NUMBERS' })]);
    // A single review applies the same rule.
    const single = await http.post(
      `${locale}/segments/${badChecks.id}/review`,
      { decision: 'approve', revision: badChecks.revision },
      { token: reviewer.token },
    );
    expect([single.status, single.body.code, single.body.details.checks]).toEqual([
      422,
      'CHECK_FAILED',
      [expect.objectContaining({ code: 'NUMBERS' })],
    ]);
    expect(mixed.body.results[2].segment).toMatchObject({ id: stale.id, state: 'translated' });
    expect(mixed.body.results[5].segment).toBeUndefined();
    // Left as they were: only the approved ones moved.
    const after = await list();
    const stateOf = (id: string) => after.find((s) => s.id === id)?.state;
    expect([stateOf(own.id), stateOf(stale.id), stateOf(badChecks.id), stateOf(fine.id)]).toEqual([
      'translated',
      'translated',
      'translated',
      'approved',
    ]);
    expect(await events('locale.approved', article)).toEqual([]);

    // A rejection needs a comment (400); with one, each rejected segment carries it.
    const bare = await review({
      decision: 'reject',
      items: [{ id: stale.id, revision: stale.revision }],
    });
    expect([bare.status, bare.body]).toMatchObject([400, { code: 'VALIDATION_FAILED' }]);
    const blank = await review({
      decision: 'reject',
      items: [{ id: stale.id, revision: stale.revision }],
      comment: '   ',
    });
    expect(blank.status).toBe(400);
    const rejected = await review({
      decision: 'reject',
      items: [
        { id: stale.id, revision: stale.revision },
        { id: own.id, revision: (after.find((s) => s.id === own.id) as SegmentItem).revision },
        { id: fine.id, revision: (after.find((s) => s.id === fine.id) as SegmentItem).revision },
      ],
      comment: 'Use "apósito" consistently.',
    });
    expect(rejected.status).toBe(200);
    // Rejecting one's own text is allowed (as in a single review); an approved one is not translated.
    expect(rejected.body.results.map((r) => r.outcome)).toEqual([
      'rejected',
      'rejected',
      'not_reviewable',
    ]);
    expect(rejected.body.results[0].segment).toMatchObject({ state: 'rejected' });
    const history = await http.get(`${locale}/segments/${stale.id}/history`, { token: admin });
    expect(history.body.items[0]).toMatchObject({
      action: 'reject',
      state: 'rejected',
      comment: 'Use "apósito" consistently.',
    });
    expect(await progress()).toMatchObject({ rejected: 2 });
  });

  it('with requireReview off, a reviewer may approve text they wrote', async () => {
    const { project, list, review, translateAll } = await setup();
    await translateAll(reviewer);
    const patched = await http.patch(
      `/api/projects/${project}`,
      { requireReview: false },
      { token: admin },
    );
    expect(patched.status).toBe(200);
    const all = await list();
    const res = await review({
      decision: 'approve',
      items: all.map((s) => ({ id: s.id, revision: s.revision })),
    });
    expect(res.body.results.every((r) => r.outcome === 'approved')).toBe(true);
  });

  it('is for reviewers of the locale: 403 for translators, other locales and outsiders', async () => {
    const { locale, translateAll } = await setup();
    const [first] = await translateAll();
    const body = { decision: 'approve', items: [{ id: first.id, revision: first.revision }] };
    for (const who of [translator, frReviewer, outsider]) {
      const res = await http.post(`${locale}/review`, body, { token: who.token });
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await http.post(`${locale}/review`, body)).status).toBe(401);
    const second = await makeUser(http, admin);
    await addMember(http, admin, locale.split('/')[3], second.id, 'es', 'reviewer');
    const ok = await http.post(`${locale}/review`, body, { token: second.token });
    expect([ok.status, ok.body.approved]).toEqual([200, 1]);
  });

  it('validates the body: decision, 1..5000 items, each id once, revisions', async () => {
    const { locale } = await setup();
    const item = { id: 'abc', revision: 1 };
    const bodies = [
      {},
      { decision: 'maybe', items: [item] },
      { decision: 'approve', items: [] },
      { decision: 'approve', items: 'abc' },
      { decision: 'approve', items: [item, { ...item }] },
      { decision: 'approve', items: [{ id: 'abc', revision: -1 }] },
      { decision: 'approve', items: [{ id: 'abc' }] },
      { decision: 'approve', items: [{ ...item, extra: true }] },
      {
        decision: 'approve',
        items: Array.from({ length: 5001 }, (_, i) => ({ id: `s${i}`, revision: 1 })),
      },
    ];
    for (const body of bodies) {
      const res = await http.post(`${locale}/review`, body, { token: reviewer.token });
      expect([JSON.stringify(body).slice(0, 80), res.status, res.body.code]).toEqual([
        JSON.stringify(body).slice(0, 80),
        400,
        'VALIDATION_FAILED',
      ]);
    }
  });

  it('404 for an unknown project, article or locale', async () => {
    const { project, article } = await setup();
    const body = { decision: 'approve', items: [{ id: 'abc', revision: 1 }] };
    for (const path of [
      `/api/projects/nope/articles/${article}/locales/es/review`,
      `/api/projects/${project}/articles/nope/locales/es/review`,
      `/api/projects/${project}/articles/${article}/locales/de/review`,
    ]) {
      const res = await http.post(path, body, { token: admin });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
  });

  it('reviews 1,000 segments in one request well within a few seconds', async () => {
    const content = Array.from(
      { length: 1000 },
      (_, i) => `Step ${i + 1}: check the dressing and write down what you see.`,
    ).join('\n\n');
    const { article, translateAll, review, progress } = await setup(content);
    const translated = (await translateAll(translator, 25)).slice(1); // the title stays out
    expect(translated).toHaveLength(1000);
    const started = Date.now();
    const res = await review({
      decision: 'approve',
      items: translated.map((s) => ({ id: s.id, revision: s.revision })),
    });
    const elapsed = Date.now() - started;
    expect([res.status, res.body.approved, res.body.failed]).toEqual([200, 1000, 0]);
    if (process.env.REVIEW_BATCH_TIMING) console.log(`1,000 approvals: ${elapsed} ms`);
    expect(elapsed).toBeLessThan(3000);
    expect(await progress()).toMatchObject({ approved: 1000, translated: 1 });
    expect(await events('segment.reviewed', article)).toHaveLength(1000);
    expect(await events('locale.approved', article)).toEqual([]);
  }, 120_000);
});
