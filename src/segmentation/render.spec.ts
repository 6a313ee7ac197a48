import { renderDocument, segmentDocument } from './index';

const doc = (content: string, format: 'html' | 'markdown' | 'text' = 'html') =>
  segmentDocument({ content, format, locale: 'en' });

describe('renderDocument', () => {
  it('restores codes from the tree and rejoins an element split across sentences', () => {
    const d = doc('<p><strong>Rest today. Drink <a href="/w">water</a>.</strong></p>');
    expect(
      renderDocument(
        d.tree,
        d.segments.map((s) => s.text),
      ),
    ).toBe('<p><strong>Rest today. Drink <a href="/w">water</a>.</strong></p>\n');
    expect(renderDocument(d.tree, ['{1}Descanse hoy.{/1}', '{1}Beba {2}agua{/2}.{/1}'])).toBe(
      '<p><strong>Descanse hoy. Beba <a href="/w">agua</a>.</strong></p>\n',
    );
  });

  it('escapes target text and never injects markup from a target', () => {
    const d = doc('<p>Take <b>one</b> pill.</p>');
    const html = renderDocument(d.tree, [
      '<script>alert(1)</script> {1}<img onerror=x>{/1} {7}x{/7} {2/} {/1}',
    ]);
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; <b>&lt;img onerror=x&gt;</b> x  </p>\n',
    );
  });

  it('closes unclosed codes and keeps output well nested', () => {
    const d = doc('<p><b>a <i>b</i> c</b> d.</p>');
    expect(renderDocument(d.tree, ['{1}x {2}y{/1} z'])).toBe('<p><b>x <i>y</i></b><i> z</i></p>\n');
  });

  it('renders translated alt text and link titles from their own segments', () => {
    const d = doc('![A nurse](/n.png)\n\nSee [the chart](/c "Dose chart").', 'markdown');
    expect(d.segments.map((s) => s.kind)).toEqual(['alt-text', 'paragraph', 'link-title']);
    const html = renderDocument(d.tree, [
      'Una "enfermera"',
      'Vea {1}la tabla{/1}.',
      'Tabla <de> dosis',
    ]);
    expect(html).toContain('alt="Una &quot;enfermera&quot;"');
    expect(html).toContain('<a href="/c" title="Tabla &lt;de&gt; dosis">la tabla</a>');
  });

  it('wraps fallback segments so screen readers switch language', () => {
    const d = doc('<p>One. Two.</p>');
    const html = renderDocument(d.tree, [
      'Uno.',
      { text: 'Two.', lang: 'en', dir: 'ltr', fallback: true },
    ]);
    expect(html).toBe('<p>Uno. <span lang="en" dir="ltr" class="tms-fallback">Two.</span></p>\n');
  });

  it('keeps code blocks and inline code verbatim and escaped', () => {
    const d = doc('Run `a<b` now.\n\n```\nif (a < b) {}\n```', 'markdown');
    const html = renderDocument(d.tree, ['Ejecute {1/} ahora.']);
    expect(html).toContain('Ejecute <code>a&lt;b</code> ahora.');
    expect(html).toContain('<pre><code>if (a &lt; b) {}\n</code></pre>');
  });

  it('renders the source for missing targets unless told otherwise', () => {
    const d = doc('<p>One. Two.</p>');
    expect(renderDocument(d.tree, ['Uno.'])).toBe('<p>Uno. Two.</p>\n');
    expect(renderDocument(d.tree, ['Uno.'], { sourceForMissing: false })).toBe('<p>Uno. </p>\n');
  });
});
