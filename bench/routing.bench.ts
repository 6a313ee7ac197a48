import Redis from 'ioredis';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/config';
import { createHttpApp } from '../src/http-app';
import { preflight } from '../src/startup';
import { BENCH_ADMIN, dropDatabase, recreateDatabase, table } from './support';

/**
 * `npm run bench -- routing [articles]`: a project with 10 target locales and 20 translators
 * (two per locale); 200 articles (8 to 20 segments each) are created through the API, eight at
 * a time. Measured: the time from the last create's 201 until every one of the 2,000 translate
 * tasks is open and assigned (the outbox relay, the events queue and the routing handler all
 * on the way), and the spread of open segments per translator (max / min). The app (API and
 * worker) runs in this process against its own database, dropped at the end.
 * Targets: under 10 s, spread under 1.5.
 */
const DATABASE = 'tms_bench_routing';
const ARTICLES = Number(process.argv[2] ?? 200);
const LOCALES = ['es', 'fr', 'de', 'it', 'pt-BR', 'vi', 'zh-Hans', 'ar', 'ru', 'ko'];
const PER_LOCALE = 2;
const CONCURRENCY = 8;
const ADMIN = BENCH_ADMIN;

const SENTENCES = [
  'Drink small amounts of water often through the day.',
  'Tell your nurse if you feel dizzy when you stand up.',
  'Gentle walks can ease tiredness after treatment.',
  'Keep a list of your questions for the next visit.',
  'Wash your hands before you eat and after you use the toilet.',
  'Rest when you need to, and ask for help with chores.',
  'Soft foods may be easier to swallow on some days.',
  'Call the clinic if your temperature rises or you shiver.',
];

/** A markdown article with `segments` segments (title included), deterministic per index. */
function article(index: number): { slug: string; content: string; segments: number } {
  const segments = 8 + ((index * 7) % 13);
  const lines = ['# Looking after yourself'];
  for (let i = 0; i < segments - 2; i++) {
    lines.push('', `${SENTENCES[(index + i) % SENTENCES.length]} Note ${index}-${i} applies.`);
  }
  return { slug: `care-${index}`, content: lines.join('\n'), segments };
}

async function main(): Promise<void> {
  const databaseUrl = await recreateDatabase(DATABASE);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `tms-bench-routing-${process.pid}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  await preflight(config, { migrate: true });
  const app = await createHttpApp(config, { api: true, worker: true });
  await app.get(AuthService).ensureAdmin();
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  const call = async <T>(method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  try {
    const { accessToken: admin } = await call<{ accessToken: string }>(
      'POST',
      '/api/auth/login',
      undefined,
      ADMIN,
    );
    await call('POST', '/api/projects', admin, {
      slug: 'bench',
      name: 'Routing bench',
      sourceLocale: 'en',
      targetLocales: LOCALES,
    });
    const translators: string[] = [];
    for (const locale of LOCALES) {
      for (let i = 0; i < PER_LOCALE; i++) {
        const user = await call<{ id: string }>('POST', '/api/users', admin, {
          email: `tr-${locale.toLowerCase()}-${i}@bench.local`,
          name: `Translator ${locale} ${i}`,
          password: 'bench-password-2',
          role: 'member',
        });
        await call('POST', '/api/projects/bench/members', admin, {
          userId: user.id,
          locale,
          role: 'translator',
        });
        translators.push(user.id);
      }
    }

    const articles = Array.from({ length: ARTICLES }, (_, i) => article(i));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < articles.length) {
          const a = articles[next++];
          await call('POST', '/api/projects/bench/articles', admin, {
            slug: a.slug,
            title: 'Looking after yourself',
            format: 'markdown',
            content: a.content,
          });
        }
      }),
    );
    const lastCreate = performance.now();

    const expected = ARTICLES * LOCALES.length;
    const dataSource = app.get(DataSource);
    let assigned = 0;
    const deadline = lastCreate + 120_000;
    while (performance.now() < deadline) {
      const [row] = await dataSource.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM tasks
          WHERE type = 'translate' AND status = 'open' AND assignee_id IS NOT NULL`,
      );
      assigned = Number(row.n);
      if (assigned >= expected) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const routed = performance.now();

    const loads = await dataSource.query<Array<{ id: string; segments: string; tasks: string }>>(
      `SELECT u.id, COALESCE(sum(t.remaining), 0) AS segments, count(t.id) AS tasks
         FROM unnest($1::uuid[]) AS u(id)
         LEFT JOIN tasks t ON t.assignee_id = u.id AND t.status = 'open'
        GROUP BY u.id`,
      [translators],
    );
    const segments = loads.map((l) => Number(l.segments));
    const taskCounts = loads.map((l) => Number(l.tasks));
    const max = Math.max(...segments);
    const min = Math.min(...segments);
    const totalSegments = articles.reduce((n, a) => n + a.segments, 0) * LOCALES.length;

    console.log(
      `routing: ${ARTICLES} articles × ${LOCALES.length} locales, ${translators.length} translators (${PER_LOCALE} per locale)\n`,
    );
    console.log(
      table([
        {
          'creates (s)': ((lastCreate - started) / 1000).toFixed(2),
          'last create → all assigned (s)': ((routed - lastCreate) / 1000).toFixed(2),
          'first create → all assigned (s)': ((routed - started) / 1000).toFixed(2),
          'tasks assigned': `${assigned}/${expected}`,
          'open segments': totalSegments,
          'per translator min / max': `${min} / ${max}`,
          'tasks min / max': `${Math.min(...taskCounts)} / ${Math.max(...taskCounts)}`,
          spread: (max / Math.max(1, min)).toFixed(3),
        },
      ]),
    );
    const ok = assigned >= expected && routed - lastCreate < 10_000 && max / min < 1.5;
    console.log(`\ntargets (< 10 s, spread < 1.5): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await app.close();
    await dropDatabase(DATABASE);
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${config.queuePrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
