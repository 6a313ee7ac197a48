import type { ImportResultDto, ImportUnitReportDto } from './interchange-import.dto';

/**
 * The `tms import` summary: a table of outcomes (skips and errors by code), then the first
 * problems one per line. Pure, so the CLI test and the command print the same thing.
 */
export function importSummary(result: ImportResultDto, listed = 20): string {
  const rows: Array<[string, string, number]> = [
    ['updated', '', result.updated],
    ['unchanged', '', result.unchanged],
    ...byCode('skipped', result.skipped, result.skippedTotal),
    ...byCode('error', result.errors, result.errorTotal),
  ];
  const width = Math.max(...rows.map(([outcome, code]) => `${outcome} ${code}`.trim().length), 7);
  const line = (label: string, count: string) => `${label.padEnd(width)}  ${count.padStart(7)}`;
  const table = [
    line('outcome', 'units'),
    '-'.repeat(width + 9),
    ...rows.map(([outcome, code, count]) => line(`${outcome} ${code}`.trim(), String(count))),
    '-'.repeat(width + 9),
    line('total', String(result.units)),
  ];
  const problems = [...result.errors, ...result.skipped.filter((s) => s.code !== 'EMPTY')]
    .slice(0, listed)
    .map((p) => `${p.code} ${p.article ? `${p.article}/` : ''}${p.id}: ${p.message}`);
  const note = result.applied ? [] : ['Nothing was applied (atomic import).'];
  return [...table, ...(problems.length > 0 ? ['', ...problems] : []), ...note].join('\n') + '\n';
}

function byCode(
  outcome: string,
  items: readonly ImportUnitReportDto[],
  total: number,
): Array<[string, string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.code, (counts.get(item.code) ?? 0) + 1);
  const rows: Array<[string, string, number]> = [...counts].map(([code, n]) => [outcome, code, n]);
  const unlisted = total - items.length;
  if (unlisted > 0) rows.push([outcome, '(not listed)', unlisted]);
  return rows;
}
