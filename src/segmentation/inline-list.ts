/**
 * Numbered lists written inline ("Before you start: 1. Wash your hands. 2. Dry them."), shared
 * by the plain-text parser (which makes them an `<ol>`) and the sentence splitter (which breaks
 * before each marker and never leaves a marker on its own).
 *
 * A run is at least two markers `N.` or `N)` with consecutive numbers, each followed by text:
 * - the first marker starts the text (any number), or is `1.` after a full stop, colon, semicolon,
 *   question or exclamation mark ("Steps: 1. …"), so "Take 1. Then…" or "We had 2. …" are not lists;
 * - every next marker follows the end of a sentence (". 2. "), so a number inside a sentence
 *   ("Take 2 tablets") never starts an item.
 */

export interface InlineMarker {
  /** Offset of the number. */
  start: number;
  /** Offset just after the `.` or `)`. */
  end: number;
  value: number;
}

const NUMBER_MARKER = /(?<=^|\s)(\d{1,3})[.)](?=\s+\S)/g;
const CLOSE = `["'”’»)\\]]*`;
const FIRST_AFTER = new RegExp(`[.:;!?。：；！？]${CLOSE}\\s+$`, 'u');
const NEXT_AFTER = new RegExp(`[.;!?。；！？]${CLOSE}\\s+$`, 'u');
const HAS_CONTENT = /[\p{L}\p{N}]/u;

function candidates(text: string): InlineMarker[] {
  const found: InlineMarker[] = [];
  for (const match of text.matchAll(NUMBER_MARKER)) {
    found.push({ start: match.index, end: match.index + match[0].length, value: Number(match[1]) });
  }
  return found;
}

function canStart(text: string, marker: InlineMarker): boolean {
  const before = text.slice(0, marker.start);
  if (before.trim() === '') return true;
  return marker.value === 1 && FIRST_AFTER.test(before);
}

function canFollow(text: string, previous: InlineMarker, marker: InlineMarker): boolean {
  return (
    marker.value === previous.value + 1 &&
    HAS_CONTENT.test(text.slice(previous.end, marker.start)) &&
    NEXT_AFTER.test(text.slice(previous.end, marker.start))
  );
}

/** The first inline numbered run of the text (≥ 2 markers), or [] when there is none. */
export function inlineNumberedList(text: string): InlineMarker[] {
  if (!/\d[.)]\s/.test(text)) return [];
  const all = candidates(text);
  for (let i = 0; i < all.length; i++) {
    if (!canStart(text, all[i])) continue;
    const run = [all[i]];
    for (let j = i + 1; j < all.length; j++) {
      if (canFollow(text, run[run.length - 1], all[j])) run.push(all[j]);
    }
    if (run.length >= 2) return run;
  }
  return [];
}

/** Text that is nothing but list markers: `2.`, `b)`, `(iv)`, `•`, `2. 3.`. */
export const MARKER_ONLY = /^\s*(?:(?:[•◦‣⁃▪●]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,5})[.)])\s*)+$/u;
