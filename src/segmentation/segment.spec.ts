import {
  parseCodes,
  renderSource,
  segmentDocument,
  SegmentationError,
  segmentKey,
  normalizeText,
} from './index';

const texts = (content: string, format: 'markdown' | 'html' | 'text' = 'html'): string[] =>
  segmentDocument({ content, format, locale: 'en' }).segments.map((s) => s.text);

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SegmentationError) return error.code;
    throw error;
  }
  return undefined;
}

describe('segmentDocument', () => {
  it('decodes entities, normalises no-break spaces, and never leaks source markup into text', () => {
    expect(texts('<p>Take 5&nbsp;mg &lt;daily&gt;</p>')).toEqual(['Take 5 mg <daily>']);
  });

  it('escapes literal braces so they cannot be taken for codes', () => {
    const [text] = texts('<p>Use {1} and {/1} <b>here</b>.</p>');
    expect(text).toBe('Use {{1}} and {{/1}} {1}here{/1}.');
    expect(parseCodes(text).filter((t) => t.type !== 'text')).toHaveLength(2);
  });

  it('turns inline markup into numbered codes and keeps attributes in the tree only', () => {
    const doc = segmentDocument({
      content:
        '<p>Read the <a href="https://example.org/x" class="k">fact <em>sheet</em></a>.<br>Then <code>rest()</code>.</p>',
      format: 'html',
      locale: 'en',
    });
    expect(doc.segments.map((s) => s.text)).toEqual([
      'Read the {1}fact {2}sheet{/2}{/1}.{3/}',
      'Then {1/}.',
    ]);
    expect(JSON.stringify(doc.segments)).not.toContain('example.org');
    expect(JSON.stringify(doc.tree)).toContain('https://example.org/x');
    expect(JSON.stringify(doc.tree)).toContain('rest()');
  });

  it('splits a paired element cleanly at a sentence boundary', () => {
    expect(texts('<p><strong>Rest today. Drink <em>water. Sleep</em> well.</strong></p>')).toEqual([
      '{1}Rest today.{/1}',
      '{1}Drink {2}water.{/2}{/1}',
      '{1}{2}Sleep{/2} well.{/1}',
    ]);
  });

  it('puts the title first with kind title, even when the body has an h1', () => {
    const doc = segmentDocument({
      content: '# Asthma\n\nUse your inhaler.',
      format: 'markdown',
      locale: 'en',
      title: 'Asthma',
    });
    expect(doc.segments.map((s) => [s.position, s.kind, s.text])).toEqual([
      [0, 'title', 'Asthma'],
      [1, 'heading', 'Asthma'],
      [2, 'paragraph', 'Use your inhaler.'],
    ]);
    expect(new Set(doc.segments.map((s) => s.key)).size).toBe(3);
  });

  it('gives every translatable unit its kind (Markdown)', () => {
    const md = [
      '## Heading',
      'Para with [link](/x "Link title") and ![Alt text](/i.png).',
      '- item',
      '> quote',
      '| a | b |\n|---|---|\n| c | d |',
      '```\nnot translated\n```',
    ].join('\n\n');
    const doc = segmentDocument({ content: md, format: 'markdown', locale: 'en' });
    expect(doc.segments.map((s) => `${s.kind}:${s.text}`)).toEqual([
      'heading:Heading',
      'paragraph:Para with {1}link{/1} and {2/}.',
      'link-title:Link title',
      'alt-text:Alt text',
      'list-item:item',
      'blockquote:quote',
      'table-cell:a',
      'table-cell:b',
      'table-cell:c',
      'table-cell:d',
    ]);
  });

  it('makes no segment for blocks without translatable text', () => {
    expect(texts('<p>—</p><p><img src="x.png"></p><p>Real text.</p><pre>code()</pre>')).toEqual([
      'Real text.',
    ]);
  });

  it('drops scripts, styles, comments and event handlers', () => {
    const doc = segmentDocument({
      content:
        '<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p><script>bad()</script><style>p{}</style><!-- c -->',
      format: 'html',
      locale: 'en',
    });
    const json = JSON.stringify(doc);
    expect(doc.segments.map((s) => s.text)).toEqual(['Hi {1}there{/1}']);
    for (const bad of ['onclick', 'javascript', 'bad()', 'p{}', ' c '])
      expect(json).not.toContain(bad);
  });

  it('parses malformed HTML leniently', () => {
    // Browser-like recovery: formatting elements are reopened in the next paragraph.
    const [first, second] = texts('<p>Open <b>bold <i>both</p><p>Next</b> para.');
    expect(first).toBe('Open {1}bold {2}both{/2}{/1}');
    expect(second).toMatch(/^\{1\}\{2\}Next\{\/2\}\{\/1\}/);
    expect(() =>
      segmentDocument({
        content: '<div>'.repeat(5000) + 'deep text' + '</div>'.repeat(10),
        format: 'html',
        locale: 'en',
      }),
    ).not.toThrow();
    expect(() =>
      segmentDocument({ content: '<<p>>x</ p><table><td>y', format: 'html', locale: 'en' }),
    ).not.toThrow();
  });

  it('applies the plain-text rules', () => {
    const doc = segmentDocument({
      content:
        'Headline here\n\nFirst line.\nStill the same paragraph.\n\n• one\n• two\n- three\n\n1. first\n2. second\n\nA <b>literal</b> {brace}.',
      format: 'text',
      locale: 'en',
    });
    expect(doc.segments.map((s) => `${s.kind}:${s.text}`)).toEqual([
      'heading:Headline here',
      'paragraph:First line.',
      'paragraph:Still the same paragraph.',
      'list-item:one',
      'list-item:two',
      'list-item:three',
      'list-item:first',
      'list-item:second',
      'paragraph:A <b>literal</b> {{brace}}.',
    ]);
  });

  it('makes an inline numbered list in plain text an ordered list, markers kept by <ol>', () => {
    const doc = segmentDocument({
      content:
        '1. The first item. 2. The second item.\n\nBefore you go: 1. Lock the door. 2. Take the key.\n\n4. Fourth. 5. Fifth.',
      format: 'text',
      locale: 'en',
    });
    expect(doc.segments.map((s) => `${s.kind}:${s.text}`)).toEqual([
      'list-item:The first item.',
      'list-item:The second item.',
      'paragraph:Before you go:',
      'list-item:Lock the door.',
      'list-item:Take the key.',
      'list-item:Fourth.',
      'list-item:Fifth.',
    ]);
    expect(renderSource(doc.tree).replace(/\n/g, '')).toBe(
      '<ol><li>The first item.</li><li>The second item.</li></ol>' +
        '<p>Before you go:</p><ol><li>Lock the door.</li><li>Take the key.</li></ol>' +
        '<ol start="4"><li>Fourth.</li><li>Fifth.</li></ol>',
    );
  });

  it('keeps a number inside a sentence out of any list', () => {
    expect(texts('Take 2 tablets. Then 1. rest for 3. hours.', 'text')).not.toContain('1.');
    expect(texts('We had 1. Then 2. Then more.', 'text')).toEqual([
      'We had 1.',
      'Then 2.',
      'Then more.',
    ]);
  });

  it('never makes a segment of only a list marker, in any format', () => {
    const inputs: Array<[string, 'markdown' | 'html' | 'text']> = [
      ['1. The first item. 2. The second item.', 'markdown'],
      ['<p>Count to 2. 3. Breathe out.</p>', 'html'],
      ['<li>Rest well. 2. Drink water.</li>', 'html'],
      ['Count to 2. 3. Breathe out.', 'text'],
    ];
    for (const [content, format] of inputs) {
      expect(texts(content, format).filter((t) => /^\d+[.)]$/.test(t))).toEqual([]);
    }
  });

  it('refuses binary, empty and unknown content with coded errors', () => {
    const seg = (content: string, format = 'text'): unknown =>
      segmentDocument({ content, format: format as 'text', locale: 'en' });
    expect(errorCode(() => seg('abc\u0000def'))).toBe('BINARY_CONTENT');
    expect(errorCode(() => seg('\ufffd\ufffd\ufffd\ufffd x \u0001\u0002\u0003'))).toBe(
      'BINARY_CONTENT',
    );
    expect(errorCode(() => seg(''))).toBe('EMPTY_CONTENT');
    expect(errorCode(() => seg('   \n\n '))).toBe('EMPTY_CONTENT');
    expect(errorCode(() => seg('<p> </p><script>x</script>', 'html'))).toBe('EMPTY_CONTENT');
    expect(errorCode(() => seg('x', 'docx'))).toBe('UNSUPPORTED_FORMAT');
    expect(errorCode(() => seg(42 as unknown as string))).toBe('INVALID_CONTENT');
    expect(
      errorCode(() =>
        seg('A stray \u0007 bell is removed. The rest is fine, and long enough to pass.'),
      ),
    ).toBeUndefined();
  });
});

describe('normalizeText and segmentKey', () => {
  it('normalizes NFC and whitespace', () => {
    expect(normalizeText('  Cafe\u0301\u00a0 au\n lait ')).toBe('Café au lait');
    expect(normalizeText('これは\n家です')).toBe('これは家です');
  });

  it('is deterministic and depends on occurrence', () => {
    expect(segmentKey('Rest.', 0)).toBe(segmentKey('Rest.', 0));
    expect(segmentKey('Rest.', 0)).not.toBe(segmentKey('Rest.', 1));
    expect(segmentKey('Rest.', 0)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('gives the same keys to whitespace- and NFC-only variants', () => {
    const a = segmentDocument({ content: 'Café  au lait.\nRest.', format: 'text', locale: 'en' });
    const b = segmentDocument({
      content: 'Cafe\u0301 au lait. Rest.',
      format: 'text',
      locale: 'en',
    });
    expect(a.segments.map((s) => s.key)).toEqual(b.segments.map((s) => s.key));
  });
});
