/**
 * Inline codes as the checks see them: paired `{1}…{/1}`, standalone `{2/}`, literal braces
 * escaped as `{{` and `}}`, and stray braces kept visible so INLINE_CODES can flag them. The
 * scanning itself is segmentation's (one scanner for the whole product).
 */
import { formatCode, scanCodes } from '../segmentation/codes';

export type CodeKind = 'open' | 'close' | 'standalone';

export type Token =
  | { type: 'text'; value: string }
  | { type: 'code'; kind: CodeKind; id: string; raw: string }
  /** A lone `{` or `}` that is neither an escape nor part of a code. */
  | { type: 'stray'; value: string };

export function tokenize(text: string): Token[] {
  return scanCodes(text).map((token): Token => {
    if (token.type === 'text' || token.type === 'stray') return token;
    return { type: 'code', kind: token.type, id: String(token.id), raw: formatCode(token) };
  });
}

/** Text with codes replaced by `codeReplacement` and brace escapes resolved. */
export function plainText(text: string, codeReplacement = ''): string {
  return tokenize(text)
    .map((token) => (token.type === 'code' ? codeReplacement : token.value))
    .join('');
}
