/**
 * Markdown (CommonMark + GFM tables and strikethrough) → HTML with markdown-it, then the HTML
 * parser: one tree builder for both formats, and raw HTML inside Markdown is sanitised the same
 * way as an HTML source.
 */
import MarkdownIt from 'markdown-it';
import { parseHtml } from './parse-html';
import type { SourceNode } from './source-tree';

const markdown = new MarkdownIt('default', { html: true, linkify: false, typographer: false });

export function markdownToHtml(source: string): string {
  return markdown.render(source);
}

export function parseMarkdown(source: string): SourceNode[] {
  return parseHtml(markdownToHtml(source));
}
