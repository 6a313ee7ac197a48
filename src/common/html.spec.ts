import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
  });

  it('escapes an ampersand once, so existing entities are shown, not decoded', () => {
    expect(escapeHtml('&amp; &#39;')).toBe('&amp;amp; &amp;#39;');
  });

  it('leaves other text alone, including non-Latin scripts and an empty string', () => {
    expect(escapeHtml('Take 2 tablets · عنوان · 服用')).toBe('Take 2 tablets · عنوان · 服用');
    expect(escapeHtml('')).toBe('');
  });

  it('leaves no quote of either kind, so a value cannot close its attribute', () => {
    const escaped = escapeHtml(`x" onmouseover='alert(1)'`);
    expect(escaped).toBe('x&quot; onmouseover=&#39;alert(1)&#39;');
    expect(escaped).not.toMatch(/["']/);
  });
});
