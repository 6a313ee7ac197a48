import { parseCodes } from '../../segmentation/codes';

/**
 * Our coded text as a token list for the XML writers. An open code whose close follows at the
 * same nesting level is `paired` (XLIFF `<pc>` / `<g>`); an open or close without its partner,
 * or crossing another pair, is not (XLIFF 2.0 `<sc>`/`<ec>`, 1.2 `<bx>`/`<ex>`). Literal braces
 * come out single: in XML the codes are elements, so no escaping is needed.
 */
export type InlineToken =
  | { type: 'text'; value: string }
  | { type: 'open' | 'close'; id: number; paired: boolean }
  | { type: 'standalone'; id: number };

export function inlineTokens(text: string): InlineToken[] {
  const tokens: InlineToken[] = parseCodes(text).map((token) =>
    token.type === 'open' || token.type === 'close' ? { ...token, paired: false } : token,
  );
  const stack: number[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'open') stack.push(index);
    if (token.type !== 'close') return;
    const top = stack[stack.length - 1];
    const opener = top === undefined ? undefined : tokens[top];
    if (opener?.type === 'open' && opener.id === token.id) {
      stack.pop();
      opener.paired = true;
      token.paired = true;
    } else {
      // A close that crosses or has no opener: anything still open stays unpaired.
      stack.length = 0;
    }
  });
  return tokens;
}

/** Code numbers used in a text, in order of first use. */
export function codeIds(text: string): number[] {
  const ids: number[] = [];
  for (const token of parseCodes(text))
    if (token.type !== 'text' && !ids.includes(token.id)) ids.push(token.id);
  return ids;
}
