import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { BENCH_PAGE_PATH, setUpReaderBench } from './reader-fixture';
import { ensureCommands, startChild, stopChild, table } from './support';

/**
 * `npm run bench -- reader [seconds]`: wrk -t2 -c64 against a published ~20 KB reader page on
 * the real app, and in the same run the same bytes from nginx (static file), a bare Node http
 * server and a bare Fastify server. All four run at once; each gets the same unmeasured
 * warm-up (BENCH_WARMUP seconds, default 3), then the measured seconds are split into
 * BENCH_ROUNDS (default 3) rounds taken in turn, so that drift in the host's speed weighs on
 * every server alike: req/s over all rounds, p99 of the median round. apt-get installs wrk and
 * nginx when they are missing.
 */
const DATABASE = 'tms_bench_reader';
const DURATION = Number(process.argv[2] ?? 15);
/** Seconds of unmeasured load before each server's run: BENCH_WARMUP. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** The measured seconds per server are split into this many rounds, interleaved. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** `READER_BENCH_CPU_PROF=<dir>`: the app server writes a V8 CPU profile there (node --cpu-prof). */
const CPU_PROF_DIR = process.env.READER_BENCH_CPU_PROF;
/**
 * `READER_BENCH_SERVE=1`: start the servers, print their URLs and wait for Ctrl-C instead of
 * measuring, to profile one of them by hand (perf, --cpu-prof, wrk with other settings).
 */
const SERVE_ONLY = process.env.READER_BENCH_SERVE === '1';
/** `BENCH_TRACE=1`: print every round's figures as they come. */
const TRACE = process.env.BENCH_TRACE === '1';

interface Figures {
  rps: number;
  p99ms: number;
  errors: number;
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** Each server first gets WARMUP seconds of the same load, not counted (JIT, caches). */
function warmUp(url: string): void {
  if (WARMUP > 0) execFileSync('wrk', ['-t2', '-c64', `-d${WARMUP}s`, url], { encoding: 'utf8' });
}

/** A server's rounds as one figure: total requests over total time; the median round's p99. */
function combine(rounds: Figures[]): Figures {
  const p99s = rounds.map((r) => r.p99ms).sort((a, b) => a - b);
  return {
    rps: Math.round(rounds.reduce((sum, r) => sum + r.rps, 0) / rounds.length),
    p99ms: p99s[Math.floor(p99s.length / 2)],
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

function wrk(url: string, seconds: number): Figures {
  const out = execFileSync('wrk', ['-t2', '-c64', `-d${seconds}s`, '--latency', url], {
    encoding: 'utf8',
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const p99 = toMs(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps: Math.round(rps), p99ms: p99, errors };
}

function startNginx(dir: string, file: string): { port: number; stop: () => void } {
  const port = 18080 + Math.floor(Math.random() * 1000);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${dir}; location / { default_type "text/html; charset=utf-8"; try_files /${file} =404; } } }\n`,
  );
  const nginx = spawn(
    process.platform === 'linux' ? '/usr/sbin/nginx' : 'nginx',
    ['-c', conf, '-p', dir],
    { stdio: 'inherit' },
  );
  return { port, stop: () => nginx.kill('SIGQUIT') };
}

async function main(): Promise<void> {
  ensureCommands({ wrk: 'wrk', nginx: 'nginx-light' });
  const { env, dispose } = await setUpReaderBench(DATABASE, 'tms-bench-reader');
  const dir = mkdtempSync(join(tmpdir(), 'tms-bench-reader-'));
  const rows: Array<Record<string, string | number>> = [];
  try {
    const server = join(__dirname, 'reader-server.js');
    // startChild runs `node <script> ...args`: with a profile, node's flags go first.
    const app = CPU_PROF_DIR
      ? await startChild('--cpu-prof', [`--cpu-prof-dir=${CPU_PROF_DIR}`, server, 'app'], env)
      : await startChild(server, ['app'], env);
    const stops: Array<() => Promise<void> | void> = [() => stopChild(app.child)];
    let body: Buffer;
    const results: Record<string, Figures> = {};
    try {
      const appUrl = `http://127.0.0.1:${app.port}${BENCH_PAGE_PATH}`;
      const res = await fetch(appUrl);
      if (res.status !== 200) throw new Error(`reader page: ${res.status}`);
      body = Buffer.from(await res.arrayBuffer());
      writeFileSync(join(dir, 'page.html'), body);
      const nginx = startNginx(dir, 'page.html');
      stops.push(nginx.stop);
      await new Promise((r) => setTimeout(r, 500));
      const urls: Record<string, string> = {
        app: appUrl,
        nginx: `http://127.0.0.1:${nginx.port}${BENCH_PAGE_PATH}`,
      };
      for (const variant of ['node', 'fastify']) {
        const child = await startChild(server, [variant, join(dir, 'page.html')], env);
        stops.push(() => stopChild(child.child));
        urls[variant] = `http://127.0.0.1:${child.port}${BENCH_PAGE_PATH}`;
      }
      if (SERVE_ONLY) {
        for (const [name, url] of Object.entries(urls)) process.stdout.write(`${name}\t${url}\n`);
        process.stdout.write(`app pid\t${app.child.pid}\nCtrl-C stops them.\n`);
        await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        return;
      }
      for (const url of Object.values(urls)) warmUp(url);
      // Rounds, each server in turn (the order rotating), so that the host's speed drifting
      // during the run weighs on every server alike.
      const rounds: Record<string, Figures[]> = { app: [], nginx: [], node: [], fastify: [] };
      const names = Object.keys(rounds);
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + round) % names.length];
          const figures = wrk(urls[name], DURATION / ROUNDS);
          rounds[name].push(figures);
          if (TRACE)
            process.stdout.write(
              `round ${round + 1} ${name}: ${figures.rps} req/s, p99 ${figures.p99ms} ms\n`,
            );
        }
      }
      for (const name of names) results[name] = combine(rounds[name]);
    } finally {
      for (const stop of stops) await stop();
    }
    const base = results.nginx;
    const labels: Record<string, string> = {
      nginx: 'nginx, static file',
      node: 'bare Node http, from memory',
      fastify: 'bare Fastify, from memory',
      app: 'tms GET /read/:project/:locale/:article',
    };
    for (const key of ['nginx', 'node', 'fastify', 'app']) {
      const f = results[key];
      rows.push({
        server: labels[key],
        'req/s': f.rps,
        'p99 ms': f.p99ms.toFixed(2),
        'rps vs nginx': `${((100 * f.rps) / base.rps).toFixed(0)}%`,
        'p99 vs nginx': `${(f.p99ms / base.p99ms).toFixed(2)}×`,
        'non-2xx': f.errors,
      });
    }
    process.stdout.write(
      `\nReader page: ${body.length} bytes, wrk -t2 -c64, ${DURATION} s per server in ${ROUNDS} interleaved rounds ` +
        `after a ${WARMUP} s warm-up each, Node ${process.version}\n\n${table(rows)}\n`,
    );
    const app2 = results.app;
    const ok = app2.rps >= 0.6 * base.rps && app2.p99ms <= 2 * base.p99ms;
    process.stdout.write(
      `\nTarget (≥60% of nginx req/s, p99 ≤ 2× nginx): ${ok ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    await dispose();
  }
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
