import type { CheckInput, CheckResult } from './types';

/**
 * Text that can display differently from what the checks (and a reviewer's diff) read. A
 * right-to-left override shows `\u202E25\u202C` as "52"; control characters are invisible or
 * break storage (PostgreSQL refuses NUL); a text of only invisible characters looks empty.
 * The marks a right-to-left locale needs (LRM U+200E, RLM U+200F, ALM U+061C) and isolates that
 * are closed again (U+2066–U+2068 … U+2069) are fine.
 */

export type HygieneProblemKind =
  'bidi-override' | 'unpaired-isolate' | 'control-character' | 'nul' | 'no-visible-text';

export interface HygieneProblem {
  kind: HygieneProblemKind;
  /** `U+202E`; absent for no-visible-text. */
  codePoint?: string;
  /** UTF-16 offset in the text. */
  index?: number;
}

/** LRE, RLE, PDF, LRO, RLO: embeddings and overrides, which reorder what follows them. */
const BIDI_EMBEDDING = /[\u202A-\u202E]/;
const ISOLATE_OPEN = /[\u2066-\u2068]/;
const ISOLATE_CLOSE = '\u2069';
/** C0 but tab and line feed, DEL, and C1. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && char !== '\t' && char !== '\n') || (code >= 0x7f && code <= 0x9f);
}
/** Letters, digits, punctuation and symbols: what a reader can see. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

const hex = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Every problem of the text, in reading order; empty when it is clean. */
export function textHygieneProblems(text: string): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  const openIsolates: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\u0000') problems.push({ kind: 'nul', codePoint: hex(char), index });
    else if (isControl(char)) problems.push({ kind: 'control-character', codePoint: hex(char), index });
    else if (BIDI_EMBEDDING.test(char)) problems.push({ kind: 'bidi-override', codePoint: hex(char), index });
    else if (ISOLATE_OPEN.test(char)) openIsolates.push(index);
    else if (char === ISOLATE_CLOSE && openIsolates.pop() === undefined) {
      problems.push({ kind: 'unpaired-isolate', codePoint: hex(char), index });
    }
  } // prettier-ignore
  for (const index of openIsolates) {
    problems.push({ kind: 'unpaired-isolate', codePoint: hex(text[index]), index });
  }
  if (text.length > 0 && !VISIBLE.test(text)) problems.push({ kind: 'no-visible-text' });
  return problems.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
}

const DESCRIPTION: Readonly<Record<HygieneProblemKind, string>> = {
  'bidi-override':
    'a bidirectional embedding or override character, which can reorder digits on screen',
  'unpaired-isolate': 'a bidirectional isolate that is not closed (or closed without opening)',
  'control-character': 'a control character (only tab and line feed are allowed)',
  nul: 'a NUL character',
  'no-visible-text': 'no visible character',
};

/** One sentence for a person: "The text contains a NUL character (U+0000 at 4)." */
export function describeHygieneProblems(problems: readonly HygieneProblem[]): string {
  const kinds = [...new Set(problems.map((p) => p.kind))];
  const parts = kinds.map((kind) => {
    const where = problems
      .filter((p) => p.kind === kind && p.codePoint !== undefined)
      .slice(0, 3)
      .map((p) => `${p.codePoint} at ${p.index}`);
    return `${DESCRIPTION[kind]}${where.length ? ` (${where.join(', ')})` : ''}`;
  });
  return `The text contains ${parts.join('; ')}.`;
}

export function isCleanText(text: string): boolean {
  return textHygieneProblems(text).length === 0;
}

export function checkTextHygiene(input: CheckInput): CheckResult | null {
  const problems = textHygieneProblems(input.target);
  if (problems.length === 0) return null;
  return {
    code: 'TEXT_HYGIENE',
    severity: 'error',
    message: `${describeHygieneProblems(problems)} It could show readers something other than what was checked: remove it.`,
    details: { problems },
  };
}
