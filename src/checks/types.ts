export type CheckSeverity = 'error' | 'warning';

export interface CheckResult {
  /** Stable UPPER_SNAKE identifier, e.g. INLINE_CODES, NUMBERS. */
  code: string;
  severity: CheckSeverity;
  /** English, written for the translator. */
  message: string;
  details?: Record<string, unknown>;
}

export interface GlossaryEntry {
  term: string;
  translation: string;
  doNotTranslate?: boolean;
  /** The term matches only in the letter case written (default: any case). */
  caseSensitive?: boolean;
}

export interface CheckInput {
  source: string;
  target: string;
  sourceLocale: string;
  targetLocale: string;
  glossary?: ReadonlyArray<GlossaryEntry>;
}

/** One check: returns its failure, or null when the target passes. */
export type Check = (input: CheckInput) => CheckResult | null;
