/**
 * Unsaved translations, kept in the browser (localStorage) per project, article, locale and
 * segment from the first keystroke until the server has the text, so nothing typed is lost to a
 * reload, a crash or a conflict.
 */

export interface Draft {
  text: string;
  /** The revision the draft was typed on. */
  revision: number;
  savedAt: number;
}

export interface DraftScope {
  project: string;
  article: string;
  locale: string;
}

const PREFIX = 'tms.draft:';

export function draftPrefix(scope: DraftScope): string {
  return `${PREFIX}${encodeURIComponent(scope.project)}/${encodeURIComponent(scope.article)}/${encodeURIComponent(scope.locale)}/`;
}

export function draftKey(scope: DraftScope, segmentId: string): string {
  return draftPrefix(scope) + encodeURIComponent(segmentId);
}

export function readDraft(storage: Storage, scope: DraftScope, segmentId: string): Draft | null {
  try {
    const raw = storage.getItem(draftKey(scope, segmentId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Draft>;
    return typeof value.text === 'string' && typeof value.revision === 'number'
      ? { text: value.text, revision: value.revision, savedAt: value.savedAt ?? 0 }
      : null;
  } catch {
    return null;
  }
}

export function writeDraft(
  storage: Storage,
  scope: DraftScope,
  segmentId: string,
  draft: Draft,
): void {
  try {
    storage.setItem(draftKey(scope, segmentId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the text is still in the field.
  }
}

export function removeDraft(storage: Storage, scope: DraftScope, segmentId: string): void {
  try {
    storage.removeItem(draftKey(scope, segmentId));
  } catch {
    // Nothing to do.
  }
}

/** The segment ids with a draft in this article and locale. */
export function draftIds(storage: Storage, scope: DraftScope): string[] {
  const prefix = draftPrefix(scope);
  const ids: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) ids.push(decodeURIComponent(key.slice(prefix.length)));
    }
  } catch {
    return ids;
  }
  return ids;
}
