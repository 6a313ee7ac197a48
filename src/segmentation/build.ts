/**
 * SourceNode[] → DocumentTree + segments. Runs of inline content become text blocks; inline
 * markup becomes numbered codes; each block is split into sentences; each sentence with
 * translatable text (a letter or a digit) becomes a segment.
 */
import { escapeBraces } from './codes';
import { normalizeText } from './normalize';
import { sentenceBreaks } from './sentences';
import { BLOCK_TAGS, SourceElement, SourceNode, textContent, VOID_TAGS } from './source-tree';
import type { BlockPiece, InlineElement, SegmentKind, TextBlockNode, TreeNode } from './types';

export interface SegmentDraft {
  kind: SegmentKind;
  text: string;
}

type InlineToken =
  | { type: 'text'; value: string; start: number; end: number }
  | { type: 'open' | 'close'; element: number; start: number; end: number }
  | { type: 'standalone'; element: number; start: number; end: number };

const HAS_CONTENT = /[\p{L}\p{N}]/u;
const STANDALONE_TAGS = new Set(['br', 'img', 'wbr', 'code', 'area']);
const PLACEHOLDER = '\ufffc';
const RAW_TAGS = new Set(['pre']);

function blockKind(tag: string, inherited: SegmentKind | null): SegmentKind | null {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li' || tag === 'dt' || tag === 'dd') return 'list-item';
  if (tag === 'td' || tag === 'th') return 'table-cell';
  if (tag === 'blockquote') return 'blockquote';
  if (tag === 'figcaption' || tag === 'caption') return 'caption';
  return inherited;
}

function hasBlockDescendant(node: SourceElement): boolean {
  const stack: SourceNode[] = [...node.children];
  while (stack.length) {
    const current = stack.pop() as SourceNode;
    if (current.type !== 'element') continue;
    if (BLOCK_TAGS.has(current.tag)) return true;
    stack.push(...current.children);
  }
  return false;
}

function isInline(node: SourceNode): boolean {
  return node.type === 'text' || (!BLOCK_TAGS.has(node.tag) && !hasBlockDescendant(node));
}

export class TreeBuilder {
  readonly segments: SegmentDraft[] = [];

  constructor(private readonly locale: string) {}

  addSegment(kind: SegmentKind, text: string): number {
    this.segments.push({ kind, text });
    return this.segments.length - 1;
  }

  build(nodes: SourceNode[], kind: SegmentKind | null = null): TreeNode[] {
    const out: TreeNode[] = [];
    let run: SourceNode[] = [];
    const flush = (): void => {
      if (run.some((node) => node.type === 'element' || node.value.trim() !== '')) {
        out.push(this.textBlock(run, kind ?? 'paragraph'));
      }
      run = [];
    };
    for (const node of nodes) {
      if (isInline(node)) {
        run.push(node);
        continue;
      }
      flush();
      const element = node as SourceElement;
      if (RAW_TAGS.has(element.tag)) out.push(this.raw(element));
      else {
        const children = this.build(element.children, blockKind(element.tag, kind));
        out.push({ t: 'el', tag: element.tag, attrs: element.attrs, children });
      }
    }
    flush();
    return out;
  }

  /** Code blocks keep their markup and text, untranslated. */
  private raw(node: SourceElement): TreeNode {
    return {
      t: 'el',
      tag: node.tag,
      attrs: node.attrs,
      children: node.children.map((child) =>
        child.type === 'text' ? { t: 'raw', text: child.value } : this.raw(child),
      ),
    };
  }

  // ------------------------------------------------------------ text blocks

  private textBlock(run: SourceNode[], kind: SegmentKind): TextBlockNode {
    const elements: InlineElement[] = [];
    const tokens: InlineToken[] = [];
    let plain = '';
    const push = (node: SourceNode): void => {
      if (node.type === 'text') {
        tokens.push({
          type: 'text',
          value: node.value,
          start: plain.length,
          end: plain.length + node.value.length,
        });
        plain += node.value;
        return;
      }
      const standalone = STANDALONE_TAGS.has(node.tag) || VOID_TAGS.has(node.tag);
      const inline: InlineElement = { tag: node.tag, attrs: node.attrs, standalone };
      if (node.tag === 'code') inline.content = textContent(node);
      elements.push(inline);
      const index = elements.length - 1;
      if (standalone) {
        const placeholder = node.tag === 'br' ? '\n' : PLACEHOLDER;
        tokens.push({
          type: 'standalone',
          element: index,
          start: plain.length,
          end: plain.length + 1,
        });
        plain += placeholder;
        return;
      }
      tokens.push({ type: 'open', element: index, start: plain.length, end: plain.length });
      node.children.forEach(push);
      tokens.push({ type: 'close', element: index, start: plain.length, end: plain.length });
    };
    run.forEach(push);
    const pieces = this.pieces(tokens, sentenceRanges(plain, this.locale), kind);
    this.attributeSegments(elements);
    return { t: 'block', kind, elements, pieces };
  }

  private pieces(
    tokens: InlineToken[],
    ranges: Array<[number, number]>,
    kind: SegmentKind,
  ): BlockPiece[] {
    const groups = assignTokens(tokens, ranges);
    const pieces: BlockPiece[] = [];
    let carried: number[] = [];
    groups.forEach((group, index) => {
      const balanced = balance(group.tokens, carried);
      carried = balanced.open;
      const { original, codes } = serialize(balanced.tokens);
      const text = normalizeText(original);
      const translatable = HAS_CONTENT.test(
        group.tokens
          .filter((t) => t.type === 'text')
          .map((t) => t.value)
          .join(''),
      );
      const segment = translatable ? this.addSegment(kind, text) : null;
      pieces.push({ segment, gap: index === 0 ? '' : group.gap, codes, original });
    });
    return pieces;
  }

  private attributeSegments(elements: InlineElement[]): void {
    for (const element of elements) {
      for (const [name, value] of element.attrs) {
        const kind: SegmentKind | null =
          name === 'alt' && element.tag === 'img'
            ? 'alt-text'
            : name === 'title' && element.tag === 'a'
              ? 'link-title'
              : null;
        if (!kind || !HAS_CONTENT.test(value)) continue;
        element.attrSegments = {
          ...element.attrSegments,
          [name]: this.addSegment(kind, normalizeText(escapeBraces(value))),
        };
      }
    }
  }
}

// ------------------------------------------------------------ splitting helpers

/** Sentence ranges [start, end) of the block's plain text, trimmed. */
function sentenceRanges(plain: string, locale: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const end of [...sentenceBreaks(plain, locale), plain.length]) {
    let a = start;
    let b = end;
    while (a < b && /\s/.test(plain[a])) a++;
    while (b > a && /\s/.test(plain[b - 1])) b--;
    if (b > a) ranges.push([a, b]);
    start = end;
  }
  if (!ranges.length) ranges.push([0, plain.length]);
  return ranges;
}

interface Group {
  tokens: InlineToken[];
  gap: string;
}

/** Distribute tokens over the sentence ranges; whitespace between ranges becomes the gap. */
function assignTokens(tokens: InlineToken[], ranges: Array<[number, number]>): Group[] {
  const groups: Group[] = ranges.map(() => ({ tokens: [], gap: '' }));
  const last = ranges.length - 1;
  const firstEndingAfter = (offset: number): number => {
    const index = ranges.findIndex(([, end]) => offset < end);
    return index === -1 ? last : index;
  };
  const lastStartingBefore = (offset: number): number => {
    for (let i = last; i >= 0; i--) if (ranges[i][0] < offset) return i;
    return 0;
  };
  // Codes between sentences: opens go to the next sentence, closes and standalone codes to the
  // previous one, but never before a code already placed (so a pair stays in order).
  let current = 0;
  for (const token of tokens) {
    if (token.type === 'text') {
      splitText(token, ranges, groups);
      current = Math.max(current, lastStartingBefore(token.end));
      continue;
    }
    const target =
      token.type === 'open' ? firstEndingAfter(token.start) : lastStartingBefore(token.end);
    current = Math.max(current, target);
    groups[current].tokens.push(token);
  }
  return groups;
}

function splitText(
  token: Extract<InlineToken, { type: 'text' }>,
  ranges: Array<[number, number]>,
  groups: Group[],
): void {
  let cursor = token.start;
  for (let i = 0; i < ranges.length && cursor < token.end; i++) {
    const [start, end] = ranges[i];
    if (end <= cursor) continue;
    if (cursor < start) {
      const gapEnd = Math.min(start, token.end);
      if (i > 0) groups[i].gap += token.value.slice(cursor - token.start, gapEnd - token.start);
      cursor = gapEnd;
      if (cursor >= token.end) break;
    }
    const pieceEnd = Math.min(end, token.end);
    groups[i].tokens.push({
      ...token,
      value: token.value.slice(cursor - token.start, pieceEnd - token.start),
      start: cursor,
      end: pieceEnd,
    });
    cursor = pieceEnd;
  }
}

/** Reopen elements carried from the previous piece, close what is still open at the end. */
function balance(
  tokens: InlineToken[],
  carried: number[],
): { tokens: InlineToken[]; open: number[] } {
  const stack = [...carried];
  const out: InlineToken[] = carried.map((element) => ({
    type: 'open',
    element,
    start: 0,
    end: 0,
  }));
  for (const token of tokens) {
    if (token.type === 'open') stack.push(token.element);
    if (token.type === 'close') {
      const at = stack.lastIndexOf(token.element);
      if (at === -1) continue;
      stack.splice(at, 1);
    }
    out.push(token);
  }
  for (let i = stack.length - 1; i >= 0; i--)
    out.push({ type: 'close', element: stack[i], start: 0, end: 0 });
  return { tokens: out, open: stack };
}

/** Piece tokens → text with codes numbered from 1 in order of appearance. */
function serialize(tokens: InlineToken[]): { original: string; codes: number[] } {
  const codes: number[] = [];
  const codeOf = (element: number): number => {
    let index = codes.indexOf(element);
    if (index === -1) index = codes.push(element) - 1;
    return index + 1;
  };
  let original = '';
  for (const token of tokens) {
    if (token.type === 'text') original += escapeBraces(token.value);
    else if (token.type === 'open') original += `{${codeOf(token.element)}}`;
    else if (token.type === 'close') original += `{/${codeOf(token.element)}}`;
    else original += `{${codeOf(token.element)}/}`;
  }
  return { original, codes };
}
