import { escapeHtml } from '../../common/html';
import type { DocumentTree, InlineElement, TreeNode } from '../../segmentation/types';
import type { CodeMarkup } from './unit';

/**
 * The original markup of every inline code, per segment index, from a source version's tree:
 * code n of a segment is `pieces[].codes[n - 1]`, an index into the block's `elements`.
 * Markup is written as HTML whatever the source format (markdown emphasis is `<em>`).
 */
export function codeMarkupBySegment(tree: DocumentTree): Map<number, Map<number, CodeMarkup>> {
  const bySegment = new Map<number, Map<number, CodeMarkup>>();
  const visit = (nodes: readonly TreeNode[]): void => {
    for (const node of nodes) {
      if (node.t === 'el') visit(node.children);
      if (node.t !== 'block') continue;
      for (const piece of node.pieces) {
        if (piece.segment === null || piece.codes.length === 0) continue;
        const codes = new Map<number, CodeMarkup>();
        piece.codes.forEach((element, index) => {
          const inline = node.elements[element];
          if (inline) codes.set(index + 1, markupOf(inline));
        });
        bySegment.set(piece.segment, codes);
      }
    }
  };
  visit(tree.body);
  return bySegment;
}

const VOID = new Set(['br', 'img', 'wbr', 'hr']);

export function markupOf(element: InlineElement): CodeMarkup {
  const attrs = element.attrs.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  const open = `<${element.tag}${attrs}>`;
  if (!element.standalone) return { tag: element.tag, open, close: `</${element.tag}>` };
  if (element.content !== undefined)
    return {
      tag: element.tag,
      open: `${open}${escapeHtml(element.content)}</${element.tag}>`,
    };
  return { tag: element.tag, open: VOID.has(element.tag) ? open : `${open}</${element.tag}>` };
}
