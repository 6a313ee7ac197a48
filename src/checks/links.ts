/** URLs and e-mail addresses in segment text. ASCII only, so they end where CJK text resumes. */

const URL_PATTERN = /\b(?:https?:\/\/|ftp:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
const EMAIL_PATTERN =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;

export function findUrls(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => trimUrl(m[0]));
}

export function findEmails(text: string): string[] {
  return [...text.matchAll(EMAIL_PATTERN)].map((m) => m[0]);
}

/** Text with URLs and e-mail addresses replaced by a space. */
export function withoutLinks(text: string): string {
  return text.replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ');
}

/** Sentence punctuation and unbalanced closing brackets after a URL are not part of it. */
function trimUrl(url: string): string {
  let result = url;
  for (;;) {
    const trimmed = result.replace(TRAILING_PUNCTUATION, '');
    const last = trimmed.at(-1);
    const opener = last === ')' ? '(' : last === ']' ? '[' : null;
    const unbalanced = opener !== null && count(trimmed, opener) < count(trimmed, last ?? '');
    const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
    if (next === result) return result;
    result = next;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Scheme and host are case-insensitive; a bare trailing slash is not significant. */
export function normalizeUrl(url: string): string {
  const match = /^([a-z]+:\/\/)?([^/?#]*)(.*)$/i.exec(url);
  if (!match) return url;
  const [, scheme = '', host, rest] = match;
  const path = rest === '/' ? '' : rest;
  return `${scheme.toLowerCase()}${host.toLowerCase()}${path}`;
}
