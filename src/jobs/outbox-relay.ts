import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_TRANSPORT, JobTransport } from './job-transport';

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
  relay_attempts: number;
}

/**
 * Hands committed, due outbox rows to the job transport (BullMQ's `events` queue, or in-process
 * runs without Redis), polling every POLL_MS while idle and draining without pause while there
 * is a backlog. (Not LISTEN/NOTIFY: NOTIFY takes a database-wide lock at commit and serialized
 * every transaction that wrote an event.) Rows are claimed with FOR UPDATE SKIP LOCKED so
 * several workers can relay at once, and marked relayed in the same transaction; a failed
 * event comes back (relayed_at cleared) when its next attempt is due, and one relayed but never
 * done is handed over again by the reconciliation (OutboxReconciler).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  onApplicationBootstrap(): void {
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
      let limit: number;
      do {
        this.again = false;
        limit = Math.min(BATCH, this.transport.capacity());
        batch = limit > 0 ? await this.relayBatch(limit) : 0;
        moved += batch;
      } while (((limit > 0 && batch === limit) || this.again) && !this.stopped);
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

  private async relayBatch(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<PendingRow[]>(
        `SELECT id, event_id, type, payload, created_at, relay_attempts FROM outbox
          WHERE relayed_at IS NULL AND processed_at IS NULL AND next_attempt_at <= now()
          ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await manager.query(
        `UPDATE outbox SET relayed_at = now(), relay_attempts = relay_attempts + 1
          WHERE id = ANY($1)`,
        [rows.map((r) => r.id)],
      );
      await this.transport.dispatchEvents(
        rows.map((row) => ({
          jobId: `evt-${row.event_id}-${row.relay_attempts + 1}`,
          event: {
            eventId: row.event_id,
            type: row.type,
            payload: row.payload,
            occurredAt: new Date(row.created_at).toISOString(),
          },
        })),
      );
      return rows.length;
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
