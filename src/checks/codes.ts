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

/**
 * The checks of one save ask for the plain text of the same source and target many times;
 * the last few answers are kept.
 */
const plainCache = new Map<string, string>();

/** Text with codes replaced by `codeReplacement` and brace escapes resolved. */
export function plainText(text: string, codeReplacement = ''): string {
  const key = `${codeReplacement}\u0000${text}`;
  const cached = plainCache.get(key);
  if (cached !== undefined) return cached;
  const plain = tokenize(text)
    .map((token) => (token.type === 'code' ? codeReplacement : token.value))
    .join('');
  if (plainCache.size >= 32) plainCache.delete(plainCache.keys().next().value ?? '');
  plainCache.set(key, plain);
  return plain;
}
