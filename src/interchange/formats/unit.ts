/**
 * The one shape every interchange writer reads: a file (an article in one target locale) and
 * its units (one per segment). Plain data, no Nest or TypeORM, so writers are pure and the
 * importer (a later reader of these files) can match units back by `id` and `revision`.
 */

export const UNIT_STATES = ['untranslated', 'fuzzy', 'translated', 'rejected', 'approved'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

export type ChangeRisk = 'minor' | 'wording' | 'clinical';

/**
 * The original markup of one inline code, as HTML: `open` is the start tag of a paired code
 * (`<em>`) or the whole markup of a standalone one (`<br>`, `<code>x</code>`); `close` is the
 * end tag of a paired code.
 */
export interface CodeMarkup {
  tag: string;
  open: string;
  close?: string;
}

export interface UnitNote {
  /** Who wrote it (comments) or null for notes made by the server. */
  author: string | null;
  text: string;
}

export interface UnitCheck {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface InterchangeUnit {
  /** Our segment id: a key of the normalized source text, stable across source versions. */
  id: string;
  position: number;
  /** title, heading, paragraph, list-item… */
  kind: string;
  /** Source text with our inline codes `{1}…{/1}`, `{2/}` and doubled literal braces. */
  source: string;
  /** Same notation as `source`; null when never translated. */
  target: string | null;
  state: UnitState;
  /** Revision of the translation the file carries (0 when never written). */
  revision: number;
  /** The English the target was written against, when it differs from `source`. */
  previousSource: string | null;
  changeRisk: ChangeRisk | null;
  /** Markup per code number, from the source version's document tree. */
  codes: ReadonlyMap<number, CodeMarkup>;
  comments: readonly UnitNote[];
  checks: readonly UnitCheck[];
  /** Source words (segmentation's count). */
  words: number;
}

export interface InterchangeFile {
  /** Article slug. */
  article: string;
  title: string;
  /** Source version the units belong to. */
  sourceVersion: number;
  /** Format of the article's source content (markdown, html, text). */
  sourceFormat: string;
  sourceLocale: string;
  targetLocale: string;
  targetDirection: 'ltr' | 'rtl';
  units: AsyncIterable<InterchangeUnit>;
}

/** A writer turns files into string chunks, so a whole project can stream out. */
export type ChunkStream = AsyncGenerator<string, void, undefined>;

/** Namespace of our own attributes in XLIFF (unit revision, source version, state). */
export const TMS_NAMESPACE = 'urn:x-tms:interchange:1';
