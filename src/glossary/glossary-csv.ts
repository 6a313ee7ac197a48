/**
 * The glossary as CSV: `term,locale,translation,doNotTranslate,note`, one entry per record.
 * Pure: the reader checks each record as the create route checks a body, except the locale,
 * which only the service can check against the project.
 */
import { describeHygieneProblems, textHygieneProblems } from '../checks/hygiene';
import { parseCsv, unguardCell, writeCsv } from './csv';
import { normalizeTerm } from './term-matcher';

export const GLOSSARY_CSV_COLUMNS = [
  'term',
  'locale',
  'translation',
  'doNotTranslate',
  'note',
] as const;

/** Read too, not written: a file without it leaves the entries' setting as it is. */
const OPTIONAL_COLUMNS = ['caseSensitive'] as const;
const REQUIRED_COLUMNS = ['term', 'locale', 'translation'] as const;

type Column = (typeof GLOSSARY_CSV_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export interface GlossaryCsvEntry {
  term: string;
  locale: string;
  translation: string;
  doNotTranslate: boolean;
  note: string | null;
  caseSensitive: boolean;
}

export interface GlossaryCsvRow {
  line: number;
  entry: GlossaryCsvEntry;
}

export interface LineError {
  line: number;
  message: string;
}

/** A file that cannot be read at all (no header, unknown columns, broken quoting). */
export class GlossaryCsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'GlossaryCsvError';
  }
}

export interface GlossaryCsvFile {
  rows: GlossaryCsvRow[];
  errors: LineError[];
  /** Whether the file has a caseSensitive column. */
  hasCaseSensitive: boolean;
}

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no', '']);

export function readGlossaryCsv(text: string): GlossaryCsvFile {
  const records = parseCsv(text);
  const [header, ...body] = records;
  if (!header) throw new GlossaryCsvError('The file is empty: it needs at least a header line.', 1);
  const known = new Map<string, Column>(
    [...GLOSSARY_CSV_COLUMNS, ...OPTIONAL_COLUMNS].map((c) => [c.toLowerCase(), c]),
  );
  const columns: Column[] = [];
  for (const name of header.fields) {
    const column = known.get(name.trim().toLowerCase());
    if (!column) {
      throw new GlossaryCsvError(
        `Unknown column "${name.trim()}" in the header; the columns are ${GLOSSARY_CSV_COLUMNS.join(',')}.`,
        header.line,
      );
    }
    if (columns.includes(column)) {
      throw new GlossaryCsvError(`Column "${column}" appears twice in the header.`, header.line);
    }
    columns.push(column);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new GlossaryCsvError(
      `The header lacks ${missing.map((c) => `"${c}"`).join(', ')}; the columns are ${GLOSSARY_CSV_COLUMNS.join(',')}.`,
      header.line,
    );
  }

  const rows: GlossaryCsvRow[] = [];
  const errors: LineError[] = [];
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({
        line: record.line,
        message: `Expected ${columns.length} fields, found ${record.fields.length}.`,
      });
      continue;
    }
    const cell = (column: Column): string | undefined => {
      const at = columns.indexOf(column);
      return at < 0 ? undefined : unguardCell(record.fields[at]).replace(/\r\n?/g, '\n');
    };
    const result = readEntry(cell);
    if (typeof result === 'string') errors.push({ line: record.line, message: result });
    else rows.push({ line: record.line, entry: result });
  }
  return { rows, errors, hasCaseSensitive: columns.includes('caseSensitive') };
}

/** The entry of one record, or what is wrong with it. */
function readEntry(cell: (column: Column) => string | undefined): GlossaryCsvEntry | string {
  const term = normalizeTerm(cell('term') ?? '');
  if (term === '') return 'term should not be blank.';
  const doNotTranslate = flag(cell('doNotTranslate'));
  const caseSensitive = flag(cell('caseSensitive'));
  if (doNotTranslate === null) return 'doNotTranslate must be true or false.';
  if (caseSensitive === null) return 'caseSensitive must be true or false.';
  const translation = (cell('translation') ?? '').trim() || (doNotTranslate ? term : '');
  if (translation === '') return 'translation should not be blank unless doNotTranslate is true.';
  const note = (cell('note') ?? '').trim() || null;
  const problem =
    tooLong('term', term, 200) ??
    tooLong('translation', translation, 500) ??
    tooLong('note', note ?? '', 2000) ??
    unclean('term', term) ??
    unclean('translation', translation) ??
    unclean('note', note ?? '');
  if (problem) return problem;
  return {
    term,
    locale: (cell('locale') ?? '').trim(),
    translation,
    doNotTranslate,
    note,
    caseSensitive,
  };
}

function flag(value: string | undefined): boolean | null {
  const text = (value ?? '').trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return null;
}

function tooLong(field: string, value: string, max: number): string | null {
  return value.length > max ? `${field} must be shorter than or equal to ${max} characters.` : null;
}

function unclean(field: string, value: string): string | null {
  const problems = value === '' ? [] : textHygieneProblems(value);
  return problems.length === 0 ? null : `${field}: ${describeHygieneProblems(problems)}`;
}

/** The entries as CSV, in the order given; formula-like cells guarded (see csv.ts). */
export function writeGlossaryCsv(
  entries: ReadonlyArray<
    Pick<GlossaryCsvEntry, 'term' | 'locale' | 'translation' | 'doNotTranslate' | 'note'>
  >,
): string {
  return writeCsv(
    GLOSSARY_CSV_COLUMNS,
    entries.map((e) => [e.term, e.locale, e.translation, String(e.doNotTranslate), e.note ?? '']),
  );
}
