import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PAGE_PATH, setUpReaderBench } from './reader-fixture';
import { ensureCommands, startChild, stopChild, table } from './support';

/**
 * `npm run bench -- reader-instructions`: the reader page's cost in CPU instructions per request,
 * counted by valgrind's callgrind, for the app and for a bare Node http server returning the same
 * bytes. Unlike req/s on a shared host, the count barely moves between runs made while the
 * machine is otherwise idle (about 1%; with another valgrind on the same cores, V8 compiles at
 * other moments and runs differ by up to 10%), so it tells whether a change to the reader's hot
 * path made it cheaper. It counts user-space instructions only: the kernel's share of a request
 * (about 45% of its time, see the reader section of BENCHMARKS.md) is not in it.
 *
 * Each server runs under callgrind with instrumentation off through a warm-up (so V8 has compiled
 * the hot path), then on for a measured window of wrk load, then the counts are dumped.
 * apt-get installs wrk and valgrind when missing.
 */
const DATABASE = 'tms_bench_reader_instructions';
/** Seconds of load before counting (under valgrind the JIT needs long to settle). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 45);
const MEASURE_SECONDS = Number(process.argv[2] ?? 20);

interface Count {
  requests: number;
  mainThread: number;
  allThreads: number;
}

function wrk(url: string, seconds: number): number {
  const out = execFileSync('wrk', ['-t1', '-c8', `-d${seconds}s`, url], { encoding: 'utf8' });
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  if (/Non-2xx/.test(out)) throw new Error(`non-2xx answers from ${url}`);
  return requests;
}

/** Sums the `totals:` of one dump's per-thread files (`<out>.1-01`, `<out>.1-02`, …). */
function readDump(dir: string, base: string): { mainThread: number; allThreads: number } {
  let mainThread = 0;
  let allThreads = 0;
  for (const file of readdirSync(dir).filter((f) => f.startsWith(`${base}.1-`))) {
    const totals = /^totals: (\d+)$/m.exec(readFileSync(join(dir, file), 'utf8'));
    const count = Number(totals?.[1] ?? 0);
    allThreads += count;
    if (file.endsWith('-01')) mainThread = count;
  }
  return { mainThread, allThreads };
}

async function count(
  dir: string,
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<Count> {
  const base = `${name}.callgrind`;
  // Instrumentation stays off until the warm-up is over.
  const { child, port } = await startChild(script, args, env, [
    'valgrind',
    '-q',
    '--tool=callgrind',
    '--separate-threads=yes',
    '--instr-atstart=no',
    `--callgrind-out-file=${join(dir, base)}`,
  ]);
  try {
    const url = `http://127.0.0.1:${port}${BENCH_PAGE_PATH}`;
    wrk(url, WARMUP_SECONDS);
    const pid = String(child.pid);
    execFileSync('callgrind_control', ['-i', 'on', pid], { stdio: 'ignore' });
    const requests = wrk(url, MEASURE_SECONDS);
    execFileSync('callgrind_control', ['-i', 'off', pid], { stdio: 'ignore' });
    execFileSync('callgrind_control', ['-d', pid], { stdio: 'ignore' });
    return { requests, ...readDump(dir, base) };
  } finally {
    await stopChild(child);
  }
}

async function main(): Promise<void> {
  ensureCommands({ wrk: 'wrk', valgrind: 'valgrind' });
  const { env, dispose } = await setUpReaderBench(DATABASE, 'tms-bench-reader-instructions');
  const dir = mkdtempSync(join(tmpdir(), 'tms-bench-instructions-'));
  try {
    const server = join(__dirname, 'reader-server.js');
    // The bare server returns the app's own page, fetched from the app run without valgrind.
    const page = join(dir, 'page.html');
    const plain = await startChild(server, ['app'], env);
    try {
      const res = await fetch(`http://127.0.0.1:${plain.port}${BENCH_PAGE_PATH}`);
      if (res.status !== 200) throw new Error(`reader page: ${res.status}`);
      writeFileSync(page, Buffer.from(await res.arrayBuffer()));
    } finally {
      await stopChild(plain.child);
    }
    const app = await count(dir, 'app', server, ['app'], env);
    const node = await count(dir, 'node', server, ['node', page], env);
    const rows = [
      { server: 'tms GET /read/:project/:locale/:article', ...app },
      { server: 'bare Node http, from memory', ...node },
    ].map((r) => ({
      server: r.server,
      'requests counted': r.requests,
      'instructions/request, main thread': Math.round(r.mainThread / r.requests),
      'all threads': Math.round(r.allThreads / r.requests),
    }));
    process.stdout.write(
      `\nReader page instructions (callgrind, wrk -t1 -c8, ${WARMUP_SECONDS} s warm-up, ` +
        `${MEASURE_SECONDS} s counted), Node ${process.version}\n\n${table(rows)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dispose();
  }
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
