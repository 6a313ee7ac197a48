import fc from 'fast-check';
import { parseCodes, renderDocument, segmentDocument, stripCodes } from './index';
import { parseHtml } from './parse-html';
import type { SourceNode } from './source-tree';

const words = [
  'Take',
  'Dr.',
  'Lee',
  '5',
  'mg',
  'e.g.',
  'U.S.',
  'rest',
  'a.m.',
  '{x}',
  '<b>',
  '&',
  'No.',
  'water',
  'fever?',
  'Yes!',
  '3.5',
  'St.',
  'call',
  '...',
];
const punctuation = ['', '.', '!', '?', ',', ';'];
const sentence = fc
  .tuple(
    fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }),
    fc.constantFrom(...punctuation),
  )
  .map(([w, p]) => w.join(' ') + p);
const inlineTags = ['b', 'em', 'strong', 'span'];

const escape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const inlineHtml: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    sentence.map(escape),
    fc
      .tuple(fc.constantFrom(...inlineTags), fc.array(tie('node'), { minLength: 1, maxLength: 3 }))
      .map(([tag, kids]) => `<${tag}>${kids.join(' ')}</${tag}>`),
    fc.constant('<br>'),
  ),
})).node;
const paragraph = fc
  .array(inlineHtml, { minLength: 1, maxLength: 5 })
  .map((parts) => `<p>${parts.join(' ')}</p>`);
const documentHtml = fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((ps) => ps.join('\n'));

function textOf(nodes: SourceNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : textOf(n.children))).join('');
}
const visible = (text: string): string => text.replace(/\s+/g, '');

function tagsOf(nodes: SourceNode[], out = new Set<string>()): Set<string> {
  for (const n of nodes) if (n.type === 'element') tagsOf(n.children, out.add(n.tag));
  return out;
}

function segmentOrNull(content: string) {
  try {
    return segmentDocument({ content, format: 'html', locale: 'en' });
  } catch {
    return null; // EMPTY_CONTENT for documents with no letters or digits
  }
}

describe('properties', () => {
  it('every non-space character lands in exactly one segment, in order', () => {
    fc.assert(
      fc.property(documentHtml, (html) => {
        const doc = segmentOrNull(html);
        if (!doc) return;
        const joined = visible(doc.segments.map((s) => stripCodes(s.text)).join(''));
        // Blocks with no letter or digit make no segment.
        const blocks = parseHtml(html)
          .map((p) => textOf([p]))
          .filter((t) => /[\p{L}\p{N}]/u.test(t));
        expect(joined).toBe(visible(blocks.join('')));
      }),
      { numRuns: 300 },
    );
  });

  it('codes are balanced and correctly nested in every segment', () => {
    fc.assert(
      fc.property(documentHtml, (html) => {
        for (const segment of segmentOrNull(html)?.segments ?? []) {
          const stack: number[] = [];
          const seen = new Set<number>();
          for (const token of parseCodes(segment.text)) {
            if (token.type === 'open') stack.push(token.id);
            if (token.type === 'close') expect(stack.pop()).toBe(token.id);
            if (token.type !== 'text') seen.add(token.id);
          }
          expect(stack).toEqual([]);
          expect([...seen].sort((a, b) => a - b)).toEqual([...seen].map((_, i) => i + 1));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips: rendering with the source texts gives the same text and tags', () => {
    fc.assert(
      fc.property(documentHtml, (html) => {
        const doc = segmentOrNull(html);
        if (!doc) return;
        const rendered = parseHtml(
          renderDocument(
            doc.tree,
            doc.segments.map((s) => s.text),
          ),
        );
        const source = parseHtml(html);
        expect(visible(textOf(rendered))).toBe(visible(textOf(source)));
        expect(tagsOf(rendered)).toEqual(tagsOf(source));
      }),
      { numRuns: 200 },
    );
  });

  it('rendering never emits markup that was not in the tree, whatever the targets', () => {
    fc.assert(
      fc.property(
        documentHtml,
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 12 }),
        (html, junk) => {
          const doc = segmentOrNull(html);
          if (!doc) return;
          const targets = doc.segments.map(
            (s, i) => (junk[i] ?? '') + s.text + '<script>x</script>{9}{/1}{5/}',
          );
          const rendered = parseHtml(renderDocument(doc.tree, targets));
          const allowed = tagsOf(parseHtml(html));
          for (const tag of tagsOf(rendered)) expect(allowed.has(tag)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
