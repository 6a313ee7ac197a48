import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writePo } from '../src/interchange/formats/po';
import type { InterchangeFile, InterchangeUnit, UnitState } from '../src/interchange/formats/unit';
import { writeXliff12 } from '../src/interchange/formats/xliff12';
import { writeXliff2 } from '../src/interchange/formats/xliff2';
import { runMigrations } from '../src/startup';
import {
  adminToken,
  benchServerEnv,
  dropDatabase,
  jsonApi,
  must,
  recreateDatabase,
  startChild,
  stopChild,
  table,
} from './support';

/**
 * `npm run bench -- interchange-import`: import of a BENCH_IMPORT_SEGMENTS-segment article
 * (default 10,000) in each format (XLIFF 2.0, XLIFF 1.2, PO) through the real server (a child
 * process), as the admin. Per format, on a fresh article: the first import (every segment
 * untranslated → translated) and a re-import of the file exported again with every target
 * changed (every segment updated, with its revision checked). Target: each import under 10 s.
 * The files are made with the export's writers from the segments as the API lists them.
 * The database is created for the run and dropped at the end (BENCH_KEEP=1 keeps it).
 */
const SEGMENTS = Number(process.env.BENCH_IMPORT_SEGMENTS ?? 10_000);
const DATABASE = process.env.BENCH_DATABASE ?? 'tms_bench_interchange_import';
const FORMATS = ['xliff2', 'xliff12', 'po'] as const;
type Format = (typeof FORMATS)[number];

const agent = new Agent({ keepAlive: true, maxSockets: 2 });
const call = jsonApi(agent);

interface Segment {
  id: string;
  position: number;
  kind: string;
  source: string;
  target: string | null;
  state: string;
  revision: number;
}

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

function fileOf(article: string, segments: Segment[], target: (s: Segment) => string) {
  const units: InterchangeUnit[] = segments.map((s) => ({
    id: s.id,
    position: s.position,
    kind: s.kind,
    source: s.source,
    target: target(s),
    state: 'translated' as UnitState,
    revision: s.revision,
    previousSource: null,
    changeRisk: null,
    codes: new Map(),
    comments: [],
    checks: [],
    words: 10,
  }));
  const file: InterchangeFile = {
    article,
    title: 'Clinic visits',
    sourceVersion: 1,
    sourceFormat: 'text',
    sourceLocale: 'en',
    targetLocale: 'es',
    targetDirection: 'ltr',
    units: iterate(units),
  };
  return file;
}

function write(format: Format, file: InterchangeFile): Promise<string> {
  if (format === 'po') return collect(writePo(file));
  const doc = { sourceLocale: 'en', targetLocale: 'es', files: iterate([file]) };
  return collect(format === 'xliff2' ? writeXliff2(doc) : writeXliff12(doc));
}

function postFile(
  port: number,
  path: string,
  token: string,
  body: string,
): Promise<{
  status: number;
  body: { updated: number; errorTotal: number; skippedTotal: number; errors?: unknown[] };
}> {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': payload.length,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function listSegments(port: number, token: string, article: string): Promise<Segment[]> {
  const all: Segment[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Segment[]; nextCursor: string | null } = await must(
      call(
        port,
        'GET',
        `/api/projects/bench/articles/${article}/locales/es/segments?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      ),
      'segments',
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function main(): Promise<void> {
  const url = await recreateDatabase(DATABASE);
  await runMigrations(url);
  const { child, port } = await startChild(
    join(__dirname, 'http-server.js'),
    ['app'],
    benchServerEnv(url, 'tms-bench-interchange-import'),
  );
  const rows: Array<Record<string, string | number>> = [];
  try {
    const admin = await adminToken(call, port);
    await must(
      call(port, 'POST', '/api/projects', admin, {
        slug: 'bench',
        name: 'Bench',
        sourceLocale: 'en',
        targetLocales: ['es'],
      }),
      'project',
    );
    for (const format of FORMATS) {
      const article = `visits-${format}`;
      const content = Array.from(
        { length: SEGMENTS },
        (_, i) => `Visit ${i + 1}: bring your medicine list and arrive early.`,
      ).join('\n\n');
      await must(
        call(port, 'POST', '/api/projects/bench/articles', admin, {
          slug: article,
          title: 'Clinic visits',
          format: 'text',
          content,
        }),
        'article',
      );
      const path = `/api/projects/bench/articles/${article}/locales/es/import?format=${format}`;
      for (const round of ['first import', 're-import'] as const) {
        const segments = await listSegments(port, admin, article);
        const prefix = round === 'first import' ? 'ES' : 'ES (revisado)';
        const body = await write(
          format,
          fileOf(article, segments, (s) => `${prefix} ${s.source}`),
        );
        const started = performance.now();
        const res = await postFile(port, path, admin, body);
        const seconds = (performance.now() - started) / 1000;
        if (res.status !== 200 || res.body.errorTotal > 0)
          throw new Error(
            `${format} ${round}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`,
          );
        rows.push({
          format,
          round,
          units: segments.length,
          MB: (Buffer.byteLength(body) / 1024 / 1024).toFixed(1),
          updated: res.body.updated,
          errors: res.body.errorTotal,
          seconds: seconds.toFixed(2),
          'units/s': Math.round(segments.length / seconds),
        });
        process.stderr.write(`${format} ${round}: ${seconds.toFixed(2)} s\n`);
      }
    }
  } finally {
    agent.destroy();
    await stopChild(child);
    if (!process.env.BENCH_KEEP) await dropDatabase(DATABASE);
  }
  process.stdout.write(table(rows) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
