import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventHandlerRegistry } from './event-handlers';
import type { EventEnvelope } from './queues';
import { describeError } from './retry-policy';

/**
 * Runs an outbox event, whichever transport brought it. Each handler's work commits together
 * with its processed_events row, so a redelivered event (every transport is at-least-once) is
 * applied once per handler. The event is done (outbox.processed_at) only when every handler
 * has recorded it; a failure is recorded on the row with the time of the next attempt
 * (capped exponential backoff, never giving up), and the relay hands it over again then.
 */
@Injectable()
export class EventRunner {
  private readonly logger = new Logger(EventRunner.name);

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Runs the event and records the outcome on its outbox row; true when it is done. */
  async run(event: EventEnvelope): Promise<boolean> {
    try {
      await this.runHandlers(event);
    } catch (error) {
      await this.recordFailure(event, error);
      return false;
    }
    await this.dataSource.query(
      `UPDATE outbox SET processed_at = now(), last_error = NULL, failing_since = NULL
        WHERE event_id = $1 AND processed_at IS NULL`,
      [event.eventId],
    );
    this.logger.debug(`handled ${event.type} ${event.eventId}`);
    return true;
  }

  /**
   * Every handler registered for the event's type that has not recorded it yet, each in its
   * own transaction; all are tried, then the failures (if any) are thrown together.
   */
  async runHandlers(event: EventEnvelope): Promise<void> {
    const failures: string[] = [];
    for (const handler of this.registry.for(event.type)) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const inserted = await manager.query<unknown[]>(
            `INSERT INTO processed_events (event_id, handler) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [event.eventId, handler.name],
          );
          if (inserted.length === 0) return;
          await handler.handle(event, manager);
          if (this.config.testPauseEventTypes.includes(event.type)) await this.holdForTest(event);
        });
      } catch (error) {
        failures.push(`${handler.name}: ${describeError(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
  }

  private async recordFailure(event: EventEnvelope, error: unknown): Promise<void> {
    const message = describeError(error);
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [[row]] = await this.dataSource.query<[Array<{ attempts: number }>, number]>(
      `UPDATE outbox
          SET attempts = attempts + 1, relayed_at = NULL, last_error = $2,
              failing_since = COALESCE(failing_since, now()),
              next_attempt_at = now() + LEAST($4::float8, $3::float8 * power(2, LEAST(attempts, 40)))
                                         * interval '1 millisecond'
        WHERE event_id = $1 AND processed_at IS NULL
        RETURNING attempts`,
      [event.eventId, message, this.config.eventRetryBaseMs, this.config.eventRetryMaxMs],
    );
    const attempts = row?.attempts ?? 0;
    if (attempts === 1 || attempts % 10 === 0) {
      this.logger.warn(
        `event ${event.type} ${event.eventId} failed (attempt ${attempts}), will retry: ${message}`,
      );
    }
  }

  /** Test hook (NODE_ENV=test only): the handler's transaction never commits, for a kill test. */
  private async holdForTest(event: EventEnvelope): Promise<never> {
    process.stderr.write(`tms-test: holding ${event.type} ${event.eventId}\n`);
    return new Promise<never>(() => undefined);
  }
}
