/**
 * CSV as RFC 4180 writes it: comma-separated fields, CRLF between records, a field quoted when
 * it holds a comma, a quote or a line break, quotes doubled inside. Pure: strings in, values out.
 *
 * The reader also takes LF or CR line ends, a UTF-8 byte-order mark (as spreadsheets write) and
 * skips blank lines; it refuses what it cannot read unambiguously (text after a closing quote,
 * a quote never closed) and names the line.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted line break spans lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvSyntaxError(start, 'a quoted field is never closed');
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
          field += ch;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          throw new CsvSyntaxError(line, 'text after a closing quote; double the quotes inside');
        }
      } else {
        const from = i;
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') i++;
        field = text.slice(from, i);
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    // The record ends at a line end or the end of the text.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (fields.length === 1 && fields[0] === '') continue; // a blank line
    records.push({ line: start, fields });
  }
  return records;
}

/** Cells a spreadsheet would run as a formula (OWASP's list: = + - @, tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell safe to open in a spreadsheet: a formula-like start gets a leading apostrophe. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of guardCell for a file this server wrote: the apostrophe comes off again. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records as RFC 4180 text, CRLF after every record; each cell guarded against formulas. */
export function writeCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  return [header, ...rows.map((row) => row.map(guardCell))]
    .map((row) => `${row.map(quote).join(',')}\r\n`)
    .join('');
}
