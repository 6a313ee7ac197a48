/**
 * Types of TranslationsService.importUnits: targets read from an interchange file, applied as
 * translator saves with origin `import`. Kept apart so the import module names them without
 * reaching into the service's internals.
 */

/** One unit of a file, already known to carry a non-empty, finished target. */
export interface ImportUnitInput {
  id: string;
  /** The English the file carries (our notation), or null when it has none. */
  source: string | null;
  target: string;
  /** The revision the file was exported with; null when the file does not say. */
  revision: number | null;
}

export type ImportSkipCode = 'UNKNOWN_SEGMENT' | 'SOURCE_CHANGED';
export type ImportErrorCode = 'CONFLICT' | 'CHECK_FAILED';

export type ImportUnitOutcome =
  | { id: string; outcome: 'updated'; revision: number }
  | { id: string; outcome: 'unchanged' }
  | { id: string; outcome: 'skipped'; code: ImportSkipCode; message: string }
  | {
      id: string;
      outcome: 'error';
      code: ImportErrorCode;
      message: string;
      details?: Record<string, unknown>;
    };

export interface ImportUnitsOptions {
  /** Overwrite a segment changed since the export (admins only; the caller checks). */
  force: boolean;
}
