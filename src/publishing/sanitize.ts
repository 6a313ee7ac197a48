/**
 * The allow-list every published page passes through (pure). Publication HTML comes from the
 * renderer, which already escapes text and takes tags only from the block tree; this is the
 * second wall: no scripts, no event handlers, no style attributes, no `javascript:` or `data:`
 * URLs, whatever a source document or a translation tried.
 */
import sanitizeHtml from 'sanitize-html';

const GLOBAL_ATTRIBUTES = ['lang', 'dir', 'title', 'id'];

export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'div',
    'section',
    'blockquote',
    'pre',
    'hr',
    'br',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'figure',
    'figcaption',
    'img',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'colgroup',
    'col',
    'a',
    'em',
    'strong',
    'b',
    'i',
    'u',
    's',
    'del',
    'ins',
    'mark',
    'small',
    'sub',
    'sup',
    'code',
    'kbd',
    'samp',
    'var',
    'abbr',
    'cite',
    'q',
    'dfn',
    'time',
    'span',
    'bdi',
    'bdo',
    'wbr',
  ],
  allowedAttributes: {
    '*': GLOBAL_ATTRIBUTES,
    a: ['href', 'hreflang', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['colspan', 'rowspan', 'scope', 'headers'],
    td: ['colspan', 'rowspan', 'headers'],
    col: ['span'],
    colgroup: ['span'],
    abbr: ['title'],
    time: ['datetime'],
    q: ['cite'],
    blockquote: ['cite'],
  },
  allowedClasses: { span: ['tms-fallback', 'tms-fallback-marker'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside dropped script/style elements is dropped too (sanitize-html's default list).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe'],
  transformTags: {
    // Links leave the site without handing it the reader's page as a referrer.
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '')
        ? { ...attribs, rel: 'noopener noreferrer' }
        : attribs,
    }),
  },
};

export function sanitizePublication(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/**
 * The publication allow-list plus `data-untranslated` on spans: the marker a locale preview
 * (never a publication) puts on passages shown in the source language for want of a target.
 */
export const PREVIEW_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  ...SANITIZE_OPTIONS,
  allowedAttributes: {
    ...(SANITIZE_OPTIONS.allowedAttributes as Record<string, sanitizeHtml.AllowedAttribute[]>),
    span: ['data-untranslated'],
  },
};

export function sanitizePreview(html: string): string {
  return sanitizeHtml(html, PREVIEW_SANITIZE_OPTIONS);
}

/** Letters of a left-to-right script, digits, and what joins them inside a run. */
const LTR_RUN =
  /[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F .,:;/%+\-_@#()&=?~]*[A-Za-z0-9\u00C0-\u024F%)]|[A-Za-z0-9]/g;
const ENTITY = /(&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)/;

/**
 * In a right-to-left document, wraps embedded left-to-right runs (drug names, doses, URLs,
 * phone numbers) of text nodes in `<bdi dir="ltr">` so they do not reorder their neighbours.
 * Works on the renderer's escaped output: tags and entities are left untouched.
 */
export function isolateLtrRuns(html: string): string {
  let inCode = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<(code|pre|bdi|kbd|samp)\b/i.test(part)) inCode += 1;
        else if (/^<\/(code|pre|bdi|kbd|samp)>/i.test(part)) inCode = Math.max(0, inCode - 1);
        return part;
      }
      if (inCode > 0 || part === '') return part;
      return part
        .split(ENTITY)
        .map((piece, i) =>
          i % 2 === 1 ? piece : piece.replace(LTR_RUN, '<bdi dir="ltr">$&</bdi>'),
        )
        .join('');
    })
    .join('');
}
