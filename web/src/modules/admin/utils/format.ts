/** Dates and numbers in the interface language, through Intl (no date library). */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

/** Percentage of `part` in `total`, rounded down so 99.6 % never reads as done. */
export function percent(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((part / total) * 100);
}

/**
 * The accessible name of a row action: its visible text first, then what it acts on
 * ("Reset password: Ana Ruiz"), so the name always contains the visible label in every language.
 */
export function actionLabel(action: string, target: string): string {
  return `${action}: ${target}`;
}

/** A calendar month given as "2026-12" in the interface language ("December 2026"). */
export function formatMonth(month: string, language: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(date);
}
