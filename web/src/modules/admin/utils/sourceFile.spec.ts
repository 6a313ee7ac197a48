import { formatFromFileName, guessFormat, titleFromContent } from './sourceFile';

describe('formatFromFileName', () => {
  it('maps known extensions, in any case', () => {
    expect(formatFromFileName('fatigue.md')).toBe('markdown');
    expect(formatFromFileName('FATIGUE.MARKDOWN')).toBe('markdown');
    expect(formatFromFileName('page.htm')).toBe('html');
    expect(formatFromFileName('page.html')).toBe('html');
    expect(formatFromFileName('notes.txt')).toBe('text');
  });

  it('names nothing for other or missing extensions', () => {
    expect(formatFromFileName('report.docx')).toBeNull();
    expect(formatFromFileName('README')).toBeNull();
    expect(formatFromFileName('trailing.')).toBeNull();
  });
});

describe('guessFormat', () => {
  it('recognises HTML', () => {
    expect(guessFormat('<h1>Fever</h1><p>Drink water.</p>')).toBe('html');
    expect(guessFormat('Intro <p>Drink water.</p>')).toBe('html');
  });

  it('recognises Markdown', () => {
    expect(guessFormat('# Fever\n\nDrink water.')).toBe('markdown');
    expect(guessFormat('Drink water.\n\n- rest\n- eat')).toBe('markdown');
    expect(guessFormat('See [the leaflet](https://example.org).')).toBe('markdown');
  });

  it('falls back to plain text', () => {
    expect(guessFormat('Fever\n\nDrink water. Rest 2 < 3 days.')).toBe('text');
  });
});

describe('titleFromContent', () => {
  it('takes the first heading', () => {
    expect(titleFromContent('Intro\n\n# Managing fever\n\nText', 'markdown')).toBe(
      'Managing fever',
    );
    expect(titleFromContent('<h1 class="x">Managing <em>fever</em></h1>', 'html')).toBe(
      'Managing fever',
    );
  });

  it('takes a short first line of plain text, else nothing', () => {
    expect(titleFromContent('\nManaging fever\n\nText', 'text')).toBe('Managing fever');
    expect(titleFromContent('No heading here', 'markdown')).toBe('');
  });
});
