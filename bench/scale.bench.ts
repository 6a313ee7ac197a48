import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { runMigrations } from '../src/startup';
import {
  adminToken,
  benchServerEnv,
  dropDatabase,
  jsonApi,
  must,
  percentile,
  recreateDatabase,
  startChild,
  stopChild,
  table,
} from './support';

/**
 * `npm run bench -- scale`: does the cost of a save or an approval grow with the article?
 *
 * 1. One translator saves, then one reviewer approves, every segment of a 10,000-segment
 *    article (BENCH_BIG) and of 100-segment articles (BENCH_SMALL_ARTICLES of them, so both
 *    sizes give enough samples), in one locale, one request at a time. The operations on both
 *    sizes are interleaved, so both see the same machine. Per-save and per-approval p50/p99
 *    per size; target: big within 1.5× of small.
 * 2. Hot counts row: 32 translators (BENCH_TRANSLATORS) across two API processes make first
 *    saves of distinct segments of the big article in one locale for BENCH_SECONDS, once with
 *    the counts triggers and once with them disabled (another locale): what one shared
 *    (article, locale) counts row costs under contention.
 * 3. `GET /api/projects/:project` with 1,000 articles × 10 locales (20 segments each, about
 *    half translated in assorted states, half the locales published), seeded with SQL;
 *    p50/p99 over BENCH_READS sequential requests; target under 20 ms. Also `GET /api/projects`.
 *
 * The API runs in child processes without a worker (outbox events wait in the table). The
 * database is created for the run and dropped at the end.
 */
const DATABASE = process.env.BENCH_DATABASE ?? 'tms_bench_scale';
const BIG = Number(process.env.BENCH_BIG ?? 10_000);
const SMALL = 100;
const SMALL_ARTICLES = Number(process.env.BENCH_SMALL_ARTICLES ?? 20);
const TRANSLATORS = Number(process.env.BENCH_TRANSLATORS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const READS = Number(process.env.BENCH_READS ?? 300);
const LIBRARY = { articles: 1000, locales: 10, segments: 20 };
const LOCALES = ['es', 'fr', 'de'];

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const call = jsonApi(agent);

function stats(ms: number[]): { n: number; p50: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const NOUNS = ['dressing', 'inhaler', 'meal plan', 'sleep diary', 'walking aid', 'blood test'];
const ACTIONS = ['Check', 'Bring', 'Review', 'Update', 'Ask about', 'Write down'];

/** Original article text: `segments - 1` distinct sentences (the title is one more segment). */
function content(segments: number, seed: number): string {
  return Array.from({ length: segments - 1 }, (_, i) => {
    const noun = NOUNS[(i + seed) % NOUNS.length];
    const action = ACTIONS[Math.floor(i / NOUNS.length) % ACTIONS.length];
    return `${action} your ${noun} before visit ${seed}-${i}, and tell the team what changed.`;
  }).join('\n\n');
}

interface Segment {
  id: string;
  source: string;
  revision: number;
}

async function allSegments(
  port: number,
  token: string,
  article: string,
  locale: string,
): Promise<Segment[]> {
  const result: Segment[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Segment[]; nextCursor: string | null } = await must(
      call(
        port,
        'GET',
        `/api/projects/scale/articles/${article}/locales/${locale}/segments?limit=500${
          cursor ? `&cursor=${cursor}` : ''
        }`,
        token,
      ),
      'segments',
    );
    result.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return result;
}

async function user(
  port: number,
  admin: string,
  name: string,
  roles: Array<{ locale: string; role: 'translator' | 'reviewer' }>,
): Promise<string> {
  const email = `${name}@bench.local`;
  const password = 'bench-password-2';
  const created = await must(
    call<{ id: string }>(port, 'POST', '/api/users', admin, {
      email,
      name,
      password,
      role: 'member',
    }),
    'user',
  );
  for (const { locale, role } of roles) {
    await must(
      call(port, 'POST', '/api/projects/scale/members', admin, {
        userId: created.id,
        locale,
        role,
      }),
      'member',
    );
  }
  const login = await must(
    call<{ accessToken: string }>(port, 'POST', '/api/auth/login', null, { email, password }),
    'login',
  );
  return login.accessToken;
}

interface Op {
  size: 'big' | 'small';
  article: string;
  segment: Segment;
}

/** Both lists in one sequence, each spread evenly over it. */
function interleave(big: Op[], small: Op[]): Op[] {
  const all = [
    ...big.map((op, i) => ({ op, at: (i + 0.5) / big.length })),
    ...small.map((op, i) => ({ op, at: (i + 0.5) / small.length })),
  ];
  return all.sort((a, b) => a.at - b.at).map((x) => x.op);
}

async function perOperation(port: number, admin: string) {
  const translator = await user(port, admin, 'translator', [{ locale: 'es', role: 'translator' }]);
  const reviewer = await user(port, admin, 'reviewer', [{ locale: 'es', role: 'reviewer' }]);
  const create = (slug: string, segments: number, seed: number) =>
    must(
      call(port, 'POST', '/api/projects/scale/articles', admin, {
        slug,
        title: `Preparing for visit ${seed}`,
        format: 'text',
        content: content(segments, seed),
      }),
      `article ${slug}`,
    );
  await create('big', BIG, 0);
  const smallSlugs = Array.from({ length: SMALL_ARTICLES }, (_, i) => `small-${i}`);
  for (const [i, slug] of smallSlugs.entries()) await create(slug, SMALL, i + 1);

  const big = (await allSegments(port, admin, 'big', 'es')).map((segment): Op => ({
    size: 'big',
    article: 'big',
    segment,
  }));
  const small: Op[] = [];
  for (const slug of smallSlugs) {
    for (const segment of await allSegments(port, admin, slug, 'es'))
      small.push({ size: 'small', article: slug, segment });
  }
  const ops = interleave(big, small);
  const times = {
    save: { big: [] as number[], small: [] as number[] },
    approve: { big: [] as number[], small: [] as number[] },
  };
  const base = (op: Op) => `/api/projects/scale/articles/${op.article}/locales/es/segments`;
  for (const op of ops) {
    const started = performance.now();
    const saved = await must(
      call<{ revision: number }>(port, 'PUT', `${base(op)}/${op.segment.id}`, translator, {
        target: `ES ${op.segment.source}`,
        revision: op.segment.revision,
      }),
      'save',
    );
    times.save[op.size].push(performance.now() - started);
    op.segment.revision = saved.revision;
  }
  for (const op of ops) {
    const started = performance.now();
    await must(
      call(port, 'POST', `${base(op)}/${op.segment.id}/review`, reviewer, {
        decision: 'approve',
        revision: op.segment.revision,
      }),
      'approve',
    );
    times.approve[op.size].push(performance.now() - started);
  }
  return { times, bigSegments: big.length, smallSegments: small.length / SMALL_ARTICLES };
}

/** First saves of distinct big-article segments in `locale` by many translators at once. */
async function contention(ports: number[], admin: string, locale: string) {
  const tokens: string[] = [];
  for (let i = 0; i < TRANSLATORS; i++) {
    tokens.push(
      await user(ports[0], admin, `hot-${locale}-${i}`, [{ locale, role: 'translator' }]),
    );
  }
  const segments = await allSegments(ports[0], admin, 'big', locale);
  let next = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    tokens.map(async (token, i) => {
      const port = ports[i % ports.length];
      while (performance.now() < deadline && next < segments.length) {
        const segment = segments[next++];
        const started = performance.now();
        await must(
          call(
            port,
            'PUT',
            `/api/projects/scale/articles/big/locales/${locale}/segments/${segment.id}`,
            token,
            { target: `${locale.toUpperCase()} ${segment.source}`, revision: 0 },
          ),
          'hot save',
        );
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { ...stats(latencies), rate: latencies.length / SECONDS };
}

const COUNTS_TRIGGERS = ['translations_counts_insert', 'translations_counts_update'];

/** 1,000 articles × 10 locales straight into the tables (the triggers keep the counts). */
async function seedLibrary(db: Client): Promise<void> {
  const locales = ['es', 'fr', 'de', 'it', 'pt-BR', 'vi', 'zh-Hans', 'ar', 'ru', 'ko'];
  const [{ id: project }] = (
    await db.query<{ id: string }>(
      `INSERT INTO projects (slug, name, source_locale) VALUES ('library', 'Library', 'en') RETURNING id`,
    )
  ).rows;
  await db.query(
    `INSERT INTO project_locales (project_id, locale, position)
     SELECT $1, l, n FROM unnest($2::text[]) WITH ORDINALITY AS u(l, n)`,
    [project, locales],
  );
  await db.query(
    `INSERT INTO articles (project_id, slug)
     SELECT $1, 'leaflet-' || g FROM generate_series(1, $2::int) g`,
    [project, LIBRARY.articles],
  );
  await db.query(
    `INSERT INTO source_versions (article_id, version, title, format, content, content_hash, tree, segment_count)
     SELECT id, 1, 'Leaflet ' || slug, 'text', slug, md5(slug), '{}'::jsonb, $2
       FROM articles WHERE project_id = $1`,
    [project, LIBRARY.segments],
  );
  await db.query(
    `INSERT INTO source_segments (version_id, position, key, kind, text, words)
     SELECT v.id, g, md5(a.slug || ':' || g), 'paragraph', 'Sentence ' || g || ' of ' || a.slug, 5
       FROM articles a JOIN source_versions v ON v.article_id = a.id
      CROSS JOIN generate_series(0, $2::int - 1) g
      WHERE a.project_id = $1`,
    [project, LIBRARY.segments],
  );
  await db.query(
    `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin,
                               source_version, source_text)
     SELECT a.id, l, s.key, 'T ' || s.text,
            (ARRAY['translated', 'approved', 'approved', 'fuzzy', 'rejected'])[1 + (s.position + length(l)) % 5],
            1, 'import', 1, s.text
       FROM articles a JOIN source_versions v ON v.article_id = a.id
       JOIN source_segments s ON s.version_id = v.id
      CROSS JOIN unnest($2::text[]) l
      WHERE a.project_id = $1 AND (s.position + hashtext(a.slug || l)) % 2 = 0`,
    [project, locales],
  );
  await db.query(
    `INSERT INTO publications (article_id, locale, number, source_version, kind, title, html, content_hash)
     SELECT a.id, l, 1, 1, 'complete', 'Leaflet', '<p>Leaflet</p>', md5(a.slug || l)
       FROM articles a CROSS JOIN unnest($2::text[]) l
      WHERE a.project_id = $1 AND hashtext(a.slug || l) % 2 = 0`,
    [project, locales],
  );
  await db.query('ANALYZE');
}

async function reads(port: number, token: string, path: string) {
  for (let i = 0; i < 30; i++) await must(call(port, 'GET', path, token), path);
  const ms: number[] = [];
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    await must(call(port, 'GET', path, token), path);
    ms.push(performance.now() - started);
  }
  return stats(ms);
}

const f = (ms: number) => ms.toFixed(1);

async function main(): Promise<void> {
  const url = await recreateDatabase(DATABASE);
  await runMigrations(url);
  const env = benchServerEnv(url, `tms-bench-scale-${process.pid}`);
  const servers = [
    await startChild(join(__dirname, 'http-server.js'), ['app'], env),
    await startChild(join(__dirname, 'http-server.js'), ['app'], env),
  ];
  const port = servers[0].port;
  const db = new Client({ connectionString: url });
  await db.connect();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  try {
    const admin = await adminToken(call, port);
    await must(
      call(port, 'POST', '/api/projects', admin, {
        slug: 'scale',
        name: 'Scale',
        sourceLocale: 'en',
        targetLocales: LOCALES,
      }),
      'project',
    );

    const { times, bigSegments, smallSegments } = await perOperation(port, admin);
    const rows = (['save', 'approve'] as const).flatMap((what) => {
      const big = stats(times[what].big);
      const small = stats(times[what].small);
      return [
        {
          operation: what,
          article: `${bigSegments} segments`,
          n: big.n,
          'p50 ms': f(big.p50),
          'p99 ms': f(big.p99),
          'big/small p50': (big.p50 / small.p50).toFixed(2),
          'big/small p99': (big.p99 / small.p99).toFixed(2),
        },
        {
          operation: what,
          article: `${smallSegments} segments ×${SMALL_ARTICLES}`,
          n: small.n,
          'p50 ms': f(small.p50),
          'p99 ms': f(small.p99),
          'big/small p50': '',
          'big/small p99': '',
        },
      ];
    });

    const ports = servers.map((s) => s.port);
    const withCounts = await contention(ports, admin, 'fr');
    for (const trigger of COUNTS_TRIGGERS)
      await db.query(`ALTER TABLE translations DISABLE TRIGGER ${trigger}`);
    const withoutCounts = await contention(ports, admin, 'de');
    for (const trigger of COUNTS_TRIGGERS)
      await db.query(`ALTER TABLE translations ENABLE TRIGGER ${trigger}`);
    const hot = (name: string, r: Awaited<ReturnType<typeof contention>>) => ({
      case: name,
      'saves/s': Math.round(r.rate),
      'p50 ms': f(r.p50),
      'p99 ms': f(r.p99),
    });

    await seedLibrary(db);
    const project = await reads(port, admin, '/api/projects/library');
    const list = await reads(port, admin, '/api/projects');
    const few = await reads(port, admin, '/api/projects/scale');

    process.stdout.write(
      `load average at start: ${load}\n\n` +
        `Per operation, one at a time, sizes interleaved (target: big within 1.5× of small)\n\n` +
        `${table(rows)}\n\n` +
        `One (article, locale) counts row under ${TRANSLATORS} translators, 2 API processes, ` +
        `${SECONDS} s of first saves\n\n` +
        `${table([hot('counts triggers on', withCounts), hot('counts triggers off', withoutCounts)])}\n\n` +
        `Reads with ${LIBRARY.articles} articles × ${LIBRARY.locales} locales ` +
        `(${LIBRARY.segments} segments each), ${READS} sequential requests (target < 20 ms)\n\n` +
        `${table([
          {
            request: 'GET /api/projects/library',
            'p50 ms': f(project.p50),
            'p99 ms': f(project.p99),
          },
          { request: 'GET /api/projects', 'p50 ms': f(list.p50), 'p99 ms': f(list.p99) },
          {
            request: `GET /api/projects/scale (${SMALL_ARTICLES + 1} articles, control)`,
            'p50 ms': f(few.p50),
            'p99 ms': f(few.p99),
          },
        ])}\n` +
        `load average at end: ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}\n`,
    );
  } finally {
    agent.destroy();
    await db.end();
    for (const server of servers) await stopChild(server.child);
    if (!process.env.BENCH_KEEP_DB) await dropDatabase(DATABASE);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
