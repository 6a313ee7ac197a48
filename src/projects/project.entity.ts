import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProjectLocale } from './project-locale.entity';

export type PublishPolicy = 'complete' | 'fallback';
export type StalePolicy = 'keep' | 'withdraw-on-clinical';

@Entity({ name: 'projects' })
@Check('projects_publish_policy_check', `publish_policy IN ('complete', 'fallback')`)
@Check('projects_stale_policy_check', `stale_policy IN ('keep', 'withdraw-on-clinical')`)
@Check('projects_due_days_check', 'due_days BETWEEN 1 AND 365')
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'source_locale', type: 'text' })
  sourceLocale!: string;

  @Column({ name: 'publish_policy', type: 'text', default: 'complete' })
  publishPolicy!: PublishPolicy;

  @Column({ name: 'stale_policy', type: 'text', default: 'keep' })
  stalePolicy!: StalePolicy;

  @Column({ name: 'require_review', type: 'boolean', default: true })
  requireReview!: boolean;

  @Column({ name: 'due_days', type: 'int', default: 7 })
  dueDays!: number;

  @Column({ name: 'propagate_repeats', type: 'boolean', default: false })
  propagateRepeats!: boolean;

  @Column({ name: 'shared_memory', type: 'boolean', default: false })
  sharedMemory!: boolean;

  @Column({ name: 'pretranslate_context_as_translated', type: 'boolean', default: false })
  pretranslateContextAsTranslated!: boolean;

  @OneToMany(() => ProjectLocale, (l) => l.project)
  locales?: ProjectLocale[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
