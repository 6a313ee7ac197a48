import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Marks that one handler has applied one event; makes at-least-once delivery idempotent. */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'text' })
  handler!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
