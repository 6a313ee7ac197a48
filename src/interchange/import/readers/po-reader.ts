/**
 * Gettext PO reader, streaming line by line (a PO file is line-based, so no parser library is
 * needed to hold it). Pure: no Nest, no database. Memory: one entry and one line at a time.
 *
 * Reads `msgctxt` (our segment id), `msgid` (the English), `msgstr` (the target), multi-line
 * strings, the C escapes gettext writes (`\n \t \r \" \\`, octal, `\xHH`), the `fuzzy` flag and
 * our `#. tms: … revision=N` comment. `#|` previous strings and obsolete `#~` entries are
 * ignored. The header gives `X-TMS-Article` and `X-TMS-Source-Version`; a charset other than
 * UTF-8 is refused, and so are bytes that are not UTF-8.
 */
import { ImportRecord, wholeNumber } from './record';

export type PoRejectionCode =
  | 'PO_MALFORMED'
  | 'PO_INVALID_UTF8'
  | 'PO_UNSUPPORTED_ENCODING'
  | 'PO_LINE_TOO_LONG'
  | 'PO_TOO_LARGE';

export class PoRejectedError extends Error {
  override readonly name = 'PoRejectedError';
  constructor(
    readonly code: PoRejectionCode,
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line})`);
  }
}

export interface PoLimits {
  maxBytes: number;
  /** Characters per line (a single-line msgstr is one line). */
  maxLineLength?: number;
}

export const DEFAULT_MAX_PO_LINE = 1024 * 1024;

type Keyword = 'msgctxt' | 'msgid' | 'msgid_plural' | 'msgstr';

interface Entry {
  context: string | null;
  id: string | null;
  plural: boolean;
  /** msgstr, or msgstr[0] of a plural entry. */
  str: string | null;
  fuzzy: boolean;
  revision: number | null;
  obsolete: boolean;
}

const newEntry = (): Entry => ({
  context: null,
  id: null,
  plural: false,
  str: null,
  fuzzy: false,
  revision: null,
  obsolete: false,
});

const KEYWORD_LINE = /^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]+(".*)$/;
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  '"': '"',
  '?': '?',
  "'": "'",
};

/** The value of a C string literal `"…"` (the whole of `quoted`, trailing blanks allowed). */
export function unquotePo(quoted: string, line?: number): string {
  const match = /^"((?:[^"\\]|\\.)*)"[ \t]*$/.exec(quoted);
  if (!match) throw new PoRejectedError('PO_MALFORMED', 'A string is not one "…" literal', line);
  return match[1].replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape[0] === 'x') return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    const simple = SIMPLE_ESCAPES[escape];
    if (simple === undefined)
      throw new PoRejectedError('PO_MALFORMED', `Unknown escape \\${escape}`, line);
    return simple;
  });
}

/** Lines of a UTF-8 byte stream, decoded strictly, with a cap on bytes and on line length. */
async function* poLines(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  limits: PoLimits,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const maxLine = limits.maxLineLength ?? DEFAULT_MAX_PO_LINE;
  let bytes = 0;
  let pending = '';
  let lineNumber = 0;
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new PoRejectedError(
        'PO_INVALID_UTF8',
        `The file is not valid UTF-8 (near byte ${bytes})`,
        lineNumber + 1,
      );
    }
  };
  for await (const chunk of source) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += data.byteLength;
    if (bytes > limits.maxBytes)
      throw new PoRejectedError('PO_TOO_LARGE', `The file is larger than ${limits.maxBytes} bytes`);
    pending += decode(data, true);
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      lineNumber += 1;
      yield pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (pending.length > maxLine)
      throw new PoRejectedError(
        'PO_LINE_TOO_LONG',
        `A line is longer than ${maxLine} characters`,
        lineNumber + 1,
      );
  }
  pending += decode(new Uint8Array(0), false);
  if (pending !== '') yield pending;
}

export async function* readPo(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  limits: PoLimits,
): AsyncGenerator<ImportRecord, void, undefined> {
  let article: string | null = null;
  let sourceVersion: number | null = null;
  let entry = newEntry();
  let last: Keyword | null = null;
  let lineNumber = 0;
  let sawHeader = false;

  /** The finished entry as a record, or null for the header, an obsolete or an empty one. */
  const finish = (): ImportRecord | null => {
    const done = entry;
    entry = newEntry();
    last = null;
    if (done.obsolete || done.id === null) return null;
    if (done.str === null)
      throw new PoRejectedError('PO_MALFORMED', 'An entry has a msgid but no msgstr', lineNumber);
    if (done.id === '' && done.context === null) {
      if (sawHeader) return null;
      sawHeader = true;
      const header = parseHeader(done.str);
      const charset = /charset=([^\s;]+)/i.exec(header.get('content-type') ?? '')?.[1];
      if (charset && !/^(utf-?8|charset)$/i.test(charset))
        throw new PoRejectedError(
          'PO_UNSUPPORTED_ENCODING',
          `The charset is ${charset}: convert the file to UTF-8 (msgconv --to-code=UTF-8)`,
        );
      article = header.get('x-tms-article') ?? null;
      sourceVersion = wholeNumber(header.get('x-tms-source-version'));
      return null;
    }
    return {
      file: article,
      id: done.context ?? '',
      source: done.id,
      target: done.str,
      fuzzy: done.fuzzy && done.str !== '',
      revision: done.revision,
      sourceVersion,
      problem:
        done.context === null
          ? 'no msgctxt: the entry does not name its segment'
          : done.plural
            ? 'a plural entry (msgid_plural) is not a segment'
            : null,
    };
  };

  for await (const raw of poLines(source, limits)) {
    lineNumber += 1;
    const line = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '') {
      const record = finish();
      if (record) yield record;
      continue;
    }
    if (trimmed.startsWith('#')) {
      // Comments come before the keywords of their entry: one after a msgstr starts the next.
      if (entry.str !== null) {
        const record = finish();
        if (record) yield record;
      }
      if (trimmed.startsWith('#~')) entry.obsolete = true;
      else if (trimmed.startsWith('#,')) {
        if (
          trimmed
            .slice(2)
            .split(',')
            .some((flag) => flag.trim() === 'fuzzy')
        )
          entry.fuzzy = true;
      } else if (trimmed.startsWith('#.')) {
        const revision = /^#\.\s*tms:.*\brevision=(\d{1,9})\b/.exec(trimmed)?.[1];
        if (revision !== undefined) entry.revision = Number(revision);
      }
      continue;
    }
    if (trimmed.startsWith('"')) {
      if (last === null)
        throw new PoRejectedError('PO_MALFORMED', 'A string continues no keyword', lineNumber);
      append(entry, last, unquotePo(trimmed, lineNumber));
      continue;
    }
    const match = KEYWORD_LINE.exec(trimmed);
    if (!match)
      throw new PoRejectedError(
        'PO_MALFORMED',
        `Expected a keyword, a string or a comment, not ${JSON.stringify(trimmed.slice(0, 40))}`,
        lineNumber,
      );
    const keyword = match[1] as Keyword;
    const index = match[2] === undefined ? null : Number(match[2]);
    if ((keyword === 'msgctxt' || keyword === 'msgid') && entry.str !== null) {
      const record = finish();
      if (record) yield record;
    }
    const value = unquotePo(match[3], lineNumber);
    checkOrder(entry, keyword, lineNumber);
    if (keyword === 'msgstr') {
      if (index !== null && index > 0) {
        last = 'msgid_plural'; // its continuation lines are read and dropped
        continue; // Plural forms beyond the first are not segments (the entry is refused anyway).
      }
      entry.str = value;
    } else if (keyword === 'msgctxt') entry.context = value;
    else if (keyword === 'msgid') entry.id = value;
    else entry.plural = true;
    last = keyword;
  }
  const record = finish();
  if (record) yield record;
}

function checkOrder(entry: Entry, keyword: Keyword, line: number): void {
  const out = (message: string): PoRejectedError =>
    new PoRejectedError('PO_MALFORMED', message, line);
  if (keyword === 'msgctxt' && entry.id !== null) throw out('msgctxt after msgid');
  if (keyword === 'msgid' && entry.id !== null) throw out('A second msgid in one entry');
  if ((keyword === 'msgstr' || keyword === 'msgid_plural') && entry.id === null)
    throw out(`${keyword} without msgid`);
}

function append(entry: Entry, keyword: Keyword, value: string): void {
  if (keyword === 'msgctxt') entry.context = (entry.context ?? '') + value;
  else if (keyword === 'msgid') entry.id = (entry.id ?? '') + value;
  else if (keyword === 'msgstr') entry.str = (entry.str ?? '') + value;
}

function parseHeader(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return fields;
}
