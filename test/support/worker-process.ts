import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TestApp } from './app';
import { eventually } from './factories';

const WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');

/**
 * A worker process (`npm run start:worker`, from dist/) on a test app's database and queue
 * prefix, with its own environment on top: a fault test can kill it with SIGKILL and start
 * another. Its stderr is kept so the test can wait for what it says.
 */
export class WorkerProcess {
  stderr = '';
  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  static async start(t: TestApp, env: Record<string, string>): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: t.config.redisUrl,
        QUEUE_PREFIX: t.config.queuePrefix,
        JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        SEED_DEMO: 'false',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    await worker.waitFor(/worker running/, 30_000);
    return worker;
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    await eventually(
      async () => {
        if (this.child.exitCode !== null)
          throw new Error(`worker exited (${this.child.exitCode}): ${this.stderr}`);
        return pattern.test(this.stderr);
      },
      timeoutMs,
      50,
    );
  }

  /** SIGKILL: no shutdown hook runs, open transactions die with the connection. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }
}
