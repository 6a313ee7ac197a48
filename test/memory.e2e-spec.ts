import { DataSource } from 'typeorm';
import { grams, tokenize } from '../src/memory/matching';
import { decodeIds, POSTING_BLOCK } from '../src/memory/postings';
import { TestApp } from './support/app';
import { makeArticle, segments, SegmentItem, translateAndApprove } from './support/content';
import { makeProject, makeUser, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface TmMatch {
  source: string;
  target: string;
  score: number;
  current: boolean;
  origin: {
    project: string | null;
    article: string | null;
    segment: string | null;
    approvedAt: string;
    approver: { id: string; name: string } | null;
  };
  diff?: Array<{ op: string; text: string }>;
}

const WASH = 'Wash your hands with soap before every meal.';
const BANDAGE = 'Keep the bandage dry for 2 days.';
const CALL = 'Call your nurse if the wound becomes red or warm.';
const SPANISH: Record<string, string> = {
  [WASH]: 'Lávese las manos con jabón antes de cada comida.',
  [BANDAGE]: 'Mantenga el vendaje seco durante 2 días.',
  [CALL]: 'Llame a su enfermera si la herida se pone roja o caliente.',
};
const spanish = (source: string): string => SPANISH[source] ?? `ES ${source}`;

describe('translation memory (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({
      worker: false,
      names: { reviewer: 'Rita Reviewer' },
    }));
  });
  afterAll(() => t.close());

  const members = () => ({ es: { translator, reviewer } });

  async function project(overrides: { requireReview?: boolean } = {}): Promise<string> {
    return (
      await makeProject(http, admin, { targetLocales: ['es'], members: members(), ...overrides })
    ).slug;
  }

  async function article(slug: string, paragraphs: string[]): Promise<string> {
    return (
      await makeArticle(http, admin, slug, { format: 'text', content: paragraphs.join('\n\n') })
    ).slug;
  }

  const tokens = () => ({ translator: translator.token, reviewer: reviewer.token });

  const segmentOf = async (slug: string, art: string, source: string): Promise<SegmentItem> => {
    const found = (await segments(http, translator.token, slug, art, 'es')).find(
      (s) => s.source === source,
    );
    if (!found) throw new Error(`no segment "${source}"`);
    return found;
  };

  async function suggestions(slug: string, art: string, source: string, token = translator.token) {
    const segment = await segmentOf(slug, art, source);
    const res = await http.get<{ tm: TmMatch[] }>(
      `/api/projects/${slug}/articles/${art}/locales/es/segments/${segment.id}/suggestions`,
      { token },
    );
    expect(res.status).toBe(200);
    return res.body.tm;
  }

  const search = (q: string, token: string, extra = '') =>
    http.get<{ items: TmMatch[]; nextCursor: string | null }>(
      `/api/tm?source=en&target=es&q=${encodeURIComponent(q)}${extra}`,
      { token },
    );

  it('offers approved translations: context 101, exact 100, fuzzy with a diff, origin named', async () => {
    const slug = await project();
    const first = await article(slug, [WASH, BANDAGE, CALL]);
    await translateAndApprove(http, tokens(), slug, first, 'es', spanish);

    const variant = 'Keep the bandage clean and dry for 2 days.';
    const second = await article(slug, [WASH, BANDAGE, CALL, variant, 'Rest in bed.']);

    const context = await suggestions(slug, second, BANDAGE);
    expect(context[0]).toMatchObject({
      source: BANDAGE,
      target: SPANISH[BANDAGE],
      score: 101,
      current: true,
      origin: {
        project: slug,
        article: first,
        segment: (await segmentOf(slug, first, BANDAGE)).id,
        approver: { id: reviewer.id, name: 'Rita Reviewer' },
      },
    });
    expect(Date.parse(context[0].origin.approvedAt)).not.toBeNaN();
    expect(context[0].diff).toEqual([{ op: 'equal', text: BANDAGE }]);

    // The same sentence elsewhere, with other neighbours: exact, not context.
    const third = await article(slug, ['Before the visit.', WASH]);
    expect((await suggestions(slug, third, WASH))[0]).toMatchObject({ source: WASH, score: 100 });

    const fuzzy = await suggestions(slug, second, variant);
    expect(fuzzy[0]).toMatchObject({ source: BANDAGE, target: SPANISH[BANDAGE], score: 80 });
    expect(fuzzy[0].diff).toEqual([
      { op: 'equal', text: 'Keep the bandage ' },
      { op: 'insert', text: 'clean and ' },
      { op: 'equal', text: 'dry for 2 days.' },
    ]);
    // Nothing close enough: no match rather than a bad one.
    expect(await suggestions(slug, second, 'Rest in bed.')).toEqual([]);
    // A segment is not offered its own current translation.
    expect(await suggestions(slug, first, BANDAGE)).toEqual([]);
  });

  it('keeps a superseded translation, ranked below the current one', async () => {
    const slug = await project();
    const first = await article(slug, [CALL]);
    await translateAndApprove(
      http,
      tokens(),
      slug,
      first,
      'es',
      () => 'Llame a la enfermera si la herida está roja o caliente.',
    );
    await translateAndApprove(http, tokens(), slug, first, 'es', spanish);
    // Approved already: edit and approve again.
    const segment = await segmentOf(slug, first, CALL);
    const base = `/api/projects/${slug}/articles/${first}/locales/es/segments/${segment.id}`;
    const saved = await http.put(
      base,
      { target: SPANISH[CALL], revision: segment.revision },
      { token: translator.token },
    );
    expect(saved.status).toBe(200);
    const approved = await http.post(
      `${base}/review`,
      { decision: 'approve', revision: saved.body.revision },
      { token: reviewer.token },
    );
    expect(approved.status).toBe(200);

    const other = await article(slug, ['Read this first.', CALL]);
    // The translator is a member of the other tests' projects too: this project's entries.
    const tm = (await suggestions(slug, other, CALL)).filter((m) => m.origin.project === slug);
    expect(tm.map((m) => [m.target, m.score, m.current])).toEqual([
      [SPANISH[CALL], 100, true],
      ['Llame a la enfermera si la herida está roja o caliente.', 100, false],
    ]);
    // The segment itself still sees its superseded translation, not its current one.
    expect(
      (await suggestions(slug, first, CALL))
        .filter((m) => m.origin.project === slug)
        .map((m) => m.current),
    ).toEqual([false]);
  });

  it('appends each approval to its posting lists, past the first block of 192', async () => {
    const direct = await project({ requireReview: false });
    const count = POSTING_BLOCK + 8;
    const sentence = (n: number) => `Check the splint of bed ${n} before the ward round.`;
    const art = await article(
      direct,
      Array.from({ length: count }, (_, i) => sentence(i + 1)),
    );
    for (const segment of await segments(http, translator.token, direct, art, 'es')) {
      const saved = await http.put(
        `/api/projects/${direct}/articles/${art}/locales/es/segments/${segment.id}`,
        { target: `ES ${segment.source}`, revision: segment.revision },
        { token: translator.token },
      );
      expect(saved.body.state).toBe('approved');
    }
    const db = t.app.get(DataSource);
    const entries = await db.query<Array<{ id: string }>>(
      `SELECT e.id::text AS id FROM tm_entries e JOIN projects p ON p.id = e.project_id
        WHERE p.slug = $1 AND e.source LIKE 'Check the splint%'`,
      [direct],
    );
    expect(entries).toHaveLength(count);
    // "check the", "the splint", ...: every entry once, in order, in consecutive blocks.
    const [gram] = grams('en', 'es', tokenize('Check the splint'));
    const [length] = await db.query<Array<{ entries: number }>>(
      `SELECT entries FROM tm_grams WHERE gram = $1`,
      [gram],
    );
    expect(length.entries).toBe(count);
    const blocks = await db.query<Array<{ block: number; entries: Buffer }>>(
      `SELECT block, entries FROM tm_posting_blocks WHERE gram = $1 ORDER BY block`,
      [gram],
    );
    expect(blocks.map((b) => b.block)).toEqual([0, 1]);
    expect(blocks.flatMap((b) => decodeIds(b.entries)).map(String)).toEqual(
      entries.map((e) => e.id).sort((a, b) => Number(a) - Number(b)),
    );
    // An entry in the second block is found by a fuzzy search through the shared pairs.
    const found = await search(`Check the splint of bed ${count} after the ward round.`, admin);
    expect(found.body.items[0]).toEqual(
      expect.objectContaining({ source: sentence(count), score: expect.any(Number) }),
    );
    expect(found.body.items[0].score).toBeLessThan(100);
  });

  it('records the approvals of a batch review and of a save that approves directly', async () => {
    const slug = await project();
    const art = await article(slug, [WASH, BANDAGE]);
    const items: Array<{ id: string; revision: number }> = [];
    for (const segment of await segments(http, translator.token, slug, art, 'es')) {
      const saved = await http.put(
        `/api/projects/${slug}/articles/${art}/locales/es/segments/${segment.id}`,
        { target: spanish(segment.source), revision: segment.revision },
        { token: translator.token },
      );
      expect(saved.status).toBe(200);
      items.push({ id: segment.id, revision: saved.body.revision });
    }
    const batch = await http.post(
      `/api/projects/${slug}/articles/${art}/locales/es/review`,
      { decision: 'approve', items },
      { token: reviewer.token },
    );
    expect(batch.status).toBe(200);
    expect(batch.body.approved).toBe(items.length);
    const found = await search(WASH, translator.token);
    expect(found.status).toBe(200);
    expect(found.body.items.filter((m) => m.origin.project === slug)).toEqual([
      expect.objectContaining({ source: WASH, target: SPANISH[WASH], score: 100 }),
    ]);

    const direct = await project({ requireReview: false });
    const sentence = 'Store the cream in a cool and dry place.';
    const directArt = await article(direct, [sentence]);
    const segment = await segmentOf(direct, directArt, sentence);
    const saved = await http.put(
      `/api/projects/${direct}/articles/${directArt}/locales/es/segments/${segment.id}`,
      { target: 'Guarde la crema en un lugar fresco y seco.', revision: 0 },
      { token: translator.token },
    );
    expect(saved.body.state).toBe('approved');
    const directHits = (await search(sentence, translator.token)).body.items.filter(
      (m) => m.origin.project === direct,
    );
    expect(directHits).toEqual([
      expect.objectContaining({
        target: 'Guarde la crema en un lugar fresco y seco.',
        score: 100,
        origin: expect.objectContaining({
          project: direct,
          approver: expect.objectContaining({ id: translator.id }),
        }),
      }),
    ]);
  });

  it('shows entries to members of their project, to everybody with a shared memory, to admins', async () => {
    const sentence = 'Apply the ointment in the morning to the clean skin.';
    const slug = await project();
    const art = await article(slug, [sentence]);
    await translateAndApprove(http, tokens(), slug, art, 'es', (s) =>
      s === sentence ? 'Aplique la pomada por la mañana sobre la piel limpia.' : `ES ${s}`,
    );

    const mine = (list: TmMatch[]) => list.filter((m) => m.origin.project === slug);
    expect(mine((await search(sentence, translator.token)).body.items)).toHaveLength(1);
    expect(mine((await search(sentence, admin)).body.items)).toHaveLength(1);
    expect(mine((await search(sentence, outsider.token)).body.items)).toEqual([]);
    // A member of another project only: still not visible there, not even in suggestions.
    const stranger = await makeUser(http, admin);
    const elsewhere = (
      await makeProject(http, admin, {
        targetLocales: ['es'],
        members: { es: { translator: stranger } },
      })
    ).slug;
    const strangerArt = await article(elsewhere, [sentence]);
    const segment = (await segments(http, stranger.token, elsewhere, strangerArt, 'es')).find(
      (s) => s.source === sentence,
    ) as SegmentItem;
    const hidden = await http.get<{ tm: TmMatch[] }>(
      `/api/projects/${elsewhere}/articles/${strangerArt}/locales/es/segments/${segment.id}/suggestions`,
      { token: stranger.token },
    );
    expect(mine(hidden.body.tm)).toEqual([]);

    const shared = await http.patch(
      `/api/projects/${slug}`,
      { sharedMemory: true },
      { token: admin },
    );
    expect(shared.status).toBe(200);
    expect(shared.body.sharedMemory).toBe(true);
    expect(mine((await search(sentence, outsider.token)).body.items)).toHaveLength(1);
    const visible = await http.get<{ tm: TmMatch[] }>(
      `/api/projects/${elsewhere}/articles/${strangerArt}/locales/es/segments/${segment.id}/suggestions`,
      { token: stranger.token },
    );
    // Same title before it, nothing after: a context match.
    expect(mine(visible.body.tm)).toEqual([expect.objectContaining({ score: 101 })]);

    const refused = await http.patch(
      `/api/projects/${slug}`,
      { sharedMemory: false },
      { token: translator.token },
    );
    expect(refused.status).toBe(403);
    const invalid = await http.patch(
      `/api/projects/${slug}`,
      { sharedMemory: 'yes' },
      { token: admin },
    );
    expect(invalid.status).toBe(400);
  });

  it('pages search results and validates the query', async () => {
    const slug = await project();
    const base = 'Take the tablet with a glass of water after breakfast';
    const art = await article(slug, [`${base}.`, `${base} and dinner.`, `${base} or lunch.`]);
    await translateAndApprove(http, tokens(), slug, art, 'es', (s) => `ES ${s}`);
    const q = `${base}.`;
    const first = await search(q, translator.token, '&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((m) => m.score)).toEqual([100, expect.any(Number)]);
    expect(first.body.items[1].score).toBeLessThan(100);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await search(q, translator.token, `&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...next.body.items].map((m) => m.source);
    expect(new Set(all).size).toBe(3);

    expect((await http.get('/api/tm?source=en&target=es', { token: admin })).status).toBe(400);
    const unknown = await search(q, admin, '').then(() =>
      http.get('/api/tm?source=en&target=xx-nope&q=a', { token: admin }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect((await search(q, admin, '&cursor=nonsense')).status).toBe(400);
    expect((await http.get(`/api/tm?source=en&target=es&q=x`)).status).toBe(401);
  });
});
