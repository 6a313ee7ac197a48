import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { runMigrations } from '../src/startup';
import { segMarkup } from '../src/memory/tmx/tmx-writer';
import {
  adminToken,
  benchServerEnv,
  dropDatabase,
  jsonApi,
  recreateDatabase,
  startChild,
  stopChild,
  table,
} from './support';
import { join } from 'node:path';

/**
 * `npm run bench -- tmx`: TMX import of BENCH_TMX_UNITS (default 100,000) units through
 * `POST /api/tm/import` on the real server (a child process), then the export of the same
 * locale pair. Targets (issue 17): the import under 30 s, the server's peak RSS under 300 MB.
 *
 * The file is generated once into BENCH_TMX_FILE (default /tmp/tms-bench-<units>.tmx):
 * sentences built from a seeded word list, one in five with inline codes, each unit en → es.
 * Peak RSS is the server's VmHWM from /proc (the high-water mark since it started), also
 * read before the import to show what the import added. The database is created for the run
 * and dropped at the end (BENCH_KEEP=1 keeps it).
 */
const UNITS = Number(process.env.BENCH_TMX_UNITS ?? 100_000);
const FILE = process.env.BENCH_TMX_FILE ?? `/tmp/tms-bench-${UNITS}.tmx`;
const DATABASE = process.env.BENCH_DATABASE ?? 'tms_bench_tmx';

const WORDS = (
  'patient dose tablet water rest fever cough clinic nurse doctor wound bandage vaccine ' +
  'morning evening daily weekly twice hands soap meal sleep pain heart blood pressure sugar ' +
  'insulin breathing exercise walk diet salt fruit vegetables appointment visit results test ' +
  'allergy rash itch swelling warm cold medicine pharmacy refill label bottle spoon child ' +
  'adult pregnant breastfeeding kidney liver skin eyes ears teeth bones muscles'
).split(' ');

/** A small seeded generator, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function generate(file: string, units: number): Promise<void> {
  const next = random(17);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)];
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n' +
      '<header creationtool="tms-bench" creationtoolversion="1" segtype="sentence" o-tmf="tms" ' +
      'adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n',
  );
  for (let i = 0; i < units; i++) {
    const length = 6 + Math.floor(next() * 14);
    const words = Array.from({ length }, pick);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    let source = `${words.join(' ')} ${i}.`;
    let target = `ES ${words.reverse().join(' ')} ${i}.`;
    if (i % 5 === 0) {
      source = `{1}${source}{/1} {2/}`;
      target = `{1}${target}{/1} {2/}`;
    }
    await write(
      `<tu><tuv xml:lang="en"><seg>${segMarkup(source)}</seg></tuv>` +
        `<tuv xml:lang="es"><seg>${segMarkup(target)}</seg></tuv></tu>\n`,
    );
  }
  await write('</body>\n</tmx>\n');
  out.end();
  await once(out, 'finish');
}

/** The server's peak resident set (VmHWM) in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function upload(
  port: number,
  token: string,
  file: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/tm/import',
        headers: {
          'content-type': 'application/x-tmx+xml',
          'content-length': statSync(file).size,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

function download(port: number, token: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let units = 0;
        // The last 4 characters are carried over: a split '</tu>' is counted once, whole.
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const text = tail + chunk;
          units += text.split('</tu>').length - 1;
          tail = text.slice(-4);
        });
        res.on('end', () => resolve(units));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  if (!existsSync(FILE)) {
    process.stderr.write(`generating ${UNITS} units into ${FILE}\n`);
    await generate(FILE, UNITS);
  }
  const megabytes = statSync(FILE).size / 1024 / 1024;
  const url = await recreateDatabase(DATABASE);
  await runMigrations(url);
  const env = { ...benchServerEnv(url, `tms-bench-tmx-${process.pid}`), PORT: '0' };
  const server = await startChild(join(__dirname, 'http-server.js'), ['app'], env);
  const call = jsonApi(new Agent({ keepAlive: true }));
  try {
    const accessToken = await adminToken(call, server.port);
    const pid = server.child.pid!;
    const before = peakRssMb(pid);
    const started = performance.now();
    const res = await upload(server.port, accessToken, FILE);
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 200) throw new Error(`import: ${res.status} ${res.body}`);
    const result = JSON.parse(res.body) as { units: number; imported: number };
    const peak = peakRssMb(pid);

    const exportStarted = performance.now();
    const exported = await download(server.port, accessToken, '/api/tm/export?source=en&target=es');
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const peakAfterExport = peakRssMb(pid);

    process.stdout.write(
      table([
        {
          step: 'import',
          units: result.units,
          entries: result.imported,
          'file MB': megabytes.toFixed(1),
          seconds: seconds.toFixed(1),
          'units/s': Math.round(result.units / seconds),
          'peak RSS MB (before)': `${peak.toFixed(0)} (${before.toFixed(0)})`,
        },
        {
          step: 'export',
          units: exported,
          entries: exported,
          'file MB': '',
          seconds: exportSeconds.toFixed(1),
          'units/s': Math.round(exported / exportSeconds),
          'peak RSS MB (before)': `${peakAfterExport.toFixed(0)} (${peak.toFixed(0)})`,
        },
      ]) + '\n',
    );
    const ok = seconds < 30 && peak < 300;
    process.stdout.write(
      `targets: import < 30 s and peak RSS < 300 MB: ${ok ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    await stopChild(server.child);
    if (!process.env.BENCH_KEEP) await dropDatabase(DATABASE);
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
