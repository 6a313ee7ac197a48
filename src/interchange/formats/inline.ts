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
  // Most sentences have no code at all.
  if (!text.includes('{') && !text.includes('}'))
    return text === '' ? [] : [{ type: 'text', value: text }];
  const tokens: InlineToken[] = [];
  const open: Array<{ type: 'open'; id: number; paired: boolean }> = [];
  for (const token of parseCodes(text)) {
    if (token.type === 'text' || token.type === 'standalone') {
      tokens.push(token);
    } else if (token.type === 'open') {
      const opener = { type: 'open' as const, id: token.id, paired: false };
      open.push(opener);
      tokens.push(opener);
    } else {
      const opener = open[open.length - 1];
      const paired = opener?.id === token.id;
      if (paired) {
        open.pop();
        opener.paired = true;
      } else {
        // A close that crosses or has no opener: anything still open stays unpaired.
        open.length = 0;
      }
      tokens.push({ type: 'close', id: token.id, paired });
    }
  }
  return tokens;
}

/** Code numbers used in a text, in order of first use. */
export function codeIds(text: string): number[] {
  const ids: number[] = [];
  for (const token of parseCodes(text))
    if (token.type !== 'text' && !ids.includes(token.id)) ids.push(token.id);
  return ids;
}
