/**
 * XML 1.0 text and attribute escaping. Characters XML 1.0 cannot carry at all (C0 controls
 * other than tab, LF and CR; U+FFFE, U+FFFF; lone surrogates) are handed to `forbidden`, which
 * returns the markup to put in their place (XLIFF 2.0 has `<cp hex>`; elsewhere U+FFFD).
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\r\n\t]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

export const REPLACEMENT = (): string => '\uFFFD';

/** The code point of a forbidden character as 4+ hex digits (for `<cp hex="…"/>`). */
export function hexOf(char: string): string {
  return (char.codePointAt(0) ?? 0xfffd).toString(16).toUpperCase().padStart(4, '0');
}

function escapeWith(special: RegExp, value: string, forbidden: (char: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of value.matchAll(FORBIDDEN)) {
    out += value.slice(last, match.index).replace(special, (c) => ENTITY[c]);
    out += forbidden(match[0]);
    last = match.index + match[0].length;
  }
  return out + value.slice(last).replace(special, (c) => ENTITY[c]);
}

export function escapeText(
  value: string,
  forbidden: (char: string) => string = REPLACEMENT,
): string {
  return escapeWith(TEXT_SPECIAL, value, forbidden);
}

/** Attribute values: also `"` and the whitespace that attribute normalization would flatten. */
export function escapeAttr(value: string): string {
  return escapeWith(ATTR_SPECIAL, value, REPLACEMENT);
}
