/**
 * Tokenizer for inline codes in segment text: paired `{1}…{/1}`, standalone `{2/}`,
 * literal braces escaped as `{{` and `}}`. Independent of src/segmentation on purpose.
 */

export type CodeKind = 'open' | 'close' | 'standalone';

export type Token =
  | { type: 'text'; value: string }
  | { type: 'code'; kind: CodeKind; id: string; raw: string }
  /** A lone `{` or `}` that is neither an escape nor part of a code. */
  | { type: 'stray'; value: string };

// Escapes are matched first, left to right, so `{{{1}` is a literal `{` then code 1.
const CODE_OR_ESCAPE = /\{\{|\}\}|\{\/(\d+)\}|\{(\d+)\/\}|\{(\d+)\}|[{}]/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let buffer = '';
  let last = 0;
  const flush = (): void => {
    if (buffer) tokens.push({ type: 'text', value: buffer });
    buffer = '';
  };
  for (const match of text.matchAll(CODE_OR_ESCAPE)) {
    buffer += text.slice(last, match.index);
    last = match.index + match[0].length;
    const [raw, closeId, standaloneId, openId] = match;
    if (raw === '{{' || raw === '}}') {
      buffer += raw[0];
      continue;
    }
    flush();
    if (closeId !== undefined) tokens.push({ type: 'code', kind: 'close', id: closeId, raw });
    else if (standaloneId !== undefined)
      tokens.push({ type: 'code', kind: 'standalone', id: standaloneId, raw });
    else if (openId !== undefined) tokens.push({ type: 'code', kind: 'open', id: openId, raw });
    else tokens.push({ type: 'stray', value: raw });
  }
  buffer += text.slice(last);
  flush();
  return tokens;
}

/** Text with codes replaced by `codeReplacement` and brace escapes resolved. */
export function plainText(text: string, codeReplacement = ''): string {
  return tokenize(text)
    .map((token) => (token.type === 'code' ? codeReplacement : token.value))
    .join('');
}

export function codeTokens(text: string): Array<Extract<Token, { type: 'code' }>> {
  return tokenize(text).filter((t): t is Extract<Token, { type: 'code' }> => t.type === 'code');
}
