import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface OutboxWrite {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Writes events inside the caller's transaction. The relay publishes them only after commit,
 * so a rolled-back change never produces a job.
 */
@Injectable()
export class OutboxService {
  async emit(manager: EntityManager, ...events: OutboxWrite[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (type, payload)
       SELECT e->>'type', e->'payload' FROM jsonb_array_elements($1::jsonb) AS e`,
      [JSON.stringify(events)],
    );
  }
}
