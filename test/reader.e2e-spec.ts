import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DemoSeeder, SeedResult } from '../src/demo/demo-seeder';
import { findLocale } from '../src/languages/language-catalog';
import { loadResources } from '../src/reader/i18n';
import { ReaderService, STATE_TTL_MS } from '../src/reader/reader.service';
import { startApp, TestApp } from './support/app';
import { withClient } from './support/db';
import { eventually } from './support/factories';
import { Http, rawGet as raw } from './support/http';

const P = 'health-library';
const A = 'understanding-immunotherapy';

describe('reader site (e2e, demo content)', () => {
  let t: TestApp;
  let second: TestApp;
  let http: Http;
  let seed: SeedResult;

  beforeAll(async () => {
    t = await startApp({ worker: true });
    http = new Http(t.baseUrl);
    seed = await t.app.get(DemoSeeder).seedIfEmpty();
    second = await startApp({ worker: false, databaseUrl: t.databaseUrl });
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('seeds the demo once, with users for each role and reader URLs', async () => {
    expect(seed.seeded).toBe(true);
    expect(seed.urls).toHaveLength(4);
    expect(new Set(seed.users.map((u) => u.role))).toEqual(
      new Set(['admin', 'translator', 'reviewer']),
    );
    for (const u of seed.users) expect(u.password.length).toBeGreaterThanOrEqual(12);
    const login = await http.post('/api/auth/login', {
      email: seed.users[1].email,
      password: seed.users[1].password,
    });
    expect(login.status).toBe(200);
    expect((await t.app.get(DemoSeeder).seedIfEmpty()).seeded).toBe(false);
  });

  it.each([
    ['es-MX,es;q=0.9', 'es'],
    ['zh-CN', 'zh-Hans'],
    ['vi-VN', 'vi'],
    ['ar-EG', 'ar'],
    ['de-DE', 'en'],
    ['', 'en'],
  ])('redirects Accept-Language %j to %s with Vary', async (header, locale) => {
    const res = await http.get(`/read/${P}/${A}`, {
      headers: header ? { 'accept-language': header } : {},
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/read/${P}/${locale}/${A}`);
    expect(res.headers.get('vary')).toBe('Accept-Language, Cookie');
  });

  it('prefers the lang cookie, ignoring a cookie for an unpublished locale', async () => {
    const vi = await http.get(`/read/${P}/${A}`, {
      headers: { cookie: 'lang=vi', 'accept-language': 'es' },
    });
    expect(vi.headers.get('location')).toBe(`/read/${P}/vi/${A}`);
    const fr = await http.get(`/read/${P}/${A}`, {
      headers: { cookie: 'lang=fr', 'accept-language': 'es' },
    });
    expect(fr.headers.get('location')).toBe(`/read/${P}/es/${A}`);
  });

  it('serves a full page with lang/dir, hreflang for every published locale, and no cookie', async () => {
    const res = await http.get(`/read/${P}/ar/${A}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    for (const l of ['en', 'es', 'zh-Hans', 'vi', 'ar'])
      expect(res.text).toContain(
        `<link rel="alternate" hreflang="${l}" href="${t.config.publicUrl}/read/${P}/${l}/${A}">`,
      );
    expect(res.text).toContain(`hreflang="x-default" href="${t.config.publicUrl}/read/${P}/${A}"`);
    expect(res.text).not.toContain('hreflang="fr"');
    expect(res.text).toContain(
      `hreflang="zh-Hans" lang="zh-Hans" dir="ltr">${findLocale('zh-Hans')?.nativeName}</a>`,
    );
    expect(res.text).toMatch(/<bdi dir="ltr">/);
    // The site name leads to the library, in the same language.
    expect(res.text).toContain(`<a class="site" href="/read/${P}/ar/">`);
  });

  it('answers If-None-Match with 304 and a strong ETag', async () => {
    const first = await http.get(`/read/${P}/es/${A}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{24}-es-[0-9a-f]{12}"$/);
    const again = await http.get(`/read/${P}/es/${A}`, {
      headers: { 'if-none-match': etag, 'accept-encoding': 'identity' },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await http.get(`/read/${P}/vi/${A}`, { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
  });

  it('shows the stale notice on the mid-update article, in the reader language', async () => {
    const res = await http.get(`/read/${P}/es/staying-hydrated`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('class="notice stale"');
    expect(res.text).toContain('Leer la versión actual en inglés');
    const en = await http.get(`/read/${P}/en/staying-hydrated`);
    expect(en.text).toContain('8 hours');
    expect(en.text).not.toContain('class="notice stale"');
  });

  it('serves a 404 page in the asked language listing the languages that exist', async () => {
    const res = await http.get(`/read/${P}/fr/${A}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('<html lang="fr" dir="ltr">');
    expect(res.text).toContain(loadResources().fr.notFoundTitle);
    expect(res.text).toContain(`href="/read/${P}/es/${A}"`);
    const missing = await http.get(`/read/${P}/es/no-such-article`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-language')).toBe('es');
    // No such article at all: said as such, with the way to the library.
    const es = loadResources().es;
    expect(missing.text).toContain(es.notFoundMissing);
    expect(missing.text).not.toContain(es.notFoundBody);
    expect(missing.text).toContain(`<a href="/read/${P}">${es.libraryLink}</a>`);
  });

  it.each([
    [`/read/${P}`, 'zh-CN', undefined, 'zh-Hans'],
    [`/read/${P}/`, 'es-MX', undefined, 'es'],
    [`/read/${P}`, 'es', 'lang=ar', 'ar'],
    [`/read/${P}`, 'de', undefined, 'en'],
  ])(
    'sends %s with Accept-Language %s and cookie %s to the %s library',
    async (path, al, cookie, l) => {
      const res = await http.get(path, {
        headers: { 'accept-language': al, ...(cookie ? { cookie } : {}) },
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/read/${P}/${l}/`);
      expect(res.headers.get('vary')).toBe('Accept-Language, Cookie');
    },
  );

  it("lists a locale's articles by their titles in that locale, marking the one being updated", async () => {
    const res = await http.get(`/read/${P}/es/`, { headers: { 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('es');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.text).toContain('<html lang="es" dir="ltr">');
    expect(res.text).toContain(`<h1>${loadResources().es.libraryHeading}</h1>`);
    const links = [...res.text.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>(.*?)<\/li>/g)];
    expect(links.map((m) => m[1]).sort()).toEqual(
      seed.urls.map((u) => new URL(u).pathname.replace(`/read/${P}/`, `/read/${P}/es/`)).sort(),
    );
    for (const [, path, title, rest] of links) {
      const page = await http.get(path);
      expect(page.text).toContain(`<h1>${title}</h1>`);
      expect(rest.includes('class="marker"')).toBe(path.endsWith('/staying-hydrated'));
    }
    for (const l of ['en', 'es', 'zh-Hans', 'vi', 'ar'])
      expect(res.text).toContain(
        `<link rel="alternate" hreflang="${l}" href="${t.config.publicUrl}/read/${P}/${l}/">`,
      );
    const etag = res.headers.get('etag') as string;
    const again = await http.get(`/read/${P}/es/`, {
      headers: { 'if-none-match': etag, 'accept-encoding': 'identity' },
    });
    expect(again.status).toBe(304);
  });

  it('answers a library URL that is not canonical, not published, or not there', async () => {
    const moved = await http.get(`/read/${P}/zh-hans/`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/read/${P}/zh-Hans/`);
    const fr = await http.get(`/read/${P}/fr/`);
    expect(fr.status).toBe(404);
    expect(fr.text).toContain('<html lang="fr" dir="ltr">');
    expect(fr.text).toContain(loadResources().fr.libraryNone);
    expect(fr.text).toContain(`href="/read/${P}/vi/" hreflang="vi"`);
    const nowhere = await http.get('/read/no-such-project', {
      headers: { 'accept-language': 'vi' },
    });
    expect(nowhere.status).toBe(404);
    expect(nowhere.text).toContain(loadResources().vi.notFoundMissing);
    expect((await http.get('/read/no-such-project/es/')).status).toBe(404);
  });

  it('shows an older publication with ?v=N, labelled', async () => {
    const res = await http.get(`/read/${P}/en/staying-hydrated?v=1`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('class="notice older"');
    expect(res.text).toContain('12 hours');
    expect((await http.get(`/read/${P}/en/staying-hydrated?v=9`)).status).toBe(404);
  });

  it('lists every published page in a sitemap, each with its language versions', async () => {
    const res = await http.get(`/read/${P}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const urls = res.text.split('</url>').slice(0, -1);
    const loc = (url: string): string => /<loc>([^<]+)<\/loc>/.exec(url)?.[1] ?? '';
    // The demo: the library index in five languages, then four articles in each of them.
    expect(urls).toHaveLength(5 + 4 * 5);
    expect(urls.slice(0, 5).map(loc).sort()).toEqual(
      ['ar', 'en', 'es', 'vi', 'zh-Hans'].map((l) => `${t.config.publicUrl}/read/${P}/${l}/`),
    );
    const hydration = urls.filter((u) => loc(u).endsWith('/staying-hydrated'));
    const json = await http.get(`/api/public/projects/${P}/articles/staying-hydrated`);
    const published = json.body.availableLocales.map((l: { url: string }) => l.url);
    expect(hydration.map(loc).sort()).toEqual([...published].sort());
    const origin = new URL(published[0]).origin;
    for (const url of hydration) {
      const hrefs = [...url.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => m[2]);
      expect(hrefs.slice(0, -1).sort()).toEqual([...published].sort());
      expect(hrefs.at(-1)).toBe(`${origin}/read/${P}/staying-hydrated`);
      expect(url).toContain('hreflang="x-default"');
    }
    for (const url of urls.slice(0, 5)) {
      const page = await http.get(new URL(loc(url)).pathname);
      expect(page.status).toBe(200);
    }
    expect((await http.get('/read/no-such-project/sitemap.xml')).status).toBe(404);
  });

  it('serves public JSON with CORS and the same availability logic', async () => {
    const res = await http.get(
      `/api/public/projects/${P}/articles/staying-hydrated?locale=zh-hans`,
      {
        headers: { origin: 'https://example.org' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toMatchObject({ locale: 'zh-Hans', sourceVersion: 1, stale: true });
    expect(res.body.html).toContain('<p>');
    expect(res.body.availableLocales.map((l: { code: string }) => l.code)).toEqual([
      'en',
      'es',
      'zh-Hans',
      'vi',
      'ar',
    ]);
    const missing = await http.get(`/api/public/projects/${P}/articles/${A}?locale=fr`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await http.request('OPTIONS', `/api/public/projects/${P}/articles/${A}`);
    expect(preflight.status).toBe(204);
  });

  it('lists the library as public JSON, a page at a time, in the order of the HTML index', async () => {
    const html = await http.get(`/read/${P}/vi/`);
    const order = [...html.text.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1]);
    const seen: Array<{ slug: string; locale: string; url: string; stale: boolean }> = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await http.get(`/api/public/projects/${P}/articles?limit=3${query}`, {
        headers: { 'accept-language': 'vi-VN', origin: 'https://example.org' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.body.locale).toBe('vi');
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(seen.map((a) => new URL(a.url).pathname)).toEqual(order);
    expect(seen.every((a) => a.locale === 'vi')).toBe(true);
    expect(seen.find((a) => a.slug === 'staying-hydrated')?.stale).toBe(true);
    expect(seen.filter((a) => a.stale)).toHaveLength(1);

    const fr = await http.get(`/api/public/projects/${P}/articles?locale=fr`);
    expect(fr.status).toBe(404);
    expect(fr.body.code).toBe('NOT_FOUND');
    expect(fr.body.details.availableLocales.map((l: { code: string }) => l.code)).toContain('vi');
    expect((await http.get(`/api/public/projects/${P}/articles?cursor=nonsense`)).status).toBe(400);
    expect((await http.get(`/api/public/projects/${P}/articles?limit=0`)).status).toBe(400);
    expect((await http.get('/api/public/projects/no-such-project/articles')).status).toBe(404);
  });

  it('times the pages it answers from memory, and puts a request id on them', async () => {
    const reader = new Http(second.baseUrl);
    const count = async (status: number): Promise<number> => {
      const metrics = (await reader.get('/metrics')).text;
      const pattern = new RegExp(
        `^http_request_duration_seconds_count\\{method="GET",route="/read/:project/:locale/:article",status="${status}"\\} (\\d+)`,
        'm',
      );
      return Number(pattern.exec(metrics)?.[1] ?? 0);
    };
    const url = `/read/${P}/zh-Hans/${A}`;
    const first = await reader.get(url); // prepares the page
    const [ok, notModified] = [await count(200), await count(304)];
    const again = await reader.get(url, {
      headers: { 'x-request-id': 'reader-trace-1', 'accept-encoding': 'identity' },
    });
    const cached = await reader.get(url, {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    // The same prepared response again: its request id is this request's own, not the last one's.
    const identity = { headers: { 'accept-encoding': 'identity' } };
    const [next, nextAgain] = [await reader.get(url, identity), await reader.get(url, identity)];
    expect([again.status, cached.status, next.status]).toEqual([200, 304, 200]);
    expect(again.headers.get('x-request-id')).toBe('reader-trace-1');
    expect(cached.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(next.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(nextAgain.headers.get('x-request-id')).not.toBe(next.headers.get('x-request-id'));
    expect(again.headers.get('content-length')).toBe(String(Buffer.byteLength(again.text)));
    expect(await count(200)).toBe(ok + 3);
    expect(await count(304)).toBe(notModified + 1);
  });

  it('answers from memory with the headers of the first, rendered answer', async () => {
    const reader = new Http(second.baseUrl);
    const url = `/read/${P}/vi/${A}`;
    const own = (res: { headers: Headers }): Record<string, string> => {
      const kept: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        if (!['date', 'x-request-id', 'connection', 'keep-alive'].includes(name))
          kept[name] = value;
      });
      return kept;
    };
    const rendered = await reader.get(url);
    const fromMemory = await reader.get(url);
    expect(own(fromMemory)).toEqual(own(rendered));
    expect(own(fromMemory)['set-cookie']).toBeUndefined();
    const withCookie = await reader.get(url, { headers: { cookie: 'theme=dark; lang=es' } });
    expect(own(withCookie)).toEqual(own(rendered));
    const notModified = await reader.get(url, {
      headers: { cookie: 'lang=vi', 'if-none-match': rendered.headers.get('etag') ?? '' },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('set-cookie')).toBeNull();
    expect(notModified.headers.get('etag')).toBe(rendered.headers.get('etag'));
  });

  it('serves each page brotli- or gzip-compressed as the reader accepts, each with its ETag', async () => {
    const url = `/read/${P}/ar/${A}`;
    const plain = await raw(t.baseUrl + url, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const etag = plain.headers.etag as string;
    for (const [accept, coding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
      ['br;q=0.5, gzip', 'gzip', gunzipSync],
    ] as const) {
      for (const app of [t, t, second]) {
        // the first answer is rendered, the next ones come from memory; second is another process
        const res = await raw(app.baseUrl + url, { 'accept-encoding': accept });
        expect([res.status, res.headers['content-encoding'], res.headers.vary]).toEqual([
          200,
          coding,
          'Accept-Encoding',
        ]);
        expect(res.headers['content-length']).toBe(String(res.body.length));
        expect(res.body.length).toBeLessThan(plain.body.length / 2);
        expect(decode(res.body).equals(plain.body)).toBe(true);
        expect(res.headers.etag).toBe(`${etag.slice(0, -1)}-${coding}"`);
      }
    }
    const brEtag = `${etag.slice(0, -1)}-br"`;
    const notModified = await raw(t.baseUrl + url, {
      'accept-encoding': 'br',
      'if-none-match': brEtag,
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(brEtag);
    // Holding the brotli copy says nothing about the gzip one.
    const other = await raw(t.baseUrl + url, {
      'accept-encoding': 'gzip',
      'if-none-match': brEtag,
    });
    expect([other.status, other.headers['content-encoding']]).toEqual([200, 'gzip']);
  });

  it('renders and compresses a page once for a burst of first readers', async () => {
    const service = second.app.get(ReaderService) as unknown as {
      renderPage(...args: unknown[]): Promise<string>;
    };
    const renders = jest.spyOn(service, 'renderPage');
    try {
      const url = `${second.baseUrl}/read/${P}/zh-Hans/managing-fatigue`;
      const burst = await Promise.all(
        Array.from({ length: 20 }, () => raw(url, { 'accept-encoding': 'br' })),
      );
      expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(new Set(burst.map((r) => r.headers.etag)).size).toBe(1);
      expect(renders).toHaveBeenCalledTimes(1);
    } finally {
      renders.mockRestore();
    }
  });

  it('answers from its cached view while the database is slow to refresh it', async () => {
    const reader = new Http(second.baseUrl);
    const url = `/read/${P}/vi/${A}`;
    const first = await reader.get(url);
    expect(first.status).toBe(200);
    await withClient(t.databaseUrl, async (db) => {
      // While this lock is held, reloading the article's publications blocks.
      await db.query('BEGIN');
      try {
        await db.query('LOCK TABLE publications IN ACCESS EXCLUSIVE MODE');
        await new Promise((resolve) => setTimeout(resolve, STATE_TTL_MS + 200));
        const answered = await Promise.race([
          reader.get(url),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000)),
        ]);
        expect(answered?.status).toBe(200);
        expect(answered?.headers.get('etag')).toBe(first.headers.get('etag'));
      } finally {
        await db.query('ROLLBACK');
      }
    });
  });

  it('makes a new publication visible on a second API process well within max-age', async () => {
    const before = await new Http(second.baseUrl).get(`/read/${P}/es/staying-hydrated`);
    expect(before.text).toContain('class="notice stale"');
    // Bring Spanish up to version 2 through the API: fix the fuzzy dose, translate the new text.
    const admin = seed.users.find((u) => u.role === 'admin');
    const reviewer = seed.users.find((u) => u.role === 'reviewer' && u.locale === 'es');
    expect(admin && reviewer).toBeTruthy();
    const token = (
      await http.post('/api/auth/login', { email: reviewer?.email, password: reviewer?.password })
    ).body.accessToken;
    const base = `/api/projects/${P}/articles/staying-hydrated/locales/es/segments`;
    const items = (await http.get(`${base}?limit=500`, { token })).body.items as Array<{
      id: string;
      source: string;
      target: string | null;
      state: string;
      revision: number;
    }>;
    for (const s of items.filter((i) => i.state !== 'approved')) {
      const target = s.target ? s.target.replace(/12/g, '8') : `ES ${s.source}`;
      const saved = await http.put(`${base}/${s.id}`, { target, revision: s.revision }, { token });
      expect(saved.status).toBe(200);
    }
    // A reviewer may not approve a revision they wrote; the admin reviews.
    const adminToken = (
      await http.post('/api/auth/login', { email: admin?.email, password: admin?.password })
    ).body.accessToken;
    for (const s of (await http.get(`${base}?limit=500`, { token })).body.items as Array<{
      id: string;
      state: string;
      revision: number;
    }>) {
      if (s.state === 'translated')
        expect(
          (
            await http.post(
              `${base}/${s.id}/review`,
              { decision: 'approve', revision: s.revision },
              { token: adminToken },
            )
          ).status,
        ).toBe(200);
    }
    // Once the publication exists, the second process shows it within 2 s (it is told, it does
    // not wait for its view to expire).
    await eventually(async () => {
      const res = await http.get(
        `/api/projects/${P}/articles/staying-hydrated/locales/es/publications`,
        { token: adminToken },
      );
      return res.body[0]?.sourceVersion === 2 || undefined;
    }, 20_000);
    const published = Date.now();
    await eventually(async () => {
      const res = await new Http(second.baseUrl).get(`/read/${P}/es/staying-hydrated`);
      return !res.text.includes('class="notice stale"') || undefined;
    }, 2000);
    expect(Date.now() - published).toBeLessThan(2000);
  });

  it('offers an article not yet translated in English on the other libraries, on both processes', async () => {
    const admin = seed.users.find((u) => u.role === 'admin');
    const token = (
      await http.post('/api/auth/login', { email: admin?.email, password: admin?.password })
    ).body.accessToken;
    const created = await http.post(
      `/api/projects/${P}/articles`,
      {
        slug: 'sleep-and-rest',
        title: 'Sleep <and> rest',
        format: 'markdown',
        content: 'Rest helps your body recover.',
      },
      { token },
    );
    expect(created.status).toBe(201);
    const other = loadResources().vi.libraryOtherLanguage;
    for (const process of [t, second])
      await eventually(async () => {
        const res = await new Http(process.baseUrl).get(`/read/${P}/vi/`);
        const offered = res.text.split(other)[1] ?? '';
        return (
          offered.includes(
            `<ul class="library" lang="en" dir="ltr"><li><a href="/read/${P}/en/sleep-and-rest">Sleep &lt;and&gt; rest</a></li></ul>`,
          ) || undefined
        );
      }, 20_000);
    const en = await http.get(`/read/${P}/en/`);
    expect(en.text).toContain(`<li><a href="/read/${P}/en/sleep-and-rest">`);
    expect(en.text).not.toContain(loadResources().en.libraryOtherLanguage);

    // A reader who chose Vietnamese lands on the English page of this article, as there is no
    // Vietnamese yet; that is not a choice of English, so their next article opens in Vietnamese.
    const landed = await http.get(`/read/${P}/sleep-and-rest`, { headers: { cookie: 'lang=vi' } });
    expect(landed.headers.get('location')).toBe(`/read/${P}/en/sleep-and-rest`);
    const page = await http.get(`/read/${P}/en/sleep-and-rest`, { headers: { cookie: 'lang=vi' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const next = await http.get(`/read/${P}/${A}`, { headers: { cookie: 'lang=vi' } });
    expect(next.headers.get('location')).toBe(`/read/${P}/vi/${A}`);
    // Choosing English in the switcher where Vietnamese exists is a choice, and is remembered.
    const chosen = await http.get(`/read/${P}/en/${A}?choose`, { headers: { cookie: 'lang=vi' } });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get('location')).toBe(`/read/${P}/en/${A}`);
    expect(chosen.headers.get('set-cookie')).toMatch(/^lang=en;/);
  });

  it('never puts Set-Cookie on a shared-cacheable response; the switcher remembers the pick privately', async () => {
    const pageHtml = (await http.get(`/read/${P}/es/${A}`)).text;
    const switcherLink = /<nav class="switcher"[^]*?<a href="([^"]+)" hreflang="vi"/.exec(pageHtml);
    expect(switcherLink?.[1]).toBe(`/read/${P}/vi/${A}?choose`);
    const libraryHtml = (await http.get(`/read/${P}/es/`)).text;
    expect(libraryHtml).toContain(`<a href="/read/${P}/vi/?choose" hreflang="vi"`);
    const cookie = { cookie: 'lang=vi' };
    const responses = await Promise.all(
      [
        [`/read/${P}/es/${A}`, {}],
        [`/read/${P}/es/${A}`, cookie],
        [`/read/${P}/es/${A}?v=1`, {}],
        [`/read/${P}/es/`, {}],
        [`/read/${P}/fr/${A}`, {}],
        [`/read/${P}/fr/`, {}],
        [`/read/${P}/es/no-such-article`, {}],
        [`/read/no-such-project`, {}],
        [`/read/${P}/sitemap.xml`, {}],
        [`/read/${P}/zh-hans/${A}`, {}],
        [`/read/${P}/${A}`, cookie],
        [`/read/${P}`, {}],
        [`/api/public/projects/${P}/articles/${A}?locale=es`, {}],
        [`/api/public/projects/${P}/articles?locale=es`, {}],
        [`/read/${P}/vi/${A}?choose`, {}],
        [`/read/${P}/vi/?choose`, {}],
      ].map(async ([path, headers]) => {
        const res = await http.get(path as string, { headers: headers as Record<string, string> });
        return { path, status: res.status, headers: res.headers };
      }),
    );
    for (const { path, status, headers } of responses) {
      const cacheControl = headers.get('cache-control') ?? '';
      const where = `${path} → ${status} ${cacheControl}`;
      if (cacheControl.startsWith('public')) {
        expect([where, headers.get('set-cookie')]).toEqual([where, null]);
        const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
        expect([where, maxAge <= 60]).toEqual([where, true]);
        expect([where, cacheControl.includes('stale-while-revalidate')]).toEqual([where, false]);
      } else {
        // Redirects that depend on the reader: never kept by a shared cache.
        expect([where, status === 301 || /private|no-store/.test(cacheControl)]).toEqual([
          where,
          true,
        ]);
      }
    }
    const choose = responses.filter((r) => String(r.path).endsWith('?choose'));
    expect(choose.map((r) => [r.status, r.headers.get('location')])).toEqual([
      [302, `/read/${P}/vi/${A}`],
      [302, `/read/${P}/vi/`],
    ]);
    for (const r of choose) {
      expect(r.headers.get('set-cookie')).toBe(
        'lang=vi; Path=/read; Max-Age=31536000; SameSite=Lax',
      );
      expect(r.headers.get('cache-control')).toBe('private, no-store');
    }
  });
});
