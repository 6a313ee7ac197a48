import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { runMigrations } from '../src/startup';
import {
  BENCH_ADMIN,
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
 * `npm run bench -- saves [seconds]`: 64 translators (64 users, 64 keep-alive connections) each
 * saving their own segments through `PUT .../segments/:id` with the revision they last got
 * back, for a fixed time; saves/s, p50/p99 latency, and a lost-update audit (every 200 must be
 * exactly one revision row, and each row's revision must equal its number of saves). Then, in
 * the same run, pgbench (64 clients) runs the same write SQL (UPDATE … AND revision = current,
 * plus the revision-log INSERT) directly, as the ceiling. The server runs in its own process.
 * Both runs last WARMUP + [seconds] and are measured over the same window after the warm-up;
 * the HTTP warm-up is reported on its own line. BENCH_TRACE=1 adds a second-by-second table.
 * Targets: at least a third of pgbench's TPS, p99 < 100 ms, zero lost updates.
 */
const DATABASE = process.env.BENCH_DATABASE ?? 'tms_bench_saves';
const DURATION = Number(process.argv[2] ?? 10);
/** Seconds of load before measuring (JIT, connection pools, plan caches): BENCH_WARMUP. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const TRANSLATORS = Number(process.env.BENCH_TRANSLATORS ?? 64);
const SEGMENTS = 2000;
const ADMIN = BENCH_ADMIN;

const agent = new Agent({ keepAlive: true, maxSockets: TRANSLATORS });
const call = jsonApi(agent);

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

interface Sample {
  /** When the save completed, in ms since the load started. */
  at: number;
  ms: number;
  status: number;
}

/** Saves/s and latency percentiles of the saves that completed within [from, to) ms. */
function windowStats(samples: Sample[], from: number, to: number) {
  const inside = samples.filter((s) => s.at >= from && s.at < to);
  const latencies = inside.map((s) => s.ms).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const s of inside) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  return {
    rate: (statuses.get(200) ?? 0) / ((to - from) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    statuses,
  };
}

/** Every translator saves their own segments in a loop for WARMUP + DURATION seconds. */
async function translators(port: number, users: string[], segments: Segment[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  const start = performance.now();
  const deadline = start + (WARMUP + DURATION) * 1000;
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
        const t1 = performance.now();
        samples.push({ at: t1 - start, ms: t1 - t0, status: res.status });
        if (res.status === 200) revision.set(segment.id, res.body.revision);
      }
    }),
  );
  return samples;
}

/** BENCH_TRACE=1: saves/s and latencies second by second (warm-up, stalls). */
function printTrace(samples: Sample[]): void {
  const rows = [];
  for (let second = 0; second < WARMUP + DURATION; second++) {
    const w = windowStats(samples, second * 1000, (second + 1) * 1000);
    rows.push({
      second,
      'saves/s': Math.round(w.rate),
      'p50 ms': w.p50.toFixed(0),
      'p99 ms': w.p99.toFixed(0),
      'max ms': w.max.toFixed(0),
    });
  }
  process.stdout.write(`${table(rows)}\n\n`);
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

function pgbench(url: string, keys: number): Sample[] {
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
    // -l logs every transaction ("client no latency_us script epoch_s epoch_us"), so pgbench
    // gets the same warm-up cut and percentiles as the HTTP run.
    const started = Date.now();
    const result = spawnSync(
      '/usr/bin/pgbench',
      [
        '-n',
        '-c',
        String(TRANSLATORS),
        '-j',
        '2',
        '-T',
        String(WARMUP + DURATION),
        '-f',
        script,
        '-l',
        `--log-prefix=${join(dir, 'log')}`,
        url,
      ],
      { encoding: 'utf8', cwd: dir },
    );
    if (result.status !== 0) throw new Error(`pgbench failed: ${result.stdout}${result.stderr}`);
    const samples: Sample[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('log.'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const [, , us, , epochS, epochUs] = line.split(' ').map(Number);
        if (Number.isFinite(epochUs)) {
          samples.push({
            at: epochS * 1000 + epochUs / 1000 - started,
            ms: us / 1000,
            status: 200,
          });
        }
      }
    }
    return samples;
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
    const samples = await translators(port, users, segments);
    agent.destroy();
    await stopChild(child);
    const check = await audit(url);
    const ceiling = pgbench(url, segments.length);
    const measured = [WARMUP * 1000, (WARMUP + DURATION) * 1000] as const;
    const http = windowStats(samples, ...measured);
    const sql = windowStats(ceiling, ...measured);
    const warm = windowStats(samples, 0, WARMUP * 1000);
    const saved = samples.filter((s) => s.status === 200).length;
    if (process.env.BENCH_TRACE) printTrace(samples);
    const row = (name: string, w: ReturnType<typeof windowStats>, responses: boolean) => ({
      case: name,
      'saves/s': Math.round(w.rate),
      'p50 ms': w.p50.toFixed(1),
      'p99 ms': w.p99.toFixed(1),
      'max ms': w.max.toFixed(1),
      responses: responses ? [...w.statuses].map(([s, n]) => `${s}×${n}`).join(' ') : '',
    });
    process.stdout.write(
      `${table([
        row(`HTTP PUT segment, ${TRANSLATORS} translators, ${DURATION} s`, http, true),
        row(`pgbench, same write SQL, ${TRANSLATORS} clients, ${DURATION} s`, sql, false),
        row(`(HTTP warm-up, first ${WARMUP} s, not counted)`, warm, true),
      ])}\n\n` +
        `HTTP saves/s = ${((http.rate / sql.rate) * 100).toFixed(0)}% of pgbench (target ≥ 33%); ` +
        `p99 ${http.p99.toFixed(0)} ms (target < 100 ms; pgbench ${sql.p99.toFixed(0)} ms). ` +
        `All ${saved} 200s, warm-up included: save revisions ${check.revisions}, rows whose ` +
        `revision ≠ revision rows ${check.mismatched} → lost updates ${saved - check.revisions + check.mismatched}\n`,
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
