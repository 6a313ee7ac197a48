import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeArticle, segments, SegmentItem } from './support/content';
import { makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface LibreRequest {
  q: string[];
  source: string;
  target: string;
  format: string;
  api_key?: string;
}

/**
 * A LibreTranslate server on the loopback, speaking its documented `/translate` format; each
 * test sets how it answers. A self-hosted provider like this one is what an admin configures.
 */
class FakeLibreTranslate {
  readonly requests: LibreRequest[] = [];
  answer: (body: LibreRequest, res: ServerResponse) => void = (body, res) =>
    reply(res, 200, { translatedText: body.q.map(spanish) });
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw) as LibreRequest;
        this.requests.push(body);
        this.answer(body, res);
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

function reply(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Word-for-word Spanish for the article below, keeping the markup as LibreTranslate does. */
const spanish = (html: string): string =>
  html
    .replace('Take', 'Tome')
    .replace('tablets', 'comprimidos')
    .replace('with water', 'con agua')
    .replace('Rest for', 'Descanse')
    .replace('minutes after each dose', 'minutos después de cada dosis');

/**
 * An article whose first sentence is "Take {1}<dose> tablets{/1} with water." The cache is
 * shared by every project, so each test takes its own dose to get a text nobody asked for yet.
 */
const content = (dose: number): string =>
  `Take **${dose} tablets** with water. Rest for 30 minutes after each dose.`;
let nextDose = 2;

describe('machine translation (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let outsider: TestUser;
  let libre: FakeLibreTranslate;
  let db: Client;

  beforeAll(async () => {
    libre = new FakeLibreTranslate();
    await libre.start();
    ({ t, http, admin, translator, outsider } = await startTeam({
      worker: false,
      env: { MT_TIMEOUT_MS: '300' },
    }));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await libre.stop();
  });
  beforeEach(() => {
    libre.requests.length = 0;
    libre.answer = (body, res) => reply(res, 200, { translatedText: body.q.map(spanish) });
  });

  const mt = (slug: string) => `/api/projects/${slug}/mt`;

  async function project(): Promise<string> {
    const members = { es: { translator } };
    return (await makeProject(http, admin, { targetLocales: ['es', 'fr'], members })).slug;
  }

  async function configure(slug: string, body: Record<string, unknown> = {}): Promise<void> {
    const res = await http.put(
      mt(slug),
      {
        provider: 'libretranslate',
        endpoint: libre.url,
        apiKey: 'libre-key-1',
        locales: ['es'],
        ...body,
      },
      { token: admin },
    );
    if (res.status !== 200) throw new Error(`configure: ${res.status} ${res.text}`);
  }

  /** A new article (see `content`) and the suggestions of its sentence starting `start`. */
  async function suggestionsFor(
    slug: string,
    { locale = 'es', dose = nextDose++, start = 'Take' } = {},
  ) {
    const art = (await makeArticle(http, admin, slug, { content: content(dose) })).slug;
    const items: SegmentItem[] = await segments(http, admin, slug, art, locale);
    const segment = items.find((s) => s.source.startsWith(start));
    if (!segment) throw new Error(`no segment starting "${start}"`);
    const url = `/api/projects/${slug}/articles/${art}/locales/${locale}/segments/${segment.id}/suggestions`;
    return {
      dose,
      source: segment.source,
      get: () => http.get(url, { token: translator.token }),
    };
  }

  describe('settings', () => {
    it('an admin sets a provider; the key is sealed, never returned, and kept when omitted', async () => {
      const slug = await project();
      const put = await http.put(
        mt(slug),
        {
          provider: 'libretranslate',
          endpoint: `${libre.url}/`,
          apiKey: 'libre-secret-key',
          locales: ['ES'],
          monthlyCharacterLimit: 10000,
        },
        { token: admin },
      );
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        provider: 'libretranslate',
        endpoint: libre.url,
        hasApiKey: true,
        locales: ['es'],
        monthlyCharacterLimit: 10000,
        usage: { month: expect.stringMatching(/^\d{4}-\d{2}$/), characters: 0 },
      });
      expect(JSON.stringify(put.body)).not.toContain('libre-secret-key');
      const get = await http.get(mt(slug), { token: admin });
      expect(get.status).toBe(200);
      expect(get.body).toEqual(put.body);
      expect(JSON.stringify(get.body)).not.toContain('libre-secret-key');
      const stored = await db.query<{ api_key: string }>(
        `SELECT api_key FROM mt_configs c JOIN projects p ON p.id = c.project_id WHERE p.slug = $1`,
        [slug],
      );
      expect(stored.rows[0].api_key).toMatch(/^v1:/);
      expect(stored.rows[0].api_key).not.toContain('libre-secret-key');

      // Same provider and endpoint without a key: the stored key stays, and is still sent.
      const again = await http.put(
        mt(slug),
        { provider: 'libretranslate', endpoint: libre.url, locales: ['es', 'fr'] },
        { token: admin },
      );
      expect(again.body).toMatchObject({
        hasApiKey: true,
        locales: ['es', 'fr'],
        monthlyCharacterLimit: null,
      });
      await (await suggestionsFor(slug)).get();
      expect(libre.requests[0].api_key).toBe('libre-secret-key');
    });

    it('refuses settings that cannot work, in the contract format', async () => {
      const slug = await project();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ provider: 'deepl', locales: ['es'] }, 'apiKey'],
        [{ provider: 'libretranslate', apiKey: 'k', locales: ['es'] }, 'endpoint'],
        [{ provider: 'deepl', apiKey: 'k', locales: ['de'] }, 'locales[0]'],
        [{ provider: 'babelfish', apiKey: 'k', locales: ['es'] }, 'provider'],
        [
          { provider: 'google', apiKey: 'k', endpoint: 'ftp://example.org', locales: ['es'] },
          'endpoint',
        ],
        [
          { provider: 'deepl', apiKey: 'k', locales: ['es'], monthlyCharacterLimit: 0 },
          'monthlyCharacterLimit',
        ],
      ];
      for (const [body, field] of cases) {
        const res = await http.put(mt(slug), body, { token: admin });
        expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
        expect(res.body.details.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      // A key set for one provider is not carried over to another.
      await configure(slug);
      const switched = await http.put(
        mt(slug),
        { provider: 'deepl', locales: ['es'] },
        { token: admin },
      );
      expect(switched.status).toBe(400);
    });

    it('is for admins only; 404 when none is set; DELETE turns it off', async () => {
      const slug = await project();
      expect((await http.get(mt(slug), { token: admin })).body.code).toBe('NOT_FOUND');
      await configure(slug);
      for (const token of [translator.token, outsider.token]) {
        expect((await http.get(mt(slug), { token })).status).toBe(403);
        expect((await http.put(mt(slug), { provider: 'deepl' }, { token })).status).toBe(403);
        expect((await http.delete(mt(slug), { token })).status).toBe(403);
      }
      expect((await http.delete(mt(slug), { token: admin })).status).toBe(204);
      expect((await http.get(mt(slug), { token: admin })).status).toBe(404);
      const { get } = await suggestionsFor(slug);
      expect((await get()).body.mt).toEqual([]);
    });
  });

  describe('suggestions', () => {
    it('adds the machine translation with our codes, cached and counted', async () => {
      const slug = await project();
      await configure(slug);
      const { dose, source, get } = await suggestionsFor(slug);
      expect(source).toBe(`Take {1}${dose} tablets{/1} with water.`);
      const res = await get();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tm: [],
        glossary: [],
        mt: [
          {
            provider: 'libretranslate',
            target: `Tome {1}${dose} comprimidos{/1} con agua.`,
            checks: [],
          },
        ],
      });
      expect(res.body).not.toHaveProperty('mtError');
      expect(libre.requests).toEqual([
        {
          q: [`Take <span id="c1">${dose} tablets</span> with water.`],
          source: 'en',
          target: 'es',
          format: 'html',
          api_key: 'libre-key-1',
        },
      ]);
      // The second time comes from the cache: no request, nothing more counted.
      expect((await get()).body.mt).toEqual(res.body.mt);
      expect(libre.requests).toHaveLength(1);
      const usage = (await http.get(mt(slug), { token: admin })).body.usage;
      expect(usage.characters).toBe(`Take ${dose} tablets with water.`.length);
    });

    it('asks the provider once when several translators open the segment at the same time', async () => {
      const slug = await project();
      await configure(slug);
      libre.answer = (body, res) =>
        setTimeout(() => reply(res, 200, { translatedText: body.q.map(spanish) }), 100);
      const { dose, get } = await suggestionsFor(slug);
      const answers = await Promise.all([get(), get(), get()]);
      expect(answers.map((a) => a.body.mt[0]?.target)).toEqual(
        Array(3).fill(`Tome {1}${dose} comprimidos{/1} con agua.`),
      );
      expect(libre.requests).toHaveLength(1);
      const usage = (await http.get(mt(slug), { token: admin })).body.usage;
      expect(usage.characters).toBe(`Take ${dose} tablets with water.`.length);
    });

    it('shows an answer that breaks a code or a number with its failing checks', async () => {
      const slug = await project();
      await configure(slug);
      libre.answer = (_body, res) =>
        reply(res, 200, { translatedText: ['Tome 1000 comprimidos con agua.'] });
      const res = await (await suggestionsFor(slug)).get();
      expect(res.status).toBe(200);
      expect(res.body.mt).toHaveLength(1);
      expect(res.body.mt[0].target).toBe('Tome 1000 comprimidos con agua.');
      const codes = res.body.mt[0].checks.map(
        (c: { code: string; severity: string }) => `${c.code}:${c.severity}`,
      );
      expect(codes).toEqual(expect.arrayContaining(['INLINE_CODES:error', 'NUMBERS:error']));
    });

    it('gives none for a locale the provider is not set for', async () => {
      const slug = await project();
      await configure(slug, { locales: ['fr'] });
      const res = await (await suggestionsFor(slug)).get();
      expect(res.body.mt).toEqual([]);
      expect(res.body).not.toHaveProperty('mtError');
      expect(libre.requests).toHaveLength(0);
    });

    it('reports provider failures as mtError, keeping the glossary, and never caches them', async () => {
      const slug = await project();
      await configure(slug);
      const term = await http.post(
        `/api/projects/${slug}/glossary`,
        { term: 'tablets', locale: 'es', translation: 'comprimidos' },
        { token: admin },
      );
      expect(term.status).toBe(201);
      const { dose, get } = await suggestionsFor(slug);
      const failures: Array<[(res: ServerResponse) => void, Record<string, unknown>]> = [
        [
          (res) => reply(res, 429, { error: 'Slowdown: 10 per 1 minute' }, { 'retry-after': '42' }),
          { code: 'MT_RATE_LIMITED', retryAfter: 42, message: expect.stringContaining('42 s') },
        ],
        [
          (res) => reply(res, 403, { error: 'Invalid API key' }),
          { code: 'MT_AUTH_FAILED', message: expect.stringContaining('Invalid API key') },
        ],
        [
          (res) => reply(res, 500, { error: 'Cannot translate text' }),
          { code: 'MT_UNAVAILABLE', message: expect.stringContaining('HTTP 500') },
        ],
        [() => undefined, { code: 'MT_UNAVAILABLE', message: expect.stringContaining('300 ms') }],
      ];
      for (const [answer, mtError] of failures) {
        libre.answer = (_body, res) => answer(res);
        const res = await get();
        expect(res.status).toBe(200);
        expect(res.body.mt).toEqual([]);
        expect(res.body.mtError).toEqual(mtError);
        expect(res.body.glossary).toEqual([
          expect.objectContaining({ term: 'tablets', translation: 'comprimidos' }),
        ]);
      }
      // Failed requests are not charged; the next good answer is fetched, not a cached failure.
      expect((await http.get(mt(slug), { token: admin })).body.usage.characters).toBe(0);
      libre.answer = (body, res) => reply(res, 200, { translatedText: body.q.map(spanish) });
      expect((await get()).body.mt[0].target).toBe(`Tome {1}${dose} comprimidos{/1} con agua.`);
    });

    it('sends nothing past the monthly character limit', async () => {
      const slug = await project();
      await configure(slug, { monthlyCharacterLimit: 40 });
      const dose = 10 + nextDose++; // two digits: a 27-character sentence
      const first = await (await suggestionsFor(slug, { dose })).get();
      expect(first.body.mt).toHaveLength(1);
      // A new article with the same sentence: answered from the cache, nothing sent or counted.
      const second = await (await suggestionsFor(slug, { dose })).get();
      expect(second.body.mt).toEqual(first.body.mt);
      expect(libre.requests).toHaveLength(1);
      // "Rest for 30 minutes after each dose." (36 characters) would pass the limit: not sent.
      const res = await (await suggestionsFor(slug, { dose, start: 'Rest' })).get();
      expect(res.status).toBe(200);
      expect(res.body.mt).toEqual([]);
      expect(res.body.mtError).toMatchObject({
        code: 'MT_QUOTA_EXCEEDED',
        message: expect.stringContaining('40'),
      });
      expect(libre.requests).toHaveLength(1);
      expect((await http.get(mt(slug), { token: admin })).body.usage.characters).toBe(27);
    });
  });
});
