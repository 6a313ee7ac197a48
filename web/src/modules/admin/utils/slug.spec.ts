import { isSlug, slugify } from './slug';

describe('slugify', () => {
  it('makes a slug from a title', () => {
    expect(slugify('Managing fatigue during treatment')).toBe('managing-fatigue-during-treatment');
    expect(slugify('  Eat well: 5 tips (for you!) ')).toBe('eat-well-5-tips-for-you');
  });

  it('drops accents and folds a few letters', () => {
    expect(slugify('Fièvre après la vaccination')).toBe('fievre-apres-la-vaccination');
    expect(slugify('Große Übung')).toBe('grosse-ubung');
  });

  it('gives an empty slug for a title without Latin letters or digits', () => {
    expect(slugify('发烧')).toBe('');
    expect(slugify('!!!')).toBe('');
  });

  it('cuts a long title at a hyphen', () => {
    const slug = slugify('word '.repeat(40), 24);
    expect(slug.length).toBeLessThanOrEqual(24);
    expect(isSlug(slug)).toBe(true);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('always yields a valid slug or nothing', () => {
    for (const title of ['A -- B', '--x--', 'Ça va? Oui.', 'COVID-19 & you', 'a'.repeat(200)]) {
      const slug = slugify(title);
      expect(slug === '' || isSlug(slug)).toBe(true);
    }
  });
});

describe('isSlug', () => {
  it('accepts the server rule only', () => {
    expect(isSlug('health-library')).toBe(true);
    expect(isSlug('Health')).toBe(false);
    expect(isSlug('a--b')).toBe(false);
    expect(isSlug('-a')).toBe(false);
    expect(isSlug('')).toBe(false);
  });
});
