import type { InterfaceLanguage } from './interface-languages';
import type { UserRole } from './user.entity';

/** Everything a person can be allowed to do. Routes name one action; `can` decides. */
export enum Action {
  ManageUsers = 'users.manage',
  ManageProjects = 'projects.manage',
  ManageArticles = 'articles.manage',
  ManageTasks = 'tasks.manage',
  ManageWebhooks = 'webhooks.manage',
  ManageGlossary = 'glossary.manage',
  ManageJobs = 'jobs.manage',
  /** Import into the translation memory (TMX). */
  ManageMemory = 'memory.manage',
  ReadProject = 'project.read',
  Comment = 'segment.comment',
  TranslateSegment = 'segment.translate',
  ReviewSegment = 'segment.review',
  PublishLocale = 'locale.publish',
  WithdrawLocale = 'locale.withdraw',
}

export type ProjectRole = 'translator' | 'reviewer';

export interface ActorMembership {
  projectId: string;
  projectSlug: string;
  locale: string;
  role: ProjectRole;
}

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The web app's interface language (null: the browser's); absent where not loaded. */
  interfaceLanguage?: InterfaceLanguage | null;
  memberships: readonly ActorMembership[];
}

export interface Scope {
  projectSlug?: string;
  locale?: string;
}

/** Actions any member of a project may take, whatever their locale. */
const PROJECT_MEMBER_ACTIONS = new Set<Action>([Action.ReadProject, Action.Comment]);

/** Actions that need a role for the locale in scope. A reviewer may also translate. */
const LOCALE_ROLE_ACTIONS: Record<ProjectRole, ReadonlySet<Action>> = {
  translator: new Set([Action.TranslateSegment]),
  reviewer: new Set([
    Action.TranslateSegment,
    Action.ReviewSegment,
    Action.PublishLocale,
    Action.WithdrawLocale,
  ]),
};

/** The single access check. Admins may do everything; anything unlisted is admin-only. */
export function can(actor: Actor, action: Action, scope: Scope = {}): boolean {
  if (actor.role === 'admin') return true;
  const inProject = actor.memberships.filter((m) => m.projectSlug === scope.projectSlug);
  if (inProject.length === 0) return false;
  if (PROJECT_MEMBER_ACTIONS.has(action)) return true;
  if (scope.locale === undefined) return false;
  const locale = scope.locale.toLowerCase();
  return inProject.some(
    (m) => m.locale.toLowerCase() === locale && LOCALE_ROLE_ACTIONS[m.role].has(action),
  );
}
