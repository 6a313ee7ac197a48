/** The parsers' common output: a minimal, already sanitised element tree. */
export type SourceNode = SourceText | SourceElement;

export interface SourceText {
  type: 'text';
  value: string;
}

export interface SourceElement {
  type: 'element';
  tag: string;
  attrs: Array<[string, string]>;
  children: SourceNode[];
}

export function element(
  tag: string,
  children: SourceNode[],
  attrs: Array<[string, string]> = [],
): SourceElement {
  return { type: 'element', tag, attrs, children };
}

export function text(value: string): SourceText {
  return { type: 'text', value };
}

/** Elements laid out as blocks; any other element is inline. */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

export const VOID_TAGS = new Set(['br', 'img', 'wbr', 'hr', 'col', 'area']);

export function textContent(node: SourceNode): string {
  let out = '';
  const stack: SourceNode[] = [node];
  while (stack.length) {
    const current = stack.pop() as SourceNode;
    if (current.type === 'text') out += current.value;
    else for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return out;
}
