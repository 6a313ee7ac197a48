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

const interpolations = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('interface text', () => {
  const english = load('en');

  it('has English text', () => {
    expect(english.size).toBeGreaterThan(20);
  });

  it.each(INTERFACE_LANGUAGES.filter((l) => l !== 'en'))('%s has every key, translated', (lng) => {
    const other = load(lng);
    const missing = [...english.keys()].filter((k) => !other.has(k));
    const extra = [...other.keys()].filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    const empty = [...other].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(INTERFACE_LANGUAGES.filter((l) => l !== 'en'))(
    '%s keeps every {{placeholder}} of the English',
    (lng) => {
      const other = load(lng);
      const broken = [...english]
        .filter(
          ([k, v]) =>
            other.has(k) &&
            interpolations(other.get(k) as string).join() !== interpolations(v).join(),
        )
        .map(([k]) => k);
      expect(broken).toEqual([]);
    },
  );
});
