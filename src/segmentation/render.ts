/**
 * DocumentTree + one target per segment → HTML. Text is always escaped; tags and attributes
 * come only from the tree. Codes in a target are looked up in the piece's code table; a code
 * the tree does not know, or of the wrong kind, renders as nothing. Paired elements left open
 * are closed at the end of the segment; stray closes are dropped.
 */
import { escapeHtml } from '../common/html';
import { parseCodes } from './codes';
import { endsWithFullWidthPunctuation, joinsWithoutSpaces } from './script-spacing';
import type {
  Attr,
  BlockPiece,
  DocumentTree,
  InlineElement,
  TextBlockNode,
  TreeNode,
} from './types';

export type RenderTarget =
  string | { text: string; lang: string; dir: 'ltr' | 'rtl'; fallback?: boolean };

export interface RenderOptions {
  /** Render segments whose target is missing from their source text (default true). */
  sourceForMissing?: boolean;
  /**
   * The locale of the targets (BCP 47). Sentences of a block are joined as that script does:
   * in Chinese and Japanese no space follows full-width punctuation; elsewhere the source's
   * spacing is kept. Without it, the source's spacing is kept everywhere.
   */
  locale?: string;
}

type Event =
  | { type: 'text'; value: string }
  | { type: 'open' | 'close' | 'standalone'; element: number }
  | { type: 'wrap-open'; lang: string; dir: string }
  | { type: 'wrap-close' };

const TAG_NAME = /^[a-z][a-z0-9-]*$/;
const ATTR_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const VOID = new Set(['br', 'img', 'wbr', 'hr', 'col', 'area']);

function attributes(attrs: Attr[], overrides: Record<string, string> = {}): string {
  let out = '';
  for (const [name, value] of attrs) {
    if (!ATTR_NAME.test(name) || /^on/i.test(name)) continue;
    out += ` ${name}="${escapeHtml(overrides[name] ?? value)}"`;
  }
  return out;
}

interface Targets {
  text(segment: number): string | null;
  fallback(segment: number): { lang: string; dir: string } | null;
}

function targetsOf(targets: RenderTarget[]): Targets {
  return {
    text: (segment) => {
      const target = targets[segment];
      if (target === undefined || target === null) return null;
      return typeof target === 'string' ? target : target.text;
    },
    fallback: (segment) => {
      const target = targets[segment];
      if (!target || typeof target === 'string' || !target.fallback) return null;
      return { lang: target.lang, dir: target.dir === 'rtl' ? 'rtl' : 'ltr' };
    },
  };
}

function plain(text: string): string {
  return parseCodes(text)
    .map((token) => (token.type === 'text' ? token.value : ''))
    .join('');
}

/** One piece's events: codes mapped to the block's elements, invalid codes dropped, balanced. */
function pieceEvents(piece: BlockPiece, text: string, elements: InlineElement[]): Event[] {
  const events: Event[] = [];
  const stack: number[] = [];
  for (const token of parseCodes(text)) {
    if (token.type === 'text') {
      events.push({ type: 'text', value: token.value });
      continue;
    }
    const element = piece.codes[token.id - 1];
    const known = element !== undefined && elements[element] !== undefined;
    if (!known) continue;
    const standalone = elements[element].standalone;
    if (token.type === 'standalone' && standalone) events.push({ type: 'standalone', element });
    else if (token.type === 'open' && !standalone) {
      stack.push(element);
      events.push({ type: 'open', element });
    } else if (token.type === 'close' && stack.includes(element)) {
      // Close inner elements first, then reopen them (keeps the output well nested).
      const reopen: number[] = [];
      while (stack.length) {
        const top = stack.pop() as number;
        events.push({ type: 'close', element: top });
        if (top === element) break;
        reopen.unshift(top);
      }
      for (const again of reopen) {
        stack.push(again);
        events.push({ type: 'open', element: again });
      }
    }
  }
  while (stack.length) events.push({ type: 'close', element: stack.pop() as number });
  return events;
}

/** How the sentences of a block are joined for the target locale. */
interface Joining {
  /** The target script needs no space after full-width punctuation (Chinese, Japanese). */
  glueAfterFullWidth: boolean;
  /** The source had no spaces between sentences but the target script wants one. */
  spaceAfterSpacelessSource: boolean;
}

type Settings = RenderOptions & { joining: Joining };

function joiningFor(sourceLocale: string, targetLocale: string | undefined): Joining {
  if (targetLocale === undefined)
    return { glueAfterFullWidth: false, spaceAfterSpacelessSource: false };
  const target = joinsWithoutSpaces(targetLocale);
  return {
    glueAfterFullWidth: target,
    spaceAfterSpacelessSource: !target && joinsWithoutSpaces(sourceLocale),
  };
}

/** The text between two sentences: the source's gap, dropped or added per the target script. */
function joinGap(sourceGap: string, before: string, joining: Joining): string {
  if (joining.glueAfterFullWidth && endsWithFullWidthPunctuation(before)) return '';
  if (joining.spaceAfterSpacelessSource && sourceGap === '' && /\S$/u.test(before)) return ' ';
  return sourceGap;
}

/** The last text rendered so far (events after it are tags), or '' when there is none. */
function lastText(out: Event[]): string {
  for (let i = out.length - 1; i >= 0; i--) {
    const event = out[i];
    if (event.type === 'text' && event.value !== '') return event.value;
  }
  return '';
}

/**
 * Join a block's pieces with the source's gap, or none after full-width punctuation in a
 * script written without spaces; an element split by a sentence boundary becomes one again.
 */
function blockEvents(block: TextBlockNode, targets: Targets, options: Settings): Event[] {
  const out: Event[] = [];
  for (const piece of block.pieces) {
    if (out.length) {
      const gap = joinGap(piece.gap, lastText(out), options.joining);
      if (gap) out.push({ type: 'text', value: gap });
    }
    const target = piece.segment === null ? null : targets.text(piece.segment);
    const text = target ?? (options.sourceForMissing === false ? '' : piece.original);
    const events = pieceEvents(piece, text, block.elements);
    const fallback = piece.segment === null ? null : targets.fallback(piece.segment);
    if (fallback) out.push({ type: 'wrap-open', ...fallback });
    for (const event of events) {
      if (event.type === 'open' && rejoin(out, event.element)) continue;
      out.push(event);
    }
    if (fallback) out.push({ type: 'wrap-close' });
  }
  return out;
}

/** If `out` ends with a close of `element` (then only whitespace), drop that close. */
function rejoin(out: Event[], element: number): boolean {
  let i = out.length - 1;
  while (i >= 0) {
    const event = out[i];
    if (event.type === 'text' && event.value.trim() === '') {
      i--;
      continue;
    }
    if (event.type === 'close' && event.element === element) {
      out.splice(i, 1);
      return true;
    }
    return false;
  }
  return false;
}

function elementHtml(
  element: InlineElement,
  targets: Targets,
  kind: 'open' | 'close' | 'standalone',
): string {
  const tag = element.tag;
  if (!TAG_NAME.test(tag)) return '';
  if (kind === 'close') return `</${tag}>`;
  const overrides: Record<string, string> = {};
  for (const [name, segment] of Object.entries(element.attrSegments ?? {})) {
    const text = targets.text(segment);
    if (text !== null) overrides[name] = plain(text);
  }
  const open = `<${tag}${attributes(element.attrs, overrides)}>`;
  if (kind === 'open') return open;
  if (element.content !== undefined) return `${open}${escapeHtml(element.content)}</${tag}>`;
  return VOID.has(tag) ? open : `${open}</${tag}>`;
}

function renderBlock(block: TextBlockNode, targets: Targets, options: Settings): string {
  let html = '';
  for (const event of blockEvents(block, targets, options)) {
    if (event.type === 'text') html += escapeHtml(event.value);
    else if (event.type === 'wrap-open')
      html += `<span lang="${escapeHtml(event.lang)}" dir="${event.dir}" class="tms-fallback">`;
    else if (event.type === 'wrap-close') html += '</span>';
    else html += elementHtml(block.elements[event.element], targets, event.type);
  }
  return html;
}

function renderNodes(
  nodes: TreeNode[],
  targets: Targets,
  options: Settings,
  verbatim = false,
): string {
  let html = '';
  for (const node of nodes) {
    if (node.t === 'raw') html += escapeHtml(node.text);
    else if (node.t === 'block') html += renderBlock(node, targets, options);
    else if (TAG_NAME.test(node.tag)) {
      // Inside <pre> every character counts: no newline between elements.
      const inner = verbatim || node.tag === 'pre';
      const newline = inner ? '' : '\n';
      const open = `<${node.tag}${attributes(node.attrs)}>`;
      html += VOID.has(node.tag)
        ? `${open}${newline}`
        : `${open}${renderNodes(node.children, targets, options, inner)}</${node.tag}>${newline}`;
    }
  }
  return html;
}

/**
 * The body as HTML (the title is not part of it). `targets[i]` is the text of segment i; a
 * missing target renders the source text unless `sourceForMissing` is false.
 */
export function renderDocument(
  tree: DocumentTree,
  targets: RenderTarget[],
  options: RenderOptions = {},
): string {
  const joining = joiningFor(tree.locale, options.locale);
  return renderNodes(tree.body, targetsOf(targets), { ...options, joining });
}

/** The body rendered from the source texts kept in the tree (not normalized). */
export function renderSource(tree: DocumentTree): string {
  return renderDocument(tree, []);
}
