/**
 * HTML → SourceNode[] with parse5 (lenient, like a browser). Scripts, styles, comments,
 * embedded documents, form controls, event-handler attributes and script URLs are dropped.
 */
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { SourceNode } from './source-tree';

type ChildNode = DefaultTreeAdapterMap['childNode'];

const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'source',
  'track',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'param',
  'portal',
]);
const UNWRAPPED = new Set(['html', 'body']);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'cite',
  'poster',
  'srcset',
]);
const UNSAFE_URL = /^(?:javascript|vbscript|data(?!:image\/(?:png|gif|jpe?g|webp);))/i;
const MAX_DEPTH = 400;

function safeAttributes(attrs: Array<{ name: string; value: string }>): Array<[string, string]> {
  const kept: Array<[string, string]> = [];
  for (const { name, value } of attrs) {
    if (/^on/i.test(name) || name === 'srcdoc' || !/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(name))
      continue;
    // eslint-disable-next-line no-control-regex
    if (URL_ATTRIBUTES.has(name) && UNSAFE_URL.test(value.replace(/[\u0000-\u0020]/g, '')))
      continue;
    kept.push([name, value]);
  }
  return kept;
}

/** Text of deep markup, without recursion; dropped elements contribute nothing. */
function flatText(nodes: ChildNode[]): string {
  let out = '';
  const stack: ChildNode[] = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop() as ChildNode;
    if (node.nodeName === '#text') out += (node as DefaultTreeAdapterMap['textNode']).value;
    else if ('tagName' in node && !DROPPED.has(node.tagName) && !('content' in node))
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
  }
  return out;
}

function convert(nodes: ChildNode[], depth: number, out: SourceNode[]): SourceNode[] {
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      out.push({ type: 'text', value: (node as DefaultTreeAdapterMap['textNode']).value });
      continue;
    }
    if (!('tagName' in node)) continue; // comments, doctype
    const tag = node.tagName.toLowerCase();
    if (DROPPED.has(tag)) continue;
    const children = 'content' in node ? [] : node.childNodes;
    if (UNWRAPPED.has(tag)) {
      convert(children, depth + 1, out);
      continue;
    }
    const element: SourceNode = {
      type: 'element',
      tag,
      attrs: safeAttributes(node.attrs),
      children: [],
    };
    if (depth > MAX_DEPTH) {
      // Pathologically deep markup: keep the text, flatten the structure.
      out.push({ type: 'text', value: flatText(children) });
      continue;
    }
    convert(children, depth + 1, element.children);
    out.push(element);
  }
  return out;
}

export function parseHtml(html: string): SourceNode[] {
  const fragment = parseFragment(html);
  return convert(fragment.childNodes, 0, []);
}
