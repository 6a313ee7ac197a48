/**
 * Our inline codes (`{1}…{/1}`, `{2/}`, `{{` for a literal brace) carried through a provider as
 * markup it keeps, and read back. Pure: no Nest, no I/O.
 *
 * - `xml` (DeepL with tag_handling=xml): `<x1>…</x1>` and `<x2/>`.
 * - `html` (Google, Microsoft, LibreTranslate in html format): `<span id="c1">…</span>` for a
 *   paired code and `<img id="c2">` for a standalone one, both ordinary HTML that translators
 *   keep in place.
 *
 * Text is escaped on the way out and entities resolved on the way back. A tag the provider
 * invented is dropped; a code it dropped stays missing, so the INLINE_CODES check reports it.
 */
import { escapeBraces, parseCodes } from '../segmentation/codes';

export type MarkupStyle = 'xml' | 'html';

const escapeMarkup = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function unescapeMarkup(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The segment text (our codes) as markup in `style`. */
export function toMarkup(text: string, style: MarkupStyle): string {
  return parseCodes(text)
    .map((token) => {
      if (token.type === 'text') return escapeMarkup(token.value);
      if (style === 'xml') {
        if (token.type === 'open') return `<x${token.id}>`;
        if (token.type === 'close') return `</x${token.id}>`;
        return `<x${token.id}/>`;
      }
      if (token.type === 'open') return `<span id="c${token.id}">`;
      if (token.type === 'close') return '</span>';
      return `<img id="c${token.id}">`;
    })
    .join('');
}

const XML_TAG = /<(\/?)x(\d{1,4})\s*(\/?)>/gi;
const HTML_TAG = /<(\/?)([a-z][a-z0-9]*)\b([^>]*)>/gi;
const ID_ATTRIBUTE = /\bid\s*=\s*["']?c(\d{1,4})["']?/i;

/** A provider's markup answer back in our codes. */
export function fromMarkup(markup: string, style: MarkupStyle): string {
  return style === 'xml' ? fromXml(markup) : fromHtml(markup);
}

function fromXml(markup: string): string {
  let out = '';
  let last = 0;
  for (const match of markup.matchAll(XML_TAG)) {
    out += escapeBraces(unescapeMarkup(markup.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, closing, id, selfClosing] = match;
    out += closing ? `{/${id}}` : selfClosing ? `{${id}/}` : `{${id}}`;
  }
  return out + escapeBraces(unescapeMarkup(markup.slice(last)));
}

function fromHtml(markup: string): string {
  let out = '';
  let last = 0;
  /** The ids of the spans open at this point (null: a span that is not one of ours). */
  const openSpans: Array<string | null> = [];
  for (const match of markup.matchAll(HTML_TAG)) {
    out += escapeBraces(unescapeMarkup(markup.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, closing, name, attributes] = match;
    const tag = name.toLowerCase();
    const id = ID_ATTRIBUTE.exec(attributes)?.[1];
    if (tag === 'span' && closing) {
      const open = openSpans.pop();
      if (open) out += `{/${open}}`;
    } else if (tag === 'span') {
      openSpans.push(id ?? null);
      if (id) out += `{${id}}`;
    } else if (tag === 'img' && !closing && id) {
      out += `{${id}/}`;
    }
  }
  return out + escapeBraces(unescapeMarkup(markup.slice(last)));
}
