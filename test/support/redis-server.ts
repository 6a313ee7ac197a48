import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import Redis from 'ioredis';

/** A private redis-server the test can stop and start, so an outage does not hit other tests. */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  /**
   * While the server is down its port is held by a listener that drops every connection, as a
   * dead Redis host would: left free, another test's process could take the port meanwhile,
   * and this test's app would reconnect to a Redis that is up.
   */
  private placeholder: Server | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const redis = new PrivateRedis(port);
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async up(): Promise<void> {
    await this.releasePort();
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        client.disconnect();
      }
    }
    throw new Error(`redis-server did not start on ${this.port}`);
  }

  async down(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.process = null;
    await this.holdPort();
  }

  /** Stops the server for good, freeing its port. */
  async stop(): Promise<void> {
    await this.down();
    await this.releasePort();
  }

  private async holdPort(): Promise<void> {
    const placeholder = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      placeholder.once('error', reject);
      placeholder.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.placeholder = placeholder;
  }

  private async releasePort(): Promise<void> {
    const placeholder = this.placeholder;
    if (!placeholder) return;
    this.placeholder = null;
    await new Promise<void>((resolve) => placeholder.close(() => resolve()));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
