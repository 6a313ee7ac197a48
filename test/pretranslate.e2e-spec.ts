import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApp } from './support/app';
import { makeArticle, segments, SegmentItem, translateAndApprove } from './support/content';
import { eventually, makeProject, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface PretranslateResult {
  filled: number;
  translated: number;
  skipped: number;
  stopped: { code: string; message: string } | null;
}

interface HistoryItem {
  revision: number;
  target: string;
  state: string;
  action: string;
  origin: string;
  comment: string | null;
  author: { id: string; name: string } | null;
}

const CLEAN = 'Clean the skin around the drain once a day.';
const DRESSING = 'Change the dressing after 48 hours.';
const FEVER = 'Call the clinic if your temperature is above 38 °C.';
const VARIANT = 'Change the sterile dressing after 48 hours.';
const SPANISH: Record<string, string> = {
  [CLEAN]: 'Limpie la piel alrededor del drenaje una vez al día.',
  [DRESSING]: 'Cambie el apósito después de 48 horas.',
  [FEVER]: 'Llame a la clínica si su temperatura supera los 38 °C.',
};
const spanish = (source: string): string => SPANISH[source] ?? `ES ${source}`;

/** A LibreTranslate server on the loopback that answers "ES: <text>" (markup kept). */
class FakeLibreTranslate {
  readonly requests: string[][] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw) as { q: string[] };
        this.requests.push(body.q);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ translatedText: body.q.map((q) => `ES: ${q}`) }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Shared by both app set-ups below. */
function helpers(get: () => { http: Http; admin: string; translator: TestUser }) {
  const article = async (slug: string, paragraphs: string[], title = unique('Care sheet')) =>
    (
      await makeArticle(get().http, get().admin, slug, {
        title,
        format: 'text',
        content: paragraphs.join('\n\n'),
      })
    ).slug;
  const list = (slug: string, art: string, token = get().translator.token) =>
    segments(get().http, token, slug, art, 'es');
  const bySource = async (slug: string, art: string): Promise<Map<string, SegmentItem>> =>
    new Map((await list(slug, art)).map((s) => [s.source, s]));
  const history = async (slug: string, art: string, id: string): Promise<HistoryItem[]> => {
    const res = await get().http.get<{ items: HistoryItem[] }>(
      `/api/projects/${slug}/articles/${art}/locales/es/segments/${id}/history`,
      { token: get().translator.token },
    );
    expect(res.status).toBe(200);
    return res.body.items;
  };
  return { article, list, bySource, history };
}

describe('pre-translation on demand (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let libre: FakeLibreTranslate;

  beforeAll(async () => {
    libre = new FakeLibreTranslate();
    await libre.start();
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
  });
  afterAll(async () => {
    await t.close();
    await libre.stop();
  });

  const { article, bySource, history, list } = helpers(() => ({ http, admin, translator }));
  const tokens = () => ({ translator: translator.token, reviewer: reviewer.token });

  async function project(): Promise<string> {
    const members = { es: { translator, reviewer } };
    return (await makeProject(http, admin, { targetLocales: ['es', 'fr'], members })).slug;
  }

  const pretranslate = (
    slug: string,
    art: string,
    body: unknown,
    token = translator.token,
    locale = 'es',
  ) =>
    http.post<PretranslateResult>(
      `/api/projects/${slug}/articles/${art}/locales/${locale}/pretranslate`,
      body,
      { token },
    );

  /**
   * A project with the articles `contents` (made first, so that the automatic pre-fill of a
   * new version finds nothing for them) and then a memory that knows CLEAN, DRESSING, FEVER
   * (one approved article).
   */
  async function projectWithMemory(...contents: string[][]): Promise<[string, ...string[]]> {
    const slug = await project();
    const made: string[] = [];
    for (const paragraphs of contents) made.push(await article(slug, paragraphs));
    const first = await article(slug, [CLEAN, DRESSING, FEVER]);
    await translateAndApprove(http, tokens(), slug, first, 'es', spanish);
    return [slug, ...made];
  }

  it('fills exact (100) and context (101) matches as fuzzy drafts with origin tm, never approved', async () => {
    // CLEAN follows another title (exact), DRESSING has the same neighbours (context), FEVER
    // is followed by a new sentence (exact); the title and the new sentence have no match.
    const later = [CLEAN, DRESSING, FEVER, 'Rest with your leg raised.'];
    const [slug, second, third] = await projectWithMemory(later, later);

    const res = await pretranslate(slug, second, { from: 'tm' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ filled: 3, translated: 0, skipped: 2, stopped: null });

    const after = await bySource(slug, second);
    for (const source of [CLEAN, DRESSING, FEVER]) {
      expect(after.get(source)).toMatchObject({
        target: SPANISH[source],
        state: 'fuzzy',
        revision: 1,
      });
    }
    expect(after.get('Rest with your leg raised.')).toMatchObject({ state: 'untranslated' });
    expect((await list(slug, second)).some((s) => s.state === 'approved')).toBe(false);

    const [latest] = await history(slug, second, after.get(DRESSING)!.id);
    expect(latest).toMatchObject({
      action: 'pretranslate',
      origin: 'tm',
      state: 'fuzzy',
      author: { id: translator.id },
    });
    expect(latest.comment).toContain('context match 101');
    expect((await history(slug, second, after.get(CLEAN)!.id))[0].comment).toContain(
      'exact match 100',
    );

    // A second run finds nothing left to fill: drafts are not untranslated.
    expect((await pretranslate(slug, second, { from: 'tm' })).body).toMatchObject({
      filled: 0,
      skipped: 2,
    });

    // minScore 101: context matches only.
    expect((await pretranslate(slug, third, { from: 'tm', minScore: 101 })).body).toMatchObject({
      filled: 1,
    });
    expect((await bySource(slug, third)).get(DRESSING)).toMatchObject({ state: 'fuzzy' });
    expect((await bySource(slug, third)).get(CLEAN)).toMatchObject({ state: 'untranslated' });
  });

  it('uses fuzzy matches only when minScore is below 100', async () => {
    const [slug, art] = await projectWithMemory([VARIANT]);
    expect((await pretranslate(slug, art, { from: 'tm' })).body.filled).toBe(0);
    expect((await pretranslate(slug, art, { from: 'tm', minScore: 95 })).body.filled).toBe(0);

    const res = await pretranslate(slug, art, { from: 'tm', minScore: 75 });
    expect(res.body).toMatchObject({ filled: 1, translated: 0 });
    const draft = (await bySource(slug, art)).get(VARIANT)!;
    // The English differs: the memory's Spanish is a draft to correct, never more.
    expect(draft).toMatchObject({ target: SPANISH[DRESSING], state: 'fuzzy' });
    expect((await history(slug, art, draft.id))[0].comment).toMatch(/fuzzy match \d\d/);
  });

  it('marks context matches translated (never approved) when the admin turns the setting on', async () => {
    const [slug, art] = await projectWithMemory([
      CLEAN,
      DRESSING,
      FEVER,
      'Rest with your leg raised.',
    ]);
    const patched = await http.patch<{ pretranslateContextAsTranslated: boolean }>(
      `/api/projects/${slug}`,
      { pretranslateContextAsTranslated: true },
      { token: admin },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.pretranslateContextAsTranslated).toBe(true);
    // Only an admin changes project settings.
    expect(
      (
        await http.patch(
          `/api/projects/${slug}`,
          { pretranslateContextAsTranslated: false },
          { token: reviewer.token },
        )
      ).status,
    ).toBe(403);

    // The reviewer may pre-translate too; the text is the memory's, not theirs.
    const res = await pretranslate(slug, art, { from: 'tm' }, reviewer.token);
    expect(res.body).toMatchObject({ filled: 3, translated: 1 });
    const after = await bySource(slug, art);
    expect(after.get(DRESSING)).toMatchObject({ state: 'translated', target: SPANISH[DRESSING] });
    expect(after.get(CLEAN)).toMatchObject({ state: 'fuzzy' });
    expect(after.get(FEVER)).toMatchObject({ state: 'fuzzy' });

    // So the reviewer who asked for it may approve it: a person approves, not the run.
    const approved = await http.post(
      `/api/projects/${slug}/articles/${art}/locales/es/segments/${after.get(DRESSING)!.id}/review`,
      { decision: 'approve', revision: after.get(DRESSING)!.revision },
      { token: reviewer.token },
    );
    expect(approved.status).toBe(200);
  });

  it('never overwrites a translation a person saved, before or during the run', async () => {
    const [slug, art] = await projectWithMemory([CLEAN, DRESSING, FEVER]);
    const before = await bySource(slug, art);
    const base = `/api/projects/${slug}/articles/${art}/locales/es/segments`;
    const mine = 'Limpie bien la piel alrededor del drenaje una vez al día.';
    const saved = await http.put(
      `${base}/${before.get(CLEAN)!.id}`,
      { target: mine, revision: 0 },
      { token: translator.token },
    );
    expect(saved.status).toBe(200);

    // A save racing the run: whichever commits first wins, the other changes nothing.
    const fever = before.get(FEVER)!;
    const racingText = 'Llame a la clínica si tiene más de 38 °C de temperatura.';
    const [run, racing] = await Promise.all([
      pretranslate(slug, art, { from: 'tm' }),
      http.put(
        `${base}/${fever.id}`,
        { target: racingText, revision: 0 },
        { token: translator.token },
      ),
    ]);
    expect(run.status).toBe(200);
    const after = await bySource(slug, art);
    expect(after.get(CLEAN)).toMatchObject({ target: mine, state: 'translated', revision: 1 });
    expect(after.get(DRESSING)).toMatchObject({ state: 'fuzzy' });
    if (racing.status === 200) {
      expect(after.get(FEVER)).toMatchObject({ target: racingText, state: 'translated' });
      expect(run.body.filled).toBe(1);
      expect((await history(slug, art, fever.id)).map((h) => h.action)).toEqual(['save']);
    } else {
      // The run came first: the save based on revision 0 is a conflict, nothing overwritten.
      expect(racing.status).toBe(409);
      expect(after.get(FEVER)).toMatchObject({ target: SPANISH[FEVER], state: 'fuzzy' });
      expect(run.body.filled).toBe(2);
    }
    expect((await history(slug, art, before.get(CLEAN)!.id)).map((h) => h.action)).toEqual([
      'save',
    ]);
  });

  it('refuses other locales, outsiders, unknown locales and bad bodies, changing nothing', async () => {
    const [slug, art] = await projectWithMemory([CLEAN]);
    const denied = await pretranslate(slug, art, { from: 'tm' }, outsider.token);
    expect(denied.status).toBe(403);
    // The translator of es is not one of fr.
    expect((await pretranslate(slug, art, { from: 'tm' }, translator.token, 'fr')).status).toBe(
      403,
    );
    const unknown = await pretranslate(slug, art, { from: 'tm' }, admin, 'de');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await pretranslate(slug, 'no-such-article', { from: 'tm' }, admin)).status).toBe(404);
    for (const body of [
      {},
      { from: 'web' },
      { from: 'tm', minScore: 74 },
      { from: 'tm', minScore: 102 },
      { from: 'tm', minScore: 90.5 },
      { from: 'tm', minScore: '100' },
    ]) {
      const bad = await pretranslate(slug, art, body);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await list(slug, art)).every((s) => s.state === 'untranslated')).toBe(true);
  });

  it('fills from machine translation through the configured provider, within its limit', async () => {
    const slug = await project();
    const art = await article(slug, [
      'Take 3 tablets with water.',
      'Keep the leaflet with your medicines.',
      'Ask your pharmacist about other brands.',
    ]);
    const none = await pretranslate(slug, art, { from: 'mt' });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'MT_NOT_CONFIGURED' });

    const configured = await http.put(
      `/api/projects/${slug}/mt`,
      { provider: 'libretranslate', endpoint: libre.url, locales: ['es'] },
      { token: admin },
    );
    expect(configured.status).toBe(200);
    const res = await pretranslate(slug, art, { from: 'mt', minScore: 100 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ filled: 4, translated: 0, skipped: 0, stopped: null });
    const items = await list(slug, art);
    expect(items.every((s) => s.state === 'fuzzy' && s.target?.startsWith('ES: '))).toBe(true);
    expect(items.find((s) => s.source.startsWith('Take'))?.checks).toEqual([]);
    const [latest] = await history(slug, art, items[1].id);
    expect(latest).toMatchObject({ action: 'pretranslate', origin: 'mt', state: 'fuzzy' });
    expect(latest.comment).toContain('libretranslate');
  });

  it('stops at the monthly machine-translation limit and reports it', async () => {
    const slug = await project();
    const first = 'Store the pen in the fridge.';
    const art = await article(
      slug,
      [first, unique('Never freeze the pen, batch'), unique('Throw away, lot')],
      'Pen care',
    );
    // Enough characters for the title and the first sentence, not for the rest.
    const limit = 'Pen care'.length + first.length + 1;
    const configured = await http.put(
      `/api/projects/${slug}/mt`,
      {
        provider: 'libretranslate',
        endpoint: libre.url,
        locales: ['es'],
        monthlyCharacterLimit: limit,
      },
      { token: admin },
    );
    expect(configured.status).toBe(200);
    const res = await pretranslate(slug, art, { from: 'mt' });
    expect(res.status).toBe(200);
    expect(res.body.filled).toBe(2);
    expect(res.body.skipped).toBe(2);
    expect(res.body.stopped).toMatchObject({ code: 'MT_QUOTA_EXCEEDED' });
    // Nothing left to translate within the limit: the contract's 429.
    const again = await pretranslate(slug, art, { from: 'mt' });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: 'MT_QUOTA_EXCEEDED' });
  });

  it('ranks a rejected translation below current ones, for suggestions and pre-translation', async () => {
    const slug = await project();
    const first = await article(slug, [CLEAN, DRESSING, FEVER]);
    await translateAndApprove(http, tokens(), slug, first, 'es', spanish);
    const base = `/api/projects/${slug}/articles/${first}/locales/es/segments`;
    const dressing = (await bySource(slug, first)).get(DRESSING)!;
    // The approved text is sent for review again and a reviewer rejects it.
    const saved = await http.put<{ revision: number }>(
      `${base}/${dressing.id}`,
      { target: SPANISH[DRESSING], revision: dressing.revision },
      { token: translator.token },
    );
    expect(saved.status).toBe(200);
    const rejected = await http.post(
      `${base}/${dressing.id}/review`,
      { decision: 'reject', revision: saved.body.revision, comment: 'Say "vendaje" here.' },
      { token: reviewer.token },
    );
    expect(rejected.status).toBe(200);
    const search = await http.get<{
      items: Array<{ target: string; current: boolean; origin: { project: string } }>;
    }>(`/api/tm?source=en&target=es&q=${encodeURIComponent(DRESSING)}`, {
      token: translator.token,
    });
    const ours = search.body.items.filter((m) => m.origin.project === slug);
    expect(ours.map((m) => [m.target, m.current])).toEqual([[SPANISH[DRESSING], false]]);

    // Another article approves another Spanish for the same English: current, so it wins
    // over the rejected one even where the rejected one has the same neighbours (101).
    const better = 'Cambie el vendaje después de 48 horas.';
    const other = await article(slug, ['Before you go home.', DRESSING]);
    await translateAndApprove(http, tokens(), slug, other, 'es', (s) =>
      s === DRESSING ? better : spanish(s),
    );
    await http.patch(
      `/api/projects/${slug}`,
      { pretranslateContextAsTranslated: true },
      { token: admin },
    );
    // The automatic pre-fill of a new article ranks them so too.
    const third = await article(slug, [CLEAN, DRESSING, FEVER]);
    expect((await bySource(slug, third)).get(DRESSING)).toMatchObject({
      target: better,
      state: 'fuzzy',
    });
  });
});

describe('pre-fill of new source versions, and withdrawals (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer } = await startTeam({ worker: true }));
  });
  afterAll(() => t.close());

  const { article, bySource, history } = helpers(() => ({ http, admin, translator }));
  const tokens = () => ({ translator: translator.token, reviewer: reviewer.token });

  it('fills exact and context matches of a new article and of a new version as fuzzy drafts, by nobody', async () => {
    const members = { es: { translator, reviewer } };
    const slug = (await makeProject(http, admin, { targetLocales: ['es'], members })).slug;
    const first = await article(slug, [CLEAN, DRESSING, FEVER]);
    await translateAndApprove(http, tokens(), slug, first, 'es', spanish);

    // Filled in the transaction that makes the version: there as soon as the article is.
    const second = await article(slug, [DRESSING, 'Keep the wound dry.']);
    const filled = (await bySource(slug, second)).get(DRESSING)!;
    expect(filled).toMatchObject({ target: SPANISH[DRESSING], state: 'fuzzy', revision: 1 });
    expect((await history(slug, second, filled.id))[0]).toMatchObject({
      action: 'pretranslate',
      origin: 'tm',
      author: null,
    });
    expect((await bySource(slug, second)).get('Keep the wound dry.')).toMatchObject({
      state: 'untranslated',
    });

    // A new version of the article: its new sentence is filled too.
    const updated = await http.put(
      `/api/projects/${slug}/articles/${second}/source`,
      { content: [DRESSING, 'Keep the wound dry.', FEVER].join('\n\n') },
      { token: admin },
    );
    expect(updated.status).toBe(200);
    expect((await bySource(slug, second)).get(FEVER)).toMatchObject({
      target: SPANISH[FEVER],
      state: 'fuzzy',
    });
    // Machine translation is never automatic, and nothing is approved.
    expect((await bySource(slug, second)).get('Keep the wound dry.')?.state).toBe('untranslated');
  });

  it('ranks a withdrawn translation below current ones', async () => {
    const members = { es: { translator, reviewer } };
    const slug = (await makeProject(http, admin, { targetLocales: ['es'], members })).slug;
    const first = await article(slug, [CLEAN, FEVER]);
    await translateAndApprove(http, tokens(), slug, first, 'es', spanish);
    const api = `/api/projects/${slug}/articles/${first}/locales/es`;
    await eventually(
      async () =>
        (await http.get<unknown[]>(`${api}/publications`, { token: admin })).body.length === 1 ||
        undefined,
      15_000,
    );
    const currentOf = async () =>
      (
        await http.get<{
          items: Array<{ target: string; current: boolean; origin: { project: string } }>;
        }>(`/api/tm?source=en&target=es&q=${encodeURIComponent(FEVER)}`, {
          token: translator.token,
        })
      ).body.items.filter((m) => m.origin.project === slug);
    expect((await currentOf()).map((m) => m.current)).toEqual([true]);
    const withdrawn = await http.post(
      `${api}/withdraw`,
      { reason: 'The fever threshold is under review.' },
      { token: reviewer.token },
    );
    expect(withdrawn.status).toBe(200);
    // Demoted by the withdrawal's event, in the background; kept, not deleted.
    await eventually(async () => (await currentOf())[0]?.current === false || undefined);
    expect((await currentOf()).map((m) => m.target)).toEqual([SPANISH[FEVER]]);
  });
});
