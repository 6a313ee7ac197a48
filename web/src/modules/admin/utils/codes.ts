/** Inline codes in source text: `{1}` opens, `{/1}` closes, `{2/}` stands alone. */
const CODE = /\{\/?\d+\/?\}/g;

export type TextPiece = { code: false; text: string } | { code: true; text: string };

/** Text cut into plain runs and inline codes, in order, for rendering codes as chips. */
export function splitCodes(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ code: false, text: text.slice(last, at) });
    out.push({ code: true, text: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ code: false, text: text.slice(last) });
  return out;
}
