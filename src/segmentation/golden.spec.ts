/**
 * Golden-file round trips: each fixture is segmented (compared with its *.segments.json) and
 * rendered back with the source texts; the HTML must be equivalent to the source's HTML
 * (same elements, attributes and text once whitespace is collapsed). Regenerate the golden
 * files with UPDATE_GOLDEN=1 after reviewing a deliberate change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  markdownToHtml,
  renderDocument,
  renderSource,
  segmentDocument,
  SourceFormat,
} from './index';
import { parseHtml } from './parse-html';
import { parseText } from './parse-text';
import { SourceNode } from './source-tree';

const dir = path.join(__dirname, '__fixtures__');

/** A canonical form of HTML: sanitised like a source, whitespace collapsed, attributes sorted. */
export function canonical(nodes: SourceNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value.replace(/\s+/g, ' ');
      const attrs = [...node.attrs]
        .sort()
        .map(([n, v]) => ` ${n}="${v}"`)
        .join('');
      return `<${node.tag}${attrs}>${canonical(node.children)}</${node.tag}>`;
    })
    .join('')
    .replace(
      /\s*(<\/?(?:p|li|ul|ol|h\d|table|thead|tbody|tr|td|th|caption|figure|figcaption|blockquote|pre|div)\b[^>]*>)\s*/g,
      '$1',
    );
}

const cases: Array<[string, SourceFormat, (source: string) => string]> = [
  ['article.md', 'markdown', (source) => canonical(parseHtml(markdownToHtml(source)))],
  ['article.html', 'html', (source) => canonical(parseHtml(source))],
  ['article.txt', 'text', (source) => canonical(parseText(source))],
];

describe.each(cases)('golden fixture %s', (file, format, expectedHtml) => {
  const source = readFileSync(path.join(dir, file), 'utf8');
  const doc = segmentDocument({ content: source, format, locale: 'en', title: 'Fixture title' });
  const goldenPath = path.join(dir, `${file}.segments.json`);
  const segments = doc.segments.map(({ position, kind, text }) => ({ position, kind, text }));

  it('segments as recorded in the golden file', () => {
    if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath)) {
      writeFileSync(goldenPath, `${JSON.stringify(segments, null, 2)}\n`);
    }
    expect(segments).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });

  it('renders back to equivalent HTML with the source texts', () => {
    const rendered = renderDocument(
      doc.tree,
      doc.segments.map((s) => s.text),
    );
    expect(canonical(parseHtml(rendered))).toBe(expectedHtml(source));
  });

  it('renders the original source text too, and the tree survives JSON', () => {
    const tree = JSON.parse(JSON.stringify(doc.tree));
    expect(renderSource(tree)).toBe(renderSource(doc.tree));
    expect(tree.version).toBe(1);
  });
});

it('the plain-text fixture renders to the recorded HTML', () => {
  const source = readFileSync(path.join(dir, 'article.txt'), 'utf8');
  const doc = segmentDocument({ content: source, format: 'text', locale: 'en' });
  const rendered = canonical(
    parseHtml(
      renderDocument(
        doc.tree,
        doc.segments.map((s) => s.text),
      ),
    ),
  );
  const goldenPath = path.join(dir, 'article.txt.html');
  if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath))
    writeFileSync(goldenPath, `${rendered}\n`);
  // Compared in canonical form, so reformatting the golden file does not matter.
  expect(rendered).toBe(canonical(parseHtml(readFileSync(goldenPath, 'utf8'))));
});
