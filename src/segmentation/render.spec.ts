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

describe('renderDocument joins sentences per the target script', () => {
  const d = doc('<p>Take one tablet. Drink <b>water</b>. Rest.</p><ul><li>Sleep. Eat.</li></ul>');
  const render = (targets: string[], locale?: string): string =>
    renderDocument(d.tree, targets, { locale });

  it('puts no space after full-width punctuation in Chinese (zh-Hans, zh-Hant, zh, yue)', () => {
    const zh = ['服用一片。', '多喝{1}水{/1}！', '休息（一天）', '睡觉；', '吃饭。'];
    const expected =
      '<p>服用一片。多喝<b>水</b>！休息（一天）</p>\n<ul><li>睡觉；吃饭。</li>\n</ul>\n';
    for (const locale of ['zh-Hans', 'zh-Hant', 'zh', 'yue', 'zh-CN']) {
      expect(render(zh, locale)).toBe(expected);
    }
  });

  it('puts no space after full-width punctuation or closing quotes in Japanese', () => {
    expect(render(['錠剤を一錠。', '「水を飲む」', '休む。', '寝る？', '食べる。'], 'ja')).toBe(
      '<p>錠剤を一錠。「水を飲む」休む。</p>\n<ul><li>寝る？食べる。</li>\n</ul>\n',
    );
    // A code closing after the full stop does not hide it.
    expect(render(['錠剤を一錠。', '{1}水を飲む。{/1}', '休む。'], 'ja-JP')).toBe(
      '<p>錠剤を一錠。<b>水を飲む。</b>休む。</p>\n<ul><li>Sleep. Eat.</li>\n</ul>\n',
    );
  });

  it('keeps the source spacing after a Latin full stop on a Chinese page', () => {
    expect(render(['Take 5 mg.', '休息。', '睡觉。', '吃饭。'], 'zh-Hans')).toBe(
      '<p>Take 5 mg. 休息。睡觉。</p>\n<ul><li>吃饭。Eat.</li>\n</ul>\n',
    );
  });

  it('keeps the source spacing in Arabic, Thai and Korean', () => {
    expect(render(['خذ قرصًا واحدًا.', 'اشرب {1}الماء{/1}.', 'استرح.'], 'ar')).toBe(
      '<p>خذ قرصًا واحدًا. اشرب <b>الماء</b>. استرح.</p>\n<ul><li>Sleep. Eat.</li>\n</ul>\n',
    );
    expect(render(['รับประทานหนึ่งเม็ด', 'ดื่ม{1}น้ำ{/1}', 'พักผ่อน'], 'th')).toBe(
      '<p>รับประทานหนึ่งเม็ด ดื่ม<b>น้ำ</b> พักผ่อน</p>\n<ul><li>Sleep. Eat.</li>\n</ul>\n',
    );
    expect(render(['한 알 드세요.', '물을 드세요.', '쉬세요.'], 'ko')).toContain(
      '한 알 드세요. 물을 드세요. 쉬세요.',
    );
  });

  it('keeps the source spacing when no locale is given (the source rendering)', () => {
    expect(render(['服用一片。', '多喝{1}水{/1}！'])).toContain('服用一片。 多喝<b>水</b>！');
  });

  it('adds a space between sentences of a Chinese or Japanese source in a spaced target', () => {
    const source = segmentDocument({
      content: '<p>请服用一片。多喝水！</p>',
      format: 'html',
      locale: 'zh-Hans',
    });
    expect(source.segments.map((s) => s.text)).toEqual(['请服用一片。', '多喝水！']);
    expect(
      renderDocument(source.tree, ['Take one tablet.', 'Drink water!'], { locale: 'en' }),
    ).toBe('<p>Take one tablet. Drink water!</p>\n');
    expect(
      renderDocument(source.tree, ['一錠飲んでください。', '水を飲んで！'], { locale: 'ja' }),
    ).toBe('<p>一錠飲んでください。水を飲んで！</p>\n');
  });
});
