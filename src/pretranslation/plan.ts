/**
 * Pre-translation decisions, pure: which memory match may fill a segment, in which state, and
 * what its revision says about where the text came from. No Nest, no TypeORM.
 */

/** The lowest `minScore` a request may ask for: below it a match is a different sentence. */
export const LOWEST_MIN_SCORE = 75;
/** 101: only context matches (the same English with the same neighbouring sentences). */
export const HIGHEST_MIN_SCORE = 101;
/** Without `minScore`: matches of the same English only (exact 100 and context 101). */
export const DEFAULT_MIN_SCORE = 100;

export interface MemoryCandidate {
  target: string;
  /** 101 context, 100 exact, below 100 fuzzy. */
  score: number;
  /** False for an entry superseded by a later approval, or withdrawn or rejected since. */
  current: boolean;
}

export interface DraftDecision {
  state: 'fuzzy' | 'translated';
  comment: string;
}

/**
 * The draft a memory match makes, or null when it does not qualify (below `minScore`, or no
 * target). Always a `fuzzy` draft for a person to confirm, except a current context match
 * when the project marks those `translated` (pretranslateContextAsTranslated) and its text
 * passes the blocking checks: it then goes to review. Never `approved`.
 */
export function memoryDraft(
  match: MemoryCandidate | null,
  options: { minScore: number; contextAsTranslated: boolean; blockingFailure: boolean },
): DraftDecision | null {
  if (!match || match.score < options.minScore || match.target.trim() === '') return null;
  const translated =
    match.score === 101 && match.current && options.contextAsTranslated && !options.blockingFailure;
  return { state: translated ? 'translated' : 'fuzzy', comment: memoryComment(match) };
}

function memoryComment(match: MemoryCandidate): string {
  const kind =
    match.score === 101
      ? 'context match 101: the same English and neighbouring sentences'
      : match.score === 100
        ? 'exact match 100: the same English'
        : `fuzzy match ${match.score}: similar English`;
  const demoted = match.current ? '' : '; a translation since superseded or withdrawn';
  return `Pre-translated from the translation memory (${kind}${demoted}).`;
}

/** The draft a machine translation makes: always `fuzzy`. */
export function machineDraft(provider: string): DraftDecision {
  return { state: 'fuzzy', comment: `Pre-translated by machine translation (${provider}).` };
}

/** The segments a run may fill, as read before the run: only untranslated ones. */
export interface UntranslatedSegment {
  key: string;
  text: string;
  previous: string | null;
  next: string | null;
}
