/**
 * Inline codes in segment text: paired `{1}…{/1}`, standalone `{2/}`. Literal braces from the
 * source are doubled (`{{`, `}}`), so `{{1}}` is the literal text "{1}". Scanning is left to
 * right: `{{{1}` is a literal "{" followed by code 1.
 */

export type CodeToken =
  | { type: 'text'; value: string }
  | { type: 'open'; id: number }
  | { type: 'close'; id: number }
  | { type: 'standalone'; id: number };

/** A lone `{` or `}` that is neither an escape nor part of a code (a typo in a target). */
export type StrayBrace = { type: 'stray'; value: string };

const CODE_ESCAPE_OR_STRAY = /\{\{|\}\}|\{\/(\d{1,4})\}|\{(\d{1,4})\/\}|\{(\d{1,4})\}|[{}]/g;

/**
 * The one scanner for inline codes. Left to right: escapes first, then codes; a lone brace is
 * reported as a stray token, which the quality checks flag and everything else reads as text.
 */
export function scanCodes(text: string): Array<CodeToken | StrayBrace> {
  const tokens: Array<CodeToken | StrayBrace> = [];
  let buffer = '';
  let last = 0;
  const flush = (): void => {
    if (buffer) tokens.push({ type: 'text', value: buffer });
    buffer = '';
  };
  for (const match of text.matchAll(CODE_ESCAPE_OR_STRAY)) {
    buffer += text.slice(last, match.index);
    last = match.index + match[0].length;
    const [raw, closeId, standaloneId, openId] = match;
    if (raw === '{{' || raw === '}}') {
      buffer += raw[0];
      continue;
    }
    flush();
    if (closeId !== undefined) tokens.push({ type: 'close', id: Number(closeId) });
    else if (standaloneId !== undefined)
      tokens.push({ type: 'standalone', id: Number(standaloneId) });
    else if (openId !== undefined) tokens.push({ type: 'open', id: Number(openId) });
    else tokens.push({ type: 'stray', value: raw });
  }
  buffer += text.slice(last);
  flush();
  return tokens;
}

/** Codes and text; a stray brace is literal text. */
export function parseCodes(text: string): CodeToken[] {
  const tokens: CodeToken[] = [];
  for (const token of scanCodes(text)) {
    const previous = tokens[tokens.length - 1];
    if (token.type === 'stray' || token.type === 'text') {
      if (previous?.type === 'text') previous.value += token.value;
      else tokens.push({ type: 'text', value: token.value });
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

export function escapeBraces(text: string): string {
  return text.replace(/[{}]/g, (brace) => brace + brace);
}

/** The text with codes removed and brace escapes resolved. */
export function stripCodes(text: string): string {
  let out = '';
  for (const token of parseCodes(text)) if (token.type === 'text') out += token.value;
  return out;
}

export function formatCode(token: Exclude<CodeToken, { type: 'text' }>): string {
  if (token.type === 'open') return `{${token.id}}`;
  if (token.type === 'close') return `{/${token.id}}`;
  return `{${token.id}/}`;
}

/**
 * `text` with each code replaced by `codeReplacement` (one character) and escapes resolved, with
 * for every UTF-16 unit of the result the span of `text` it came from: a code's replacement
 * spans the whole code, an escaped brace both braces. For offsets into the stored text.
 */
export function plainTextWithSpans(
  text: string,
  codeReplacement = ' ',
): { plain: string; starts: number[]; ends: number[] } {
  let plain = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const literal = (from: number, to: number): void => {
    plain += text.slice(from, to);
    for (let i = from; i < to; i++) {
      starts.push(i);
      ends.push(i + 1);
    }
  };
  let last = 0;
  for (const match of text.matchAll(CODE_ESCAPE_OR_STRAY)) {
    literal(last, match.index);
    const [raw, closeId, standaloneId, openId] = match;
    last = match.index + raw.length;
    if (closeId === undefined && standaloneId === undefined && openId === undefined) {
      if (raw.length === 1) literal(match.index, last);
      else {
        plain += raw[0];
        starts.push(match.index);
        ends.push(last);
      }
      continue;
    }
    plain += codeReplacement;
    for (let i = 0; i < codeReplacement.length; i++) {
      starts.push(match.index);
      ends.push(last);
    }
  }
  literal(last, text.length);
  return { plain, starts, ends };
}
