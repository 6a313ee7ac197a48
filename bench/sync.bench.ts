import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * `npm run bench -- sync [sizes…]`: `PUT .../source` end to end (HTTP, alignment, new version,
 * sync of every locale, commit) for an article of N segments with 30 target locales, every
 * segment approved, and a new version with 10% of sentences edited, 5% removed, 5% added.
 * In the same run, gettext's msgmerge updates 30 equivalent PO files, with its default fuzzy
 * matching and with --no-fuzzy-matching. Sizes default to 1000 and 10000.
 * Target: under half the time of `msgmerge --no-fuzzy-matching`.
 */
const DATABASE = 'tms_bench_sync';
const ADMIN = BENCH_ADMIN;
const LOCALES =
  'es fr de it pt-BR nl pl ru uk ar he fa ur hi bn zh-Hans zh-Hant ja ko vi th id ms tl tr el ro hu cs sv'.split(
    ' ',
  );
const SIZES = process.argv.slice(2).map(Number).filter(Boolean);

// ------------------------------------------------------------ deterministic health text

let seed = 7;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
const SUBJECTS = ['Your doctor', 'The nurse', 'Your care team', 'The pharmacist', 'A dietitian'];
const VERBS = ['may suggest', 'will check', 'can explain', 'often recommends', 'will review'];
const OBJECTS = [
  'a dose of 250 mg twice a day',
  'your blood pressure at each visit',
  'the side effects of your treatment',
  'a follow-up visit at the Lakeside Clinic',
  'the results of your blood test',
  'a 0.5 mL injection every 3 weeks',
];
const TAILS = ['', ' before each treatment', ' if you feel dizzy', ' during the first month'];

/** Sentence i is unique (it names its step), so keys map one-to-one to PO msgids. */
function sentence(i: number): string {
  return `In step ${i}, ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS)} ${pick(OBJECTS)}${pick(TAILS)}.`;
}

interface Versions {
  title: string;
  before: string[];
  after: string[];
  edited: number;
  removed: number;
  added: number;
}

function versions(size: number): Versions {
  const before = Array.from({ length: size - 1 }, (_, i) => sentence(i + 1));
  const after: string[] = [];
  let edited = 0;
  let removed = 0;
  let added = 0;
  before.forEach((text, i) => {
    const roll = i % 20;
    if (roll === 3) {
      removed++;
      return;
    }
    if (roll === 5 || roll === 11) {
      edited++;
      after.push(
        text.replace(/\b(may|will|can|often)\b/, 'should').replace(/\.$/, ', as planned.'),
      );
    } else after.push(text);
    if (roll === 8) {
      added++;
      after.push(`New in this edition (${i}): drink a glass of water with every meal.`);
    }
  });
  return { title: 'Your treatment plan, step by step', before, after, edited, removed, added };
}

// ------------------------------------------------------------ the app

async function api<T>(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(base + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return { status: response.status, body: JSON.parse(text) as T };
}

async function approveEverything(databaseUrl: string, article: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin,
                                 source_version, source_text)
       SELECT a.id, l.locale, s.key, 'XX: ' || s.text, 'approved', 1, 'human', 1, s.text
         FROM articles a JOIN source_versions v ON v.article_id = a.id
         JOIN source_segments s ON s.version_id = v.id
        CROSS JOIN unnest($2::text[]) AS l(locale)
        WHERE a.slug = $1`,
      [article, LOCALES],
    );
    await db.query(
      `INSERT INTO translation_revisions (article_id, locale, segment_key, revision, target, state,
                                          origin, source_version, source_text, action)
       SELECT article_id, locale, segment_key, 1, target, state, origin, 1, source_text, 'save'
         FROM translations`,
    );
    await db.query('VACUUM ANALYZE');
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM translations`);
    return rows[0].n;
  } finally {
    await db.end();
  }
}

async function fuzzyRows(databaseUrl: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM translations WHERE state = 'fuzzy'`,
    );
    return rows[0].n;
  } finally {
    await db.end();
  }
}

interface SyncResult {
  currentVersion: number;
  sync: { kept: number; fuzzy: number; added: number; removed: number };
}

async function timeSync(size: number, v: Versions): Promise<Record<string, string | number>> {
  const databaseUrl = await recreateDatabase(DATABASE);
  await runMigrations(databaseUrl);
  const { child, port } = await startChild(
    join(__dirname, 'http-server.js'),
    ['app'],
    benchServerEnv(databaseUrl, 'tms-bench-sync'),
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const { body: login } = await api<{ accessToken: string }>(
      base,
      'POST',
      '/api/auth/login',
      null,
      ADMIN,
    );
    const token = login.accessToken;
    await api(base, 'POST', '/api/projects', token, {
      slug: 'bench',
      name: 'Bench',
      sourceLocale: 'en',
      targetLocales: LOCALES,
    });
    // Warm-up on a small article, so the timed request does not pay for JIT compilation.
    const small = versions(200);
    await api(base, 'POST', '/api/projects/bench/articles', token, {
      slug: 'warm-up',
      title: small.title,
      format: 'text',
      content: small.before.join('\n\n'),
    });
    await api(base, 'PUT', '/api/projects/bench/articles/warm-up/source', token, {
      content: small.after.join('\n\n'),
    });

    await api(base, 'POST', '/api/projects/bench/articles', token, {
      slug: 'plan',
      title: v.title,
      format: 'text',
      content: v.before.join('\n\n'),
    });
    const rows = await approveEverything(databaseUrl, 'plan');
    const start = performance.now();
    const { body } = await api<SyncResult>(
      base,
      'PUT',
      '/api/projects/bench/articles/plan/source',
      token,
      {
        content: v.after.join('\n\n'),
      },
    );
    const ms = performance.now() - start;
    const fuzzy = await fuzzyRows(databaseUrl);
    return {
      case: `PUT source, ${size.toLocaleString('en')} segments × ${LOCALES.length} locales`,
      ms: Math.round(ms),
      'approved rows before': rows,
      sync: `kept ${body.sync.kept}, fuzzy ${body.sync.fuzzy}, added ${body.sync.added}, removed ${body.sync.removed}`,
      'fuzzy rows after': fuzzy,
    };
  } finally {
    await stopChild(child);
    await dropDatabase(DATABASE);
  }
}

// ------------------------------------------------------------ msgmerge

const poString = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function poFile(pairs: Array<[string, string]>): string {
  const header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n';
  return (
    header + pairs.map(([id, str]) => `msgid ${poString(id)}\nmsgstr ${poString(str)}\n`).join('\n')
  );
}

function timeMsgmerge(v: Versions): { fuzzy: number; exact: number; sampled: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tms-msgmerge-'));
  try {
    const all = [v.title, ...v.before];
    for (const locale of LOCALES) {
      writeFileSync(join(dir, `${locale}.po`), poFile(all.map((t) => [t, `XX: ${t}`])));
    }
    writeFileSync(join(dir, 'new.pot'), poFile([v.title, ...v.after].map((t) => [t, ''])));
    const run = (extra: string[], files = LOCALES.length): number => {
      const start = performance.now();
      for (const locale of LOCALES.slice(0, files)) {
        const result = spawnSync('/usr/bin/msgmerge', [
          '--quiet',
          ...extra,
          '-o',
          join(dir, `${locale}.out.po`),
          join(dir, `${locale}.po`),
          join(dir, 'new.pot'),
        ]);
        if (result.status !== 0) throw new Error(`msgmerge failed: ${String(result.stderr)}`);
      }
      return ((performance.now() - start) * LOCALES.length) / files;
    };
    // Default fuzzy matching is quadratic: past 2,000 messages time one file and multiply by 30.
    const sampled = v.before.length > 2000 ? 1 : LOCALES.length;
    return { fuzzy: run([], sampled), exact: run(['--no-fuzzy-matching']), sampled };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  const summary: string[] = [];
  for (const size of SIZES.length ? SIZES : [1000, 10000]) {
    const v = versions(size);
    const ours = await timeSync(size, v);
    const merge = timeMsgmerge(v);
    rows.push(ours);
    rows.push({
      case: `msgmerge (default fuzzy), ${LOCALES.length} PO files of ${size.toLocaleString('en')}${merge.sampled < LOCALES.length ? ' (1 file timed × 30)' : ''}`,
      ms: Math.round(merge.fuzzy),
      'approved rows before': '',
      sync: '',
      'fuzzy rows after': '',
    });
    rows.push({
      case: `msgmerge --no-fuzzy-matching, ${LOCALES.length} PO files of ${size.toLocaleString('en')}`,
      ms: Math.round(merge.exact),
      'approved rows before': '',
      sync: '',
      'fuzzy rows after': '',
    });
    process.stderr.write(`${JSON.stringify(rows.slice(-3))}\n`);
    summary.push(
      `${size.toLocaleString('en')} segments: PUT source ${ours.ms} ms = ${((Number(ours.ms) / merge.exact) * 100).toFixed(0)}% of msgmerge --no-fuzzy-matching (target < 50%); edits ${v.edited}, removed ${v.removed}, added ${v.added}`,
    );
  }
  process.stdout.write(`${table(rows)}\n\n${summary.join('\n')}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
