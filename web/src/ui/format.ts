/**
 * Dates and numbers in the interface language, with Intl only (no date library). Pure: the
 * language and "now" are arguments, so the results are the same in tests and in the browser.
 */

const DAY = 24 * 60 * 60 * 1000;

/** "2 Dec 2026" in the interface language; an unreadable value is returned as it came. */
export function formatDate(iso: string, lng: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone }).format(date);
}

/** Date and time, for "last used" and the like. */
export function formatDateTime(iso: string, lng: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    date,
  );
}

/**
 * Whole calendar days from `now` to `iso` in the given time zone's calendar (or the runtime's):
 * 0 today, 1 tomorrow, -1 yesterday. A deadline at 00:30 tomorrow is "tomorrow", not "in 0 days".
 */
export function calendarDaysFrom(iso: string, now: Date, timeZone?: string): number | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return Math.round((dayNumber(date, timeZone) - dayNumber(now, timeZone)) / DAY);
}

function dayNumber(date: Date, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'));
}

/** "today", "tomorrow", "in 3 days", "2 days ago" in the interface language. */
export function formatRelativeDays(days: number, lng: string): string {
  return new Intl.RelativeTimeFormat(lng, { numeric: 'auto' }).format(days, 'day');
}

export function formatNumber(value: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(value);
}

/**
 * Whole percent of `part` in `total`, rounded down so that 99.6 % never reads as done; 0 of 0
 * is 0. Formatted with the language's percent sign and digits ("٪٥٠" in Arabic).
 */
export function percentOf(part: number, total: number): number {
  if (total <= 0 || part <= 0) return 0;
  return Math.min(100, Math.floor((part * 100) / total));
}

export function formatPercent(part: number, total: number, lng: string): string {
  return new Intl.NumberFormat(lng, { style: 'percent' }).format(percentOf(part, total) / 100);
}

/**
 * Wraps user text (a name, a title) in Unicode first-strong isolates before it goes into an
 * interface sentence, so "مرحبًا، Translator (ar)" or an English title inside Arabic text keeps
 * its own direction and does not reorder the sentence around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The first letters of a name's first and last words ("Ana María Ruiz" → "AR"), for badges. */
export function initials(name: string): string {
  const words = name.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  if (words.length === 0) return '?';
  const first = [...(words[0] ?? '')][0] ?? '';
  const last = words.length > 1 ? ([...(words.at(-1) ?? '')][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}
