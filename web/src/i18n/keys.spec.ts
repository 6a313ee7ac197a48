import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTERFACE_LANGUAGES } from './languages';

/** Every interface language has every key English has, and no key English lacks. */
const localesDir = path.resolve(__dirname, '../../../locales');

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

function load(lng: string): Map<string, string> {
  return flatten(JSON.parse(fs.readFileSync(path.join(localesDir, lng, 'app.json'), 'utf8')));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * A language's expected keys: English's, with each plural key (i18next's `key_one`/`key_other`)
 * replaced by the plural forms that language has (Arabic six, Chinese one), as i18next asks
 * for `key_few` in Arabic and finds nothing to fall back on.
 */
function expectedKeys(english: Map<string, string>, lng: string): Set<string> {
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const out = new Set<string>();
  for (const key of english.keys()) {
    const base = key.replace(PLURAL, '');
    if (base !== key && english.has(`${base}_other`)) {
      for (const category of categories) out.add(`${base}_${category}`);
    } else out.add(key);
  }
  return out;
}

/** English text a language's key is compared with: `key_few` is checked against `key_other`. */
function englishFor(english: Map<string, string>, key: string): string | undefined {
  return english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
}

const interpolations = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('interface text', () => {
  const english = load('en');

  it('has English text', () => {
    expect(english.size).toBeGreaterThan(20);
  });

  it.each(INTERFACE_LANGUAGES.filter((l) => l !== 'en'))('%s has every key, translated', (lng) => {
    const other = load(lng);
    const expected = expectedKeys(english, lng);
    const missing = [...expected].filter((k) => !other.has(k));
    const extra = [...other.keys()].filter((k) => !expected.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    const empty = [...other].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(INTERFACE_LANGUAGES.filter((l) => l !== 'en'))(
    '%s keeps every {{placeholder}} of the English',
    (lng) => {
      const other = load(lng);
      const broken = [...other]
        .filter(([k, v]) => {
          const source = englishFor(english, k);
          if (source === undefined) return false;
          // A plural form may leave the number out ("one day" for {{count}} = 1), nothing else.
          const wanted = interpolations(source).filter(
            (name) => !(PLURAL.test(k) && name === 'count'),
          );
          const found = interpolations(v).filter((name) => !(PLURAL.test(k) && name === 'count'));
          return wanted.join() !== found.join();
        })
        .map(([k]) => k);
      expect(broken).toEqual([]);
    },
  );
});
