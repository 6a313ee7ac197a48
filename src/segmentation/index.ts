/**
 * Segmentation engine (pure TypeScript): source (Markdown, HTML, plain text) → block tree +
 * segments; sentence splitting; rendering back to HTML; alignment of two versions.
 * See README.md in this folder.
 */
import { TreeBuilder } from './build';
import { escapeBraces } from './codes';
import { normalizeText, segmentKey } from './normalize';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parseText } from './parse-text';
import type { SourceNode } from './source-tree';
import { DocumentTree, Segment, SegmentationError, SegmentedDocument, SourceFormat } from './types';

export * from './types';
export { parseCodes, scanCodes, stripCodes, escapeBraces } from './codes';
export type { CodeToken, StrayBrace } from './codes';
export { normalizeText, segmentKey } from './normalize';
export { splitSentences, sentenceBreaks } from './sentences';
export { renderDocument, renderSource } from './render';
export type { RenderTarget, RenderOptions } from './render';
export { alignSegments, SIMILARITY_THRESHOLD } from './align';
export { rekeyRepeats } from './rekey';
export { joinPhrases, joinsWithoutSpaces } from './script-spacing';
export type { KeyedText } from './rekey';
export type { AlignmentRelation, AlignedSegment, Alignment, AlignableSegment } from './align';
export { markdownToHtml } from './parse-markdown';
export { countWords } from './words';

const FORMATS: Record<SourceFormat, (content: string) => SourceNode[]> = {
  markdown: parseMarkdown,
  html: parseHtml,
  text: parseText,
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * Refuse binary content: any NUL byte, or control / U+FFFD replacement characters making up
 * more than 1% of the text (at least 3 of them). Isolated control characters are removed.
 */
function checkContent(content: unknown): string {
  if (typeof content !== 'string')
    throw new SegmentationError('INVALID_CONTENT', 'content must be a string');
  if (content.includes('\u0000'))
    throw new SegmentationError('BINARY_CONTENT', 'content contains NUL bytes');
  const suspicious =
    (content.match(CONTROL)?.length ?? 0) + (content.match(/\ufffd/g)?.length ?? 0);
  if (suspicious >= 3 && suspicious > content.length * 0.01) {
    throw new SegmentationError(
      'BINARY_CONTENT',
      'content looks binary (control or replacement characters)',
    );
  }
  return suspicious ? content.replace(CONTROL, '') : content;
}

function withKeys(drafts: Array<{ kind: Segment['kind']; text: string }>): Segment[] {
  const seen = new Map<string, number>();
  return drafts.map((draft, position) => {
    const occurrence = seen.get(draft.text) ?? 0;
    seen.set(draft.text, occurrence + 1);
    return {
      position,
      kind: draft.kind,
      text: draft.text,
      key: segmentKey(draft.text, occurrence),
    };
  });
}

export function segmentDocument(input: {
  content: string;
  format: SourceFormat;
  locale: string;
  title?: string;
}): SegmentedDocument {
  const parse = Object.prototype.hasOwnProperty.call(FORMATS, input.format)
    ? FORMATS[input.format]
    : undefined;
  if (!parse)
    throw new SegmentationError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${String(input.format)}`,
    );
  const content = checkContent(input.content);
  if (content.trim() === '') throw new SegmentationError('EMPTY_CONTENT', 'content is empty');
  const builder = new TreeBuilder(input.locale);
  const title =
    input.title === undefined ? '' : normalizeText(escapeBraces(checkContent(input.title)));
  const titleSegment = title ? builder.addSegment('title', title) : null;
  const body = builder.build(parse(content));
  if (builder.segments.length === (titleSegment === null ? 0 : 1)) {
    throw new SegmentationError('EMPTY_CONTENT', 'content has no translatable text');
  }
  const tree: DocumentTree = {
    version: 1,
    format: input.format,
    locale: input.locale,
    title: titleSegment === null ? null : { segment: titleSegment, original: input.title ?? '' },
    body,
    segmentCount: builder.segments.length,
  };
  return { tree, segments: withKeys(builder.segments) };
}
