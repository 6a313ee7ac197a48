import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Project } from './project.entity';

/** A target locale of a project. Removing a target keeps its translations; it only stops being listed. */
@Entity({ name: 'project_locales' })
export class ProjectLocale {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ type: 'text' })
  locale!: string;

  @ManyToOne(() => Project, (p) => p.locales, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'project_locales_project_id_fkey' })
  project?: Project;

  /** Display order, as the admin listed the targets. */
  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
