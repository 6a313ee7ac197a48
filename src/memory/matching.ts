import { hash } from 'node:crypto';

/**
 * Translation-memory matching, pure: normalisation, hashing, the grams that candidate
 * generation indexes, the word-level fuzzy score and the diff shown to translators. No Nest,
 * no TypeORM: the memory service feeds it strings and stores what it returns.
 */

export type TokenKind = 'word' | 'number' | 'code';

export interface Token {
  kind: TokenKind;
  text: string;
}

/** Inline codes (`{1}`, `{/1}`, `{2/}`), numbers (`2.5`, `1,000`) and words, in order. */
const TOKEN_PATTERN = /\{\/?\d+\/?\}|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

/** What an edit of one token costs: a changed number (a dose, an age) weighs double. */
const COST: Record<TokenKind, number> = { word: 1, code: 1, number: 2 };

/** Unicode NFKC, one space for any run of white space, lower case: what "the same text" means. */
export function normalizeSource(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** SHA-256 of the normalised text: the key of an exact match. */
export function sourceHash(text: string): Buffer {
  return hash('sha256', normalizeSource(text), 'buffer');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalizeSource(text).matchAll(TOKEN_PATTERN)) {
    const t = match[0];
    const kind: TokenKind = t.startsWith('{') ? 'code' : /^\p{N}/u.test(t) ? 'number' : 'word';
    tokens.push({ kind, text: t });
  }
  return tokens;
}

/**
 * The grams an entry is indexed under and a query looks up: adjacent token pairs (a single
 * token where there is only one), hashed with the locale pair into a signed 64-bit integer
 * (as a decimal string for PostgreSQL's bigint). Pairs are far rarer than words in a memory
 * of one domain, which keeps the posting lists a lookup reads short.
 */
export function grams(sourceLocale: string, targetLocale: string, tokens: Token[]): string[] {
  const texts = tokens.map((t) => t.text);
  const pairs = texts.length < 2 ? texts : texts.slice(1).map((t, i) => `${texts[i]}\u0002${t}`);
  const seen = new Set<string>();
  for (const pair of pairs) {
    const digest = hash(
      'sha1',
      `${sourceLocale.toLowerCase()}\u0001${targetLocale.toLowerCase()}\u0001${pair}`,
      'buffer',
    );
    seen.add(digest.readBigInt64BE(0).toString());
  }
  return [...seen];
}

function totalCost(tokens: Token[]): number {
  return tokens.reduce((sum, t) => sum + COST[t.kind], 0);
}

/** Weighted Levenshtein distance over tokens: insert/delete cost the token's weight. */
export function editDistance(a: Token[], b: Token[]): number {
  let previous = new Array<number>(b.length + 1);
  previous[0] = 0;
  for (let j = 1; j <= b.length; j++) previous[j] = previous[j - 1] + COST[b[j - 1].kind];
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1);
    const ca = COST[a[i - 1].kind];
    current[0] = previous[0] + ca;
    for (let j = 1; j <= b.length; j++) {
      const cb = COST[b[j - 1].kind];
      const same = a[i - 1].text === b[j - 1].text;
      current[j] = Math.min(
        previous[j] + ca,
        current[j - 1] + cb,
        previous[j - 1] + (same ? 0 : Math.max(ca, cb)),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Fuzzy score 0–99 of a stored source against the query: 100 minus the weighted edit distance
 * as a percentage of the longer side. Texts whose tokens are all equal but which differ
 * otherwise (punctuation) score 99: only a hash match is 100.
 */
export function fuzzyScore(query: Token[], stored: Token[]): number {
  const longest = Math.max(totalCost(query), totalCost(stored));
  if (longest === 0) return 0;
  const score = Math.floor(100 * (1 - editDistance(query, stored) / longest));
  return Math.max(0, Math.min(99, score));
}

/**
 * The lowest fuzzy score worth showing for a query of `tokens` tokens: one changed word in a
 * four-word sentence is a different sentence, so short strings need a closer match.
 */
export function minimumScore(tokenCount: number): number {
  if (tokenCount < 3) return 90;
  if (tokenCount < 5) return 85;
  return 75;
}

export interface MatchInput {
  queryHash: Buffer;
  queryTokens: Token[];
  /** Hashes of the query's previous and next source segments, where known. */
  context?: { previous: Buffer | null; next: Buffer | null };
}

export interface StoredForMatch {
  source: string;
  sourceHash: Buffer;
  previousHash: Buffer | null;
  nextHash: Buffer | null;
}

const sameHash = (a: Buffer | null, b: Buffer | null): boolean =>
  a === null || b === null ? a === b : a.equals(b);

/**
 * 101 for an exact match whose neighbouring segments are the same too, 100 for an exact
 * match, else the fuzzy score.
 */
export function matchScore(input: MatchInput, entry: StoredForMatch): number {
  if (input.queryHash.equals(entry.sourceHash)) {
    const context = input.context;
    if (
      context &&
      sameHash(context.previous, entry.previousHash) &&
      sameHash(context.next, entry.nextHash)
    )
      return 101;
    return 100;
  }
  return fuzzyScore(input.queryTokens, tokenize(entry.source));
}

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Words, inline codes, numbers, runs of white space and single other characters. */
const DIFF_PATTERN = /\{\/?\d+\/?\}|\s+|[\p{L}\p{M}\p{N}]+(?:['’.,-][\p{L}\p{M}\p{N}]+)*|\S/gu;

/** Longer texts than this (in diff tokens) are shown as one delete and one insert. */
const MAX_DIFF_TOKENS = 400;

/**
 * Word-level operations that turn `from` (the memory's English) into `to` (the segment's),
 * from a longest common subsequence; adjacent operations of one kind are merged.
 */
export function diffWords(from: string, to: string): DiffOp[] {
  const a = from.match(DIFF_PATTERN) ?? [];
  const b = to.match(DIFF_PATTERN) ?? [];
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], text: string) => {
    const last = ops[ops.length - 1];
    if (last?.op === op) last.text += text;
    else ops.push({ op, text });
  };
  if (a.length > MAX_DIFF_TOKENS || b.length > MAX_DIFF_TOKENS) {
    if (from) push('delete', from);
    if (to) push('insert', to);
    return ops;
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('equal', a[i]);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) push('delete', a[i++]);
    else push('insert', b[j++]);
  }
  while (i < a.length) push('delete', a[i++]);
  while (j < b.length) push('insert', b[j++]);
  return ops;
}

/** What ranking a match reads. */
export interface RankedMatch {
  score: number;
  /** False for an entry superseded by a later approval, or demoted (withdrawn, rejected). */
  current: boolean;
  approvedAt: Date;
  /** The entry's id, as a decimal string: the last tie-break, newest first. */
  id: string;
}

/**
 * Best first: matches of the same English (scores 100 and 101) before fuzzy ones; among
 * those, current entries before superseded or demoted ones whatever their score (a withdrawn
 * translation with the same neighbours must not outrank a current one); then score, then the
 * most recent approval.
 */
export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  return (
    Number(b.score >= 100) - Number(a.score >= 100) ||
    Number(b.current) - Number(a.current) ||
    b.score - a.score ||
    b.approvedAt.getTime() - a.approvedAt.getTime() ||
    Number(BigInt(b.id) - BigInt(a.id))
  );
}
