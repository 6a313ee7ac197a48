import { isolateLtrRuns, sanitizePublication } from './sanitize';

describe('sanitizePublication (allow-list)', () => {
  it.each([
    ['script element', '<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    [
      'event handler',
      '<img src="https://x.test/a.png" alt="x" onerror="alert(1)">',
      '<img src="https://x.test/a.png" alt="x" />',
    ],
    ['javascript: URL', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['JaVaScRiPt: URL with entities', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['data: URL in a link', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'],
    [
      'data: URL in an image',
      '<img src="data:image/svg+xml;base64,AAAA" alt="a">',
      '<img alt="a" />',
    ],
    ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>', '<p>x</p>'],
    ['style element', '<style>body{}</style><p>x</p>', '<p>x</p>'],
    ['iframe', '<iframe src="https://evil.test"></iframe><p>x</p>', '<p>x</p>'],
    [
      'unknown class',
      '<span class="evil tms-fallback">x</span>',
      '<span class="tms-fallback">x</span>',
    ],
  ])('removes a %s', (_name, input, expected) => {
    expect(sanitizePublication(input)).toBe(expected);
  });

  it('keeps the markup the renderer produces', () => {
    const html =
      '<h2>Heading</h2>\n<p>Take <strong>5 mg</strong> <em>daily</em>.<br /></p>\n' +
      '<ol start="3"><li>One</li></ol>\n<table><tr><th scope="col">A</th><td colspan="2">B</td></tr></table>\n' +
      '<p><span lang="en" dir="ltr" class="tms-fallback">English</span></p>';
    expect(sanitizePublication(html)).toBe(html);
  });

  it('keeps safe links and marks outgoing ones noopener', () => {
    expect(sanitizePublication('<a href="https://example.org/x" title="t">x</a>')).toBe(
      '<a href="https://example.org/x" title="t" rel="noopener noreferrer">x</a>',
    );
    expect(sanitizePublication('<a href="tel:911">911</a>')).toBe('<a href="tel:911">911</a>');
    expect(sanitizePublication('<a href="//evil.test">x</a>')).toBe('<a>x</a>');
  });

  it('leaves escaped markup as text', () => {
    const text = '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt;</p>';
    expect(sanitizePublication(text)).toBe(text);
  });
});

describe('isolateLtrRuns', () => {
  it('wraps drug names, numbers and URLs in text, not in tags or entities', () => {
    const html =
      '<p>خذ <strong>Ibuprofen 200 mg</strong> واتصل على 911 &amp; https://example.org/a</p>';
    expect(isolateLtrRuns(html)).toBe(
      '<p>خذ <strong><bdi dir="ltr">Ibuprofen 200 mg</bdi></strong> واتصل على <bdi dir="ltr">911</bdi> &amp; <bdi dir="ltr">https://example.org/a</bdi></p>',
    );
  });

  it('does not touch attributes or code', () => {
    const html = '<a href="https://x.test" title="Go">نص</a><code>x = 1</code>';
    expect(isolateLtrRuns(html)).toBe(html);
  });
});
