/** What the signed-in user may do in one locale of one project, from /api/auth/me. */
export interface LocaleAccess {
  translate: boolean;
  review: boolean;
}

interface Actor {
  role: 'admin' | 'member';
  memberships: ReadonlyArray<{ project: string; locale: string; role: 'translator' | 'reviewer' }>;
}

const NONE: LocaleAccess = { translate: false, review: false };

/**
 * Admins may work on every locale; a translator translates; a reviewer reviews and may also
 * translate (API.md, members). Locale codes match case-insensitively.
 */
export function localeAccess(actor: Actor, project: string, locale: string): LocaleAccess {
  if (actor.role === 'admin') return { translate: true, review: true };
  const roles = actor.memberships
    .filter((m) => m.project === project && m.locale.toLowerCase() === locale.toLowerCase())
    .map((m) => m.role);
  if (roles.includes('reviewer')) return { translate: true, review: true };
  if (roles.includes('translator')) return { translate: true, review: false };
  return NONE;
}

/** The editor's address for an article in a locale; review mode for reviewers' work. */
export function editorHref(
  project: string,
  article: string,
  locale: string,
  mode: 'translate' | 'review' = 'translate',
): string {
  const path = ['/projects', project, 'articles', article, locale]
    .map((part, i) => (i === 0 || i === 2 ? part : encodeURIComponent(part)))
    .join('/');
  return mode === 'review' ? `${path}?mode=review` : path;
}

export function projectHref(project: string): string {
  return `/projects/${encodeURIComponent(project)}`;
}

/** Locales the user can work on first (their own work), the others after, each in given order. */
export function mineFirst<T extends { locale: string }>(
  items: readonly T[],
  actor: Actor,
  project: string,
): T[] {
  if (actor.role === 'admin') return [...items];
  const mine = (item: T) => {
    const access = localeAccess(actor, project, item.locale);
    return access.translate || access.review;
  };
  return [...items.filter(mine), ...items.filter((item) => !mine(item))];
}
