import { createHash } from 'node:crypto';

/** Han, kana and CJK punctuation: a line break between two of these is dropped, not spaced. */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef';
const CJK_LINE_BREAK = new RegExp(`(?<=[${CJK}])[^\\S\\n]*\\n\\s*(?=[${CJK}])`, 'gu');
const WHITESPACE = /\s+/g;

/**
 * NFC, then whitespace collapsed to one space (no-break and other Unicode spaces included)
 * and trimmed. A line break between two CJK characters is removed (CSS segment-break rule).
 */
export function normalizeText(text: string): string {
  let out = text.normalize('NFC');
  if (out.includes('\n')) out = out.replace(CJK_LINE_BREAK, '');
  return out.replace(WHITESPACE, ' ').trim();
}

/** Stable id of a segment: sha256 of normalized text and occurrence index, first 24 hex chars. */
export function segmentKey(normalizedText: string, occurrence: number): string {
  return createHash('sha256')
    .update(`${occurrence}\u0000${normalizedText}`)
    .digest('hex')
    .slice(0, 24);
}
