import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Marks that one handler has applied one event; makes at-least-once delivery idempotent. */
@Entity({ name: 'processed_events' })
@Index('processed_events_processed_at_idx', ['processedAt'])
export class ProcessedEvent {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'text' })
  handler!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
