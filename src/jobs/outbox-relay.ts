import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { failFastRedisOptions } from './redis.provider';
import { EventEnvelope, QUEUES } from './queues';

const BATCH = 200;
/** How often an idle relay looks for new events: the bound on event latency. */
const POLL_MS = 250;
const MAX_BACKOFF_MS = 5000;

interface PendingRow {
  id: string;
  event_id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Moves committed outbox rows to the BullMQ `events` queue, polling every POLL_MS while idle and
 * draining without pause while there is a backlog. (Not LISTEN/NOTIFY: NOTIFY takes a
 * database-wide lock at commit and serialized every transaction that wrote an event.) Rows are
 * locked with SKIP LOCKED so several workers can relay at once; the job id is the event id, so
 * a row relayed twice (crash between add and mark) is one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private queue!: Queue<EventEnvelope>;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue = new Queue<EventEnvelope>(QUEUES.events, {
      prefix: this.config.queuePrefix,
      connection: failFastRedisOptions(this.config.redisUrl),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    this.queue.on('error', () => undefined); // connection errors are handled by retrying the relay
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delay);
  }

  /** Relays until the backlog is empty, then waits for the next poll. */
  async drain(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let moved = 0;
    try {
      let batch: number;
      do {
        this.again = false;
        batch = await this.relayBatch();
        moved += batch;
      } while ((batch === BATCH || this.again) && !this.stopped);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1 || this.failures % 30 === 0) {
        this.logger.warn(`outbox relay waiting for Redis/PostgreSQL: ${(error as Error).message}`);
      }
    } finally {
      this.running = false;
    }
    const backoff =
      this.failures === 0 ? POLL_MS : Math.min(250 * 2 ** this.failures, MAX_BACKOFF_MS);
    this.schedule(this.again ? 0 : backoff);
    return moved;
  }

  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<PendingRow[]>(
        `SELECT id, event_id, type, payload, created_at FROM outbox
          WHERE relayed_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await this.queue.addBulk(
        rows.map((row) => ({
          name: row.type,
          data: {
            eventId: row.event_id,
            type: row.type,
            payload: row.payload,
            occurredAt: new Date(row.created_at).toISOString(),
          },
          opts: { jobId: `evt-${row.event_id}` },
        })),
      );
      await manager.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queue?.close().catch(() => undefined);
  }
}
