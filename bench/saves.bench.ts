import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
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
 * `npm run bench -- saves [seconds]`: 64 translators (64 users, 64 keep-alive connections) each
 * saving their own segments through `PUT .../segments/:id` with the revision they last got
 * back, for a fixed time; saves/s, p50/p99 latency, and a lost-update audit (every 200 must be
 * exactly one revision row, and each row's revision must equal its number of saves). Then, in
 * the same run, pgbench (64 clients) runs the same write SQL (UPDATE … AND revision = current,
 * plus the revision-log INSERT) directly, as the ceiling. The server runs in its own process.
 * Targets: at least a third of pgbench's TPS, p99 < 100 ms, zero lost updates.
 */
const DATABASE = 'tms_bench_saves';
const DURATION = Number(process.argv[2] ?? 10);
const TRANSLATORS = Number(process.env.BENCH_TRANSLATORS ?? 64);
const SEGMENTS = 2000;
const ADMIN = BENCH_ADMIN;

const agent = new Agent({ keepAlive: true, maxSockets: TRANSLATORS });

function call<T>(
  port: number,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function must<T>(promise: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Segment {
  id: string;
  source: string;
}

async function setup(port: number): Promise<{ users: string[]; segments: Segment[] }> {
  const admin = (
    await must(call<{ accessToken: string }>(port, 'POST', '/api/auth/login', null, ADMIN), 'login')
  ).accessToken;
  await must(
    call(port, 'POST', '/api/projects', admin, {
      slug: 'bench',
      name: 'Bench',
      sourceLocale: 'en',
      targetLocales: ['es'],
    }),
    'project',
  );
  const sentences = Array.from(
    { length: SEGMENTS - 1 },
    (_, i) => `Visit ${i + 1}: bring your medicine list and arrive ten minutes early.`,
  );
  await must(
    call(port, 'POST', '/api/projects/bench/articles', admin, {
      slug: 'visits',
      title: 'Clinic visits',
      format: 'text',
      content: sentences.join('\n\n'),
    }),
    'article',
  );
  const users: string[] = [];
  for (let batch = 0; batch < TRANSLATORS; batch += 8) {
    users.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, TRANSLATORS - batch) }, async (_, j) => {
          const email = `translator${batch + j}@bench.local`;
          const password = 'translator-password-1';
          const user = await must(
            call<{ id: string }>(port, 'POST', '/api/users', admin, {
              email,
              name: `Translator ${batch + j}`,
              password,
              role: 'member',
            }),
            'user',
          );
          await must(
            call(port, 'POST', '/api/projects/bench/members', admin, {
              userId: user.id,
              locale: 'es',
              role: 'translator',
            }),
            'member',
          );
          return (
            await must(
              call<{ accessToken: string }>(port, 'POST', '/api/auth/login', null, {
                email,
                password,
              }),
              'login',
            )
          ).accessToken;
        }),
      )),
    );
  }
  const page = await must(
    call<{ items: Segment[] }>(
      port,
      'GET',
      '/api/projects/bench/articles/visits/locales/es/segments?limit=500',
      admin,
    ),
    'segments',
  );
  const segments = [...page.items];
  let cursor = (page as unknown as { nextCursor: string | null }).nextCursor;
  while (cursor) {
    const next = await must(
      call<{ items: Segment[]; nextCursor: string | null }>(
        port,
        'GET',
        `/api/projects/bench/articles/visits/locales/es/segments?limit=500&cursor=${cursor}`,
        admin,
      ),
      'segments',
    );
    segments.push(...next.items);
    cursor = next.nextCursor;
  }
  return { users, segments };
}

async function translators(port: number, users: string[], segments: Segment[]) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = performance.now() + DURATION * 1000;
  const start = performance.now();
  await Promise.all(
    users.map(async (token, w) => {
      const mine = segments.filter((_, i) => i % TRANSLATORS === w);
      const revision = new Map<string, number>(mine.map((s) => [s.id, 0]));
      for (let n = 0; performance.now() < deadline; n++) {
        const segment = mine[n % mine.length];
        const t0 = performance.now();
        const res = await call<{ revision: number }>(
          port,
          'PUT',
          `/api/projects/bench/articles/visits/locales/es/segments/${segment.id}`,
          token,
          {
            target: `Visita (${n % 2 ? 'a' : 'b'}): ${segment.source}`,
            revision: revision.get(segment.id),
          },
        );
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) revision.set(segment.id, res.body.revision);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, latencies, statuses };
}

async function audit(url: string): Promise<{ revisions: number; mismatched: number }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ revisions: number; mismatched: number }>(
      `SELECT (SELECT count(*)::int FROM translation_revisions WHERE action = 'save') AS revisions,
              (SELECT count(*)::int FROM translations t
                WHERE t.revision <> (SELECT count(*) FROM translation_revisions r
                                      WHERE r.article_id = t.article_id AND r.locale = t.locale
                                        AND r.segment_key = t.segment_key)) AS mismatched`,
    );
    await db.query(
      `CREATE TABLE bench_keys AS
       SELECT row_number() OVER (ORDER BY segment_key)::int AS k, article_id, segment_key AS key
         FROM translations WHERE locale = 'es'`,
    );
    await db.query(`ALTER TABLE bench_keys ADD PRIMARY KEY (k)`);
    return rows[0];
  } finally {
    await db.end();
  }
}

function pgbench(url: string, keys: number): { tps: number; line: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tms-pgbench-'));
  try {
    const script = join(dir, 'save.sql');
    writeFileSync(
      script,
      `\\set k random(1, ${keys})
BEGIN;
WITH cur AS (
  SELECT b.article_id, b.key, t.revision FROM bench_keys b
    JOIN translations t ON t.article_id = b.article_id AND t.locale = 'es' AND t.segment_key = b.key
   WHERE b.k = :k
), written AS (
  UPDATE translations t
     SET target = 'Visita: ' || t.source_text, state = 'translated', revision = t.revision + 1,
         origin = 'human', previous_source = NULL, checks = '[]'::jsonb, updated_at = now()
    FROM cur
   WHERE t.article_id = cur.article_id AND t.locale = 'es' AND t.segment_key = cur.key
     AND t.revision = cur.revision
  RETURNING t.*
), logged AS (
  INSERT INTO translation_revisions (article_id, locale, segment_key, revision, target, state,
                                     origin, source_version, source_text, action, checks)
  SELECT article_id, locale, segment_key, revision, target, state, origin, source_version,
         source_text, 'save', checks FROM written
)
SELECT revision FROM written;
COMMIT;
`,
    );
    const result = spawnSync(
      '/usr/bin/pgbench',
      ['-n', '-c', String(TRANSLATORS), '-j', '2', '-T', String(DURATION), '-f', script, url],
      { encoding: 'utf8' },
    );
    const match = /tps = ([\d.]+)/.exec(result.stdout);
    if (!match) throw new Error(`pgbench failed: ${result.stdout}${result.stderr}`);
    const latency = /latency average = ([\d.]+ ms)/.exec(result.stdout)?.[1] ?? '?';
    return { tps: Number(match[1]), line: `latency average ${latency}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const url = await recreateDatabase(DATABASE);
  await runMigrations(url);
  const { child, port } = await startChild(join(__dirname, 'http-server.js'), ['app'], {
    ...benchServerEnv(url, 'tms-bench-saves'),
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
  });
  try {
    const { users, segments } = await setup(port);
    const run = await translators(port, users, segments);
    agent.destroy();
    await stopChild(child);
    const saved = run.statuses.get(200) ?? 0;
    const check = await audit(url);
    const ceiling = pgbench(url, segments.length);
    const rate = saved / run.seconds;
    process.stdout.write(
      `${table([
        {
          case: `HTTP PUT segment, ${TRANSLATORS} translators, ${DURATION} s`,
          'saves/s': Math.round(rate),
          'p50 ms': percentile(run.latencies, 50).toFixed(1),
          'p99 ms': percentile(run.latencies, 99).toFixed(1),
          responses: [...run.statuses].map(([s, n]) => `${s}×${n}`).join(' '),
        },
        {
          case: `pgbench, same write SQL, ${TRANSLATORS} clients, ${DURATION} s`,
          'saves/s': Math.round(ceiling.tps),
          'p50 ms': ceiling.line,
          'p99 ms': '',
          responses: '',
        },
      ])}\n\n` +
        `HTTP saves/s = ${((rate / ceiling.tps) * 100).toFixed(0)}% of pgbench (target ≥ 33%); ` +
        `200s ${saved}, save revisions ${check.revisions}, rows whose revision ≠ revision rows ${check.mismatched} ` +
        `→ lost updates ${saved - check.revisions + check.mismatched}\n`,
    );
  } finally {
    if (child.exitCode === null) await stopChild(child);
    await dropDatabase(DATABASE);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
