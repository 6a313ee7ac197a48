/**
 * Inline codes in segment text, as the server writes them (src/segmentation/codes.ts): paired
 * `{1}…{/1}`, standalone `{2/}`, literal braces doubled (`{{`, `}}`). The editor shows the raw
 * text in a <textarea>; these functions give each code's place in it so an edit can never leave
 * half a code behind, and insert a source code at the caret.
 */

export type CodeKind = 'open' | 'close' | 'standalone';

/** A piece of raw text: plain text (escapes resolved in `text`) or one code, with its offsets. */
export type Piece =
  | { type: 'text'; raw: string; text: string; start: number; end: number }
  | { type: 'code'; kind: CodeKind; id: number; raw: string; start: number; end: number };

const SCANNER = /\{\{|\}\}|\{\/(\d{1,4})\}|\{(\d{1,4})\/\}|\{(\d{1,4})\}/g;

/** Splits raw segment text into text and codes, left to right (escapes before codes). */
export function scan(raw: string): Piece[] {
  const pieces: Piece[] = [];
  let textStart = 0;
  let text = '';
  const flush = (end: number) => {
    if (end > textStart)
      pieces.push({ type: 'text', raw: raw.slice(textStart, end), text, start: textStart, end });
    text = '';
  };
  let last = 0;
  for (const match of raw.matchAll(SCANNER)) {
    const index = match.index;
    text += raw.slice(last, index);
    last = index + match[0].length;
    const [whole, closeId, standaloneId, openId] = match;
    if (whole === '{{' || whole === '}}') {
      text += whole[0];
      continue;
    }
    flush(index);
    const kind: CodeKind =
      closeId !== undefined ? 'close' : standaloneId !== undefined ? 'standalone' : 'open';
    const id = Number(closeId ?? standaloneId ?? openId);
    pieces.push({ type: 'code', kind, id, raw: whole, start: index, end: last });
    textStart = last;
  }
  text += raw.slice(last);
  flush(raw.length);
  return pieces;
}

export function codeText(kind: CodeKind, id: number): string {
  return kind === 'open' ? `{${id}}` : kind === 'close' ? `{/${id}}` : `{${id}/}`;
}

/** A source code as the editor lists and inserts it: a pair wraps a selection. */
export interface SourceCode {
  id: number;
  paired: boolean;
  /** What Mod+n inserts: `{1}` (with `{/1}` after the selection) or `{2/}`. */
  open: string;
  close: string | null;
}

/** The codes of a source text in order of first appearance, each pair once. */
export function sourceCodes(source: string): SourceCode[] {
  const seen = new Map<number, SourceCode>();
  const pieces = scan(source);
  for (const piece of pieces) {
    if (piece.type !== 'code' || seen.has(piece.id)) continue;
    if (piece.kind === 'standalone') {
      seen.set(piece.id, { id: piece.id, paired: false, open: piece.raw, close: null });
    } else {
      const paired = pieces.some(
        (other) =>
          other.type === 'code' &&
          other.id === piece.id &&
          other.kind === (piece.kind === 'open' ? 'close' : 'open'),
      );
      seen.set(piece.id, {
        id: piece.id,
        paired,
        open: paired ? codeText('open', piece.id) : piece.raw,
        close: paired ? codeText('close', piece.id) : null,
      });
    }
  }
  return [...seen.values()];
}

export interface Edit {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

/** Inserts a code at the caret; a paired code wraps the selection and keeps it selected. */
export function insertCode(
  value: string,
  selectionStart: number,
  selectionEnd: number,
  code: SourceCode,
): Edit {
  const [from, to] = outsideCodes(value, selectionStart, selectionEnd);
  const selected = value.slice(from, to);
  if (code.close === null) {
    const next = value.slice(0, from) + code.open + value.slice(to);
    const caret = from + code.open.length;
    return { value: next, selectionStart: caret, selectionEnd: caret };
  }
  const next = value.slice(0, from) + code.open + selected + code.close + value.slice(to);
  const start = from + code.open.length;
  return { value: next, selectionStart: start, selectionEnd: start + selected.length };
}

/** Inserts plain text (a suggestion, the source) in place of the selection, codes kept whole. */
export function insertText(
  value: string,
  selectionStart: number,
  selectionEnd: number,
  text: string,
): Edit {
  const [from, to] = outsideCodes(value, selectionStart, selectionEnd);
  const next = value.slice(0, from) + text + value.slice(to);
  const caret = from + text.length;
  return { value: next, selectionStart: caret, selectionEnd: caret };
}

/**
 * Widens a range so that it neither starts nor ends inside a code; a caret inside a code moves
 * to just after it.
 */
export function outsideCodes(value: string, from: number, to: number): [number, number] {
  let start = Math.min(from, to);
  let end = Math.max(from, to);
  for (const piece of scan(value)) {
    if (piece.type !== 'code') continue;
    if (start === end && start > piece.start && start < piece.end) {
      start = end = piece.end;
      continue;
    }
    if (start > piece.start && start < piece.end) start = piece.start;
    if (end > piece.start && end < piece.end) end = piece.end;
  }
  return [start, end];
}

/**
 * Keeps codes whole through any edit of a textarea (typing, deleting, cutting, pasting,
 * dropping): `previous` → `next` is read as one replaced range; when that range cuts into a
 * code, the whole code goes with it, and text typed inside a code lands after it. Returns the
 * value to show and where the caret goes; `next` unchanged when the edit kept every code whole.
 */
export function protectCodes(previous: string, next: string, caret: number): Edit {
  if (previous === next) return { value: next, selectionStart: caret, selectionEnd: caret };
  // The changed range: the longest common prefix and suffix, the suffix bounded by the caret.
  let prefix = 0;
  const max = Math.min(previous.length, next.length);
  while (prefix < max && previous[prefix] === next[prefix]) prefix++;
  prefix = Math.min(prefix, caret);
  // The inserted text ends at the caret, so the common suffix cannot reach before it.
  const suffixMax = Math.min(max - prefix, next.length - caret);
  let suffix = 0;
  while (
    suffix < suffixMax &&
    previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix++;
  }
  const removedFrom = prefix;
  const removedTo = previous.length - suffix;
  const inserted = next.slice(prefix, next.length - suffix);

  let from = removedFrom;
  let to = removedTo;
  let broken = false;
  for (const piece of scan(previous)) {
    if (piece.type !== 'code') continue;
    const cutsStart = from > piece.start && from < piece.end;
    const cutsEnd = to > piece.start && to < piece.end;
    if (from === to && cutsStart) {
      // Typing inside a code: the text goes after it.
      from = to = piece.end;
      broken = true;
      continue;
    }
    if (cutsStart) {
      from = piece.start;
      broken = true;
    }
    if (cutsEnd) {
      to = piece.end;
      broken = true;
    }
  }
  if (!broken) return { value: next, selectionStart: caret, selectionEnd: caret };
  const value = previous.slice(0, from) + inserted + previous.slice(to);
  const at = from + inserted.length;
  return { value, selectionStart: at, selectionEnd: at };
}

/** Whole-code deletion for Backspace/Delete next to a code: the range to remove, or null. */
export function codeDeletionRange(
  value: string,
  selectionStart: number,
  selectionEnd: number,
  key: 'Backspace' | 'Delete',
): [number, number] | null {
  if (selectionStart !== selectionEnd) {
    const [from, to] = outsideCodes(value, selectionStart, selectionEnd);
    return from !== selectionStart || to !== selectionEnd ? [from, to] : null;
  }
  const caret = selectionStart;
  for (const piece of scan(value)) {
    if (piece.type !== 'code') continue;
    if (key === 'Backspace' && caret > piece.start && caret <= piece.end)
      return [piece.start, piece.end];
    if (key === 'Delete' && caret >= piece.start && caret < piece.end)
      return [piece.start, piece.end];
  }
  return null;
}
