import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { runMigrations } from '../src/startup';
import {
  BENCH_ADMIN,
  benchServerEnv,
  dropDatabase,
  recreateDatabase,
  startChild,
  stopChild,
  table,
} from './support';

/**
 * `npm run bench -- interchange`: exports of a 10,000-segment article in each format (time to
 * the last byte), and a project export of 500 articles × 200 segments (time to the first and
 * last byte, and the server's resident memory while it streams). Translations are written
 * straight into the database in every state, with comments, so the files carry everything.
 * Targets: a 10,000-segment XLIFF export under 1 s; the project export's first byte under 1 s
 * and the server under 200 MB.
 */
const DATABASE = 'tms_bench_interchange';
const LOCALE = 'es';
const [ARTICLE_SIZE = 10_000, PROJECT_ARTICLES = 500, PROJECT_SIZE = 200] = process.argv
  .slice(2)
  .map(Number)
  .filter(Boolean);

/** The old-generation limit of the last project export: a buffered export would not fit. */
const HEAP_CAP = '--max-old-space-size=96';

const STATES = ['approved', 'approved', 'translated', 'fuzzy', 'untranslated', 'rejected'];

function sentence(article: number, i: number): string {
  const dose = (i % 9) + 1;
  return i % 4 === 0
    ? `Article ${article}, step ${i}: take **${dose} tablets** with water and rest for ${dose * 5} minutes.`
    : `Article ${article}, step ${i}: call the clinic at 555-01${String(i % 100).padStart(2, '0')} if you feel unwell.`;
}

function content(article: number, size: number): string {
  return Array.from({ length: size - 1 }, (_, i) => sentence(article, i + 1)).join('\n\n');
}

async function api<T>(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
) {
  const response = await fetch(base + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Targets in every state for every article of the project, one revision each. */
async function translateAll(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin,
                                 source_version, source_text)
       SELECT a.id, $1, s.key, 'ES: ' || s.text,
              ($2::text[])[1 + s.position % array_length($2::text[], 1)], 1, 'human', 1, s.text
         FROM articles a JOIN source_versions v ON v.article_id = a.id
         JOIN source_segments s ON s.version_id = v.id
        WHERE ($2::text[])[1 + s.position % array_length($2::text[], 1)] <> 'untranslated'`,
      [LOCALE, STATES],
    );
    await db.query(
      `INSERT INTO translation_revisions (article_id, locale, segment_key, revision, target, state,
                                          origin, source_version, source_text, action)
       SELECT article_id, locale, segment_key, 1, target, state, origin, 1, source_text, 'save'
         FROM translations`,
    );
    await db.query(
      `INSERT INTO segment_comments (article_id, locale, segment_key, author_id, body)
       SELECT t.article_id, t.locale, t.segment_key, (SELECT id FROM users LIMIT 1),
              'Check the dose with the pharmacist.'
         FROM translations t WHERE t.state = 'rejected'`,
    );
    await db.query('VACUUM ANALYZE');
  } finally {
    await db.end();
  }
}

interface Download {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  peakRssMb: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** GET the export, timing the first and last byte and sampling the server's RSS meanwhile. */
function download(port: number, path: string, token: string, pid: number): Promise<Download> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    let peak = rssMb(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
    const req = request(
      { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - start;
          bytes += chunk.length;
        });
        res.on('end', () => {
          clearInterval(sampler);
          peak = Math.max(peak, rssMb(pid));
          resolve({ firstByteMs, totalMs: performance.now() - start, bytes, peakRssMb: peak });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const databaseUrl = await recreateDatabase(DATABASE);
  await runMigrations(databaseUrl);
  const server = () =>
    startChild(
      join(__dirname, 'http-server.js'),
      ['app'],
      benchServerEnv(databaseUrl, 'tms-bench-interchange'),
    );
  let { child, port } = await server();
  const base = `http://127.0.0.1:${port}`;
  const rows: Array<Record<string, string | number>> = [];
  try {
    const { accessToken: token } = await api<{ accessToken: string }>(
      base,
      'POST',
      '/api/auth/login',
      null,
      BENCH_ADMIN,
    );
    await api(base, 'POST', '/api/projects', token, {
      slug: 'big',
      name: 'One big article',
      sourceLocale: 'en',
      targetLocales: [LOCALE],
    });
    await api(base, 'POST', '/api/projects', token, {
      slug: 'many',
      name: 'Many articles',
      sourceLocale: 'en',
      targetLocales: [LOCALE],
    });
    process.stderr.write(`creating a ${ARTICLE_SIZE}-segment article…\n`);
    for (const [slug, size] of [
      ['warm-up', 200],
      ['big', ARTICLE_SIZE],
    ] as const)
      await api(base, 'POST', '/api/projects/big/articles', token, {
        slug,
        title: `Your treatment plan (${size} steps)`,
        format: 'markdown',
        content: content(0, size),
      });
    process.stderr.write(`creating ${PROJECT_ARTICLES} articles of ${PROJECT_SIZE} segments…\n`);
    for (let batch = 0; batch < PROJECT_ARTICLES; batch += 4)
      await Promise.all(
        Array.from({ length: Math.min(4, PROJECT_ARTICLES - batch) }, (_, k) =>
          api(base, 'POST', '/api/projects/many/articles', token, {
            slug: `article-${String(batch + k).padStart(4, '0')}`,
            title: `Leaflet ${batch + k}`,
            format: 'markdown',
            content: content(batch + k, PROJECT_SIZE),
          }),
        ),
      );
    await translateAll(databaseUrl);
    // A fresh server for the exports, so its memory is that of exporting, not of the set-up.
    await stopChild(child);
    ({ child, port } = await server());
    const pid = child.pid!;
    const idleRss = rssMb(pid);
    process.stderr.write(`server RSS before any export: ${Math.round(idleRss)} MB\n`);

    for (const format of ['xliff2', 'xliff12', 'po', 'i18next']) {
      await download(
        port,
        `/api/projects/big/articles/warm-up/locales/es/export?format=${format}`,
        token,
        child.pid!,
      );
      const timings: Download[] = [];
      for (let run = 0; run < 3; run++)
        timings.push(
          await download(
            port,
            `/api/projects/big/articles/big/locales/es/export?format=${format}`,
            token,
            pid,
          ),
        );
      const best = timings.sort((a, b) => a.totalMs - b.totalMs)[0];
      rows.push({
        case: `article, ${ARTICLE_SIZE.toLocaleString('en')} segments, ${format}`,
        'first byte ms': Math.round(best.firstByteMs),
        'total ms (best of 3)': Math.round(best.totalMs),
        MB: (best.bytes / 1e6).toFixed(1),
        'server RSS MB before → peak': `${Math.round(idleRss)} → ${Math.round(best.peakRssMb)}`,
      });
      process.stderr.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
    }
    // And another for the project exports, each measured from a server that exported nothing;
    // the last with the V8 heap capped, which fails unless the export streams.
    const projectRuns: Array<[string, string]> = [
      ['format=xliff2', ''],
      ['format=po', ''],
      ['format=xliff2', HEAP_CAP],
    ];
    for (const [query, nodeArgs] of projectRuns) {
      await stopChild(child);
      process.env.BENCH_NODE_ARGS = nodeArgs;
      ({ child, port } = await server());
      const before = rssMb(child.pid!);
      await download(
        port,
        `/api/projects/many/locales/es/export?${query}&articles=article-0000`,
        token,
        child.pid!,
      );
      const result = await download(
        port,
        `/api/projects/many/locales/es/export?${query}`,
        token,
        child.pid!,
      );
      rows.push({
        case: `project, ${PROJECT_ARTICLES} × ${PROJECT_SIZE} segments, ${query}${query.endsWith('po') ? ' (zip)' : ''}${nodeArgs ? `, node ${nodeArgs}` : ''}`,
        'first byte ms': Math.round(result.firstByteMs),
        'total ms (best of 3)': `${Math.round(result.totalMs)} (1 run)`,
        MB: (result.bytes / 1e6).toFixed(1),
        'server RSS MB before → peak': `${Math.round(before)} → ${Math.round(result.peakRssMb)}`,
      });
      process.stderr.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
    }
  } finally {
    await stopChild(child);
    await dropDatabase(DATABASE);
  }
  process.stdout.write(`${table(rows)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
