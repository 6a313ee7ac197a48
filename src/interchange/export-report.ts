/**
 * What `tms export` prints on standard error (standard output carries the file): a progress
 * line on a terminal and a table of what went out at the end. Pure string formatting.
 */

export interface ReportRow {
  article: string;
  file: string;
  sourceVersion: number;
  segments: number;
  words: number;
}

export function progressLine(done: number, total: number, width = 30): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total} segments`;
}

export function summaryTable(rows: readonly ReportRow[]): string {
  const header = ['article', 'file', 'version', 'segments', 'words'];
  const body = rows.map((r) => [
    r.article,
    r.file,
    String(r.sourceVersion),
    String(r.segments),
    String(r.words),
  ]);
  const total = [
    `total (${rows.length} ${rows.length === 1 ? 'article' : 'articles'})`,
    '',
    '',
    String(rows.reduce((sum, r) => sum + r.segments, 0)),
    String(rows.reduce((sum, r) => sum + r.words, 0)),
  ];
  const table = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const numeric = (i: number): boolean => i >= 2;
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line), rule, line(total)].join('\n') + '\n';
}
