import type { InterfaceLanguage } from './interface-languages';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type UserRole = 'admin' | 'member';

@Entity({ name: 'users' })
@Check('users_email_check', 'email = lower(email)')
@Check('users_role_check', `role IN ('admin', 'member')`)
@Check(
  'users_interface_language_check',
  `interface_language IN ('en', 'es', 'fr', 'zh-Hans', 'ar')`,
)
@Index('users_email_lower_key', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; a unique index on it prevents duplicates regardless of case. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'member' })
  role!: UserRole;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /** The web app's interface language; null lets the browser decide. */
  @Column({ name: 'interface_language', type: 'text', nullable: true })
  interfaceLanguage!: InterfaceLanguage | null;
}
