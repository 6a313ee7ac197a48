/**
 * What every interchange reader yields: one record per unit of the file, in file order, in
 * our coded notation (`{1}…{/1}`, `{2/}`, doubled literal braces) so the importer can compare
 * it with the stored source and run the save's checks on it. Pure data.
 */
export interface ImportRecord {
  /** Article slug the unit's file names (XLIFF `<file>`, PO `X-TMS-Article`), if any. */
  file: string | null;
  /** Our segment id (XLIFF unit id, PO msgctxt). */
  id: string;
  /** Source text in our notation, or null when the file has none. */
  source: string | null;
  /** Target text in our notation; null when the unit has no target. */
  target: string | null;
  /** The file marks the target as not (yet) a translation: PO fuzzy, XLIFF initial/needs-*. */
  fuzzy: boolean;
  /** Revision of the translation the file was exported with, when it says. */
  revision: number | null;
  /** Source version of the file (XLIFF `tms:sourceVersion`, PO `X-TMS-Source-Version`). */
  sourceVersion: number | null;
  /** A problem of this unit alone (unknown inline element, bad code id): an error per unit. */
  problem: string | null;
}

export const IMPORT_FORMATS = ['xliff2', 'xliff12', 'po'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The file as a whole is not what the format says (not a fatal XML safety problem). */
export class InterchangeFormatError extends Error {
  override readonly name = 'InterchangeFormatError';
  constructor(
    readonly code: 'XLIFF_INVALID' | 'PO_INVALID',
    message: string,
  ) {
    super(message);
  }
}

/** A non-negative integer attribute or header value, else null. */
export function wholeNumber(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,9}$/.test(value.trim())) return null;
  return Number(value.trim());
}
