import { segmentDocument } from '../../segmentation';
import { codeMarkupBySegment } from './code-markup';

describe('code markup from the document tree', () => {
  it('gives each segment the HTML of its codes, paired and standalone', () => {
    const { tree, segments } = segmentDocument({
      content:
        '<p>Call <a href="https://example.org/?a=1&amp;b=2">the clinic</a> first.<br>' +
        ' Then rest for <em>two</em> days with <code>x &lt; 1</code>.</p>',
      format: 'html',
      locale: 'en',
    });
    const markup = codeMarkupBySegment(tree);
    const withLink = segments.find((s) => s.text.includes('clinic'))!;
    expect(withLink.text).toBe('Call {1}the clinic{/1} first.{2/}');
    expect(markup.get(withLink.position)?.get(1)).toEqual({
      tag: 'a',
      open: '<a href="https://example.org/?a=1&amp;b=2">',
      close: '</a>',
    });
    expect(markup.get(withLink.position)?.get(2)).toEqual({ tag: 'br', open: '<br>' });
    const withCode = segments.find((s) => s.text.includes('rest'))!;
    const codes = markup.get(withCode.position)!;
    expect([...codes.values()].map((c) => c.open)).toEqual(['<em>', '<code>x &lt; 1</code>']);
  });
});
