import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * An event written in the same transaction as the change it describes. The relay moves committed
 * rows to BullMQ, so a rolled-back change never produces a job and a Redis outage loses nothing.
 */
@Entity({ name: 'outbox' })
@Index('outbox_due_idx', ['id'], { where: 'relayed_at IS NULL AND processed_at IS NULL' })
@Index('outbox_unfinished_idx', ['createdAt'], { where: 'processed_at IS NULL' })
@Index('outbox_processed_idx', ['processedAt'], { where: 'processed_at IS NOT NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  @Generated('uuid')
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  /** How often it was handed to a transport; part of the BullMQ job id, so a re-drive is a new job. */
  @Column({ name: 'relay_attempts', type: 'int', default: 0 })
  relayAttempts!: number;

  /** Set once every handler registered for its type has recorded it: only then is it done. */
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  /** Failed runs so far; the next waits eventRetryBaseMs × 2^(attempts − 1), capped. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** When the current run of failures began; null while it is not failing. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;
}
