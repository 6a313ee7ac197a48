import { fromMarkup, toMarkup } from './markup';

describe('inline codes as provider markup', () => {
  const text = 'Take {1}two{/1} tablets{2/} & wait {{calm}} <1 h.';

  it('writes XML tags for DeepL and reads them back', () => {
    const xml = toMarkup(text, 'xml');
    expect(xml).toBe('Take <x1>two</x1> tablets<x2/> &amp; wait {calm} &lt;1 h.');
    expect(fromMarkup(xml, 'xml')).toBe(text);
  });

  it('writes HTML for Google, Microsoft and LibreTranslate and reads it back', () => {
    const html = toMarkup(text, 'html');
    expect(html).toBe(
      'Take <span id="c1">two</span> tablets<img id="c2"> &amp; wait {calm} &lt;1 h.',
    );
    expect(fromMarkup(html, 'html')).toBe(text);
  });

  it('reads a translation that moved, re-quoted or self-closed the tags', () => {
    expect(fromMarkup("Tome <span id='c1' >dos</span> comprimidos<img id=c2 />.", 'html')).toBe(
      'Tome {1}dos{/1} comprimidos{2/}.',
    );
    expect(fromMarkup('<x2/>Tome <x1 >dos</x1>.', 'xml')).toBe('{2/}Tome {1}dos{/1}.');
  });

  it('resolves entities and drops tags the provider invented, keeping their text', () => {
    expect(fromMarkup('L&#39;eau <b>fraîche</b> &quot;ici&quot;&#x21;', 'html')).toBe(
      'L\'eau fraîche "ici"!',
    );
    expect(fromMarkup('<span class="x">A <span id="c3">B</span></span> C', 'html')).toBe(
      'A {3}B{/3} C',
    );
  });

  it('leaves a dropped code missing, for INLINE_CODES to report', () => {
    expect(fromMarkup('Tome dos comprimidos.', 'html')).toBe('Tome dos comprimidos.');
  });
});
