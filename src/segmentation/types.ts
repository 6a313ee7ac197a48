/**
 * Shapes shared by the segmentation module. Everything in a DocumentTree is plain JSON data:
 * it is stored in a jsonb column and rendered, possibly years later, by renderDocument.
 */

export type SourceFormat = 'markdown' | 'html' | 'text';

export type SegmentKind =
  | 'title'
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'table-cell'
  | 'blockquote'
  | 'caption'
  | 'alt-text'
  | 'link-title';

export interface Segment {
  /** 0-based document order; a given title is position 0 with kind 'title'. */
  position: number;
  kind: SegmentKind;
  /** NFC, whitespace-collapsed, trimmed, with inline codes {1}…{/1} {2/}; literal braces doubled. */
  text: string;
  /** segmentKey(text, occurrence). */
  key: string;
}

/** An HTML attribute kept verbatim in the tree (never in segment text). */
export type Attr = [name: string, value: string];

/** A block-level element (div, ul, table, p, h2, pre…): rendered as-is around its children. */
export interface ElementNode {
  t: 'el';
  tag: string;
  attrs: Attr[];
  children: TreeNode[];
}

/** Text that is not translatable (code blocks): rendered escaped, verbatim. */
export interface RawNode {
  t: 'raw';
  text: string;
}

/**
 * An inline element referenced by codes. Paired elements (em, a, span…) become {n}…{/n};
 * standalone ones (br, img, inline code) become {n/}. `content` is the text of inline code,
 * which stays in the tree. `attrSegments` maps a translatable attribute (alt, title) to the
 * index of the segment holding its text.
 */
export interface InlineElement {
  tag: string;
  attrs: Attr[];
  standalone: boolean;
  content?: string;
  attrSegments?: Record<string, number>;
}

/**
 * One sentence of a text block. `segment` is the segment index, or null when the piece has
 * no translatable text (it is then always rendered from `original`). `codes[n - 1]` is the
 * index in TextBlockNode.elements of code n. `gap` is the source whitespace before the piece.
 * `original` is the source text of the piece (codes, not normalized) for rendering the source.
 */
export interface BlockPiece {
  segment: number | null;
  gap: string;
  codes: number[];
  original: string;
}

/** A run of inline content (a paragraph, a heading, a list item's text…). */
export interface TextBlockNode {
  t: 'block';
  kind: SegmentKind;
  elements: InlineElement[];
  pieces: BlockPiece[];
}

export type TreeNode = ElementNode | RawNode | TextBlockNode;

export interface DocumentTree {
  version: 1;
  format: SourceFormat;
  locale: string;
  /** The title segment (index 0) and its source text, when a title was given. */
  title: { segment: number; original: string } | null;
  body: TreeNode[];
  /** Number of segments, title included. */
  segmentCount: number;
}

export interface SegmentedDocument {
  tree: DocumentTree;
  segments: Segment[];
}

export type SegmentationErrorCode =
  'EMPTY_CONTENT' | 'BINARY_CONTENT' | 'UNSUPPORTED_FORMAT' | 'INVALID_CONTENT';

export class SegmentationError extends Error {
  constructor(
    readonly code: SegmentationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SegmentationError';
  }
}
