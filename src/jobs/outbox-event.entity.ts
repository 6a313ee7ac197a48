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
@Index('outbox_pending_idx', ['id'], { where: 'relayed_at IS NULL' })
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

  @Column({ name: 'relay_attempts', type: 'int', default: 0 })
  relayAttempts!: number;
}
