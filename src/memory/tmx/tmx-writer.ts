/**
 * TMX 1.4 writer, in pieces so a caller can stream: the head, one `<tu>` per entry, the tail.
 * Pure: no Nest, no database. Our codes become `<bpt i x/>`/`<ept i/>` for a paired code and
 * `<ph x/>` for a standalone one, with the code's number as `x` (and `i`), so the reader maps
 * them back to the same numbers.
 */
import { parseCodes } from '../../segmentation/codes';

export interface TmxHeaderOptions {
  sourceLocale: string;
  creationToolVersion: string;
}

export interface TmxUnit {
  sourceLocale: string;
  targetLocale: string;
  source: string;
  target: string;
  /** When the translation was approved (TMX `creationdate`). */
  createdAt?: Date;
}

export const TMX_CONTENT_TYPE = 'application/x-tmx+xml';

// Characters XML 1.0 does not allow at all; they cannot be escaped, only left out.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** TMX dates are ISO 8601 basic format in UTC: 20260131T235959Z. */
export function tmxDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function tmxHead(options: TmxHeaderOptions): string {
  const attributes = [
    ['creationtool', 'tms'],
    ['creationtoolversion', options.creationToolVersion],
    ['segtype', 'sentence'],
    ['o-tmf', 'tms'],
    ['adminlang', 'en'],
    ['srclang', options.sourceLocale],
    ['datatype', 'plaintext'],
  ]
    .map(([name, value]) => `${name}="${escapeXmlAttribute(value)}"`)
    .join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header ${attributes}/>\n  <body>\n`;
}

export function tmxTail(): string {
  return '  </body>\n</tmx>\n';
}

/** A segment's text in TMX `<seg>` content. */
export function segMarkup(text: string): string {
  return parseCodes(text)
    .map((token) => {
      if (token.type === 'text') return escapeXmlText(token.value);
      if (token.type === 'open') return `<bpt i="${token.id}" x="${token.id}"/>`;
      if (token.type === 'close') return `<ept i="${token.id}"/>`;
      return `<ph x="${token.id}"/>`;
    })
    .join('');
}

export function tmxUnit(unit: TmxUnit): string {
  const date = unit.createdAt ? ` creationdate="${tmxDate(unit.createdAt)}"` : '';
  const tuv = (locale: string, text: string) =>
    `      <tuv xml:lang="${escapeXmlAttribute(locale)}"><seg>${segMarkup(text)}</seg></tuv>\n`;
  return (
    `    <tu${date}>\n` +
    tuv(unit.sourceLocale, unit.source) +
    tuv(unit.targetLocale, unit.target) +
    '    </tu>\n'
  );
}
