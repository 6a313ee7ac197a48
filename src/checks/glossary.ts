import { plainText } from './codes';
import { containsTerm, inflectsIn } from './terms';
import type { CheckInput, CheckResult, GlossaryEntry } from './types';

/**
 * A glossary term found in the source (whole word, any case unless the entry is case-sensitive,
 * with its English plural: see terms.ts) needs its translation somewhere in the target; a
 * do-not-translate term needs itself, as a whole word ("Adville" is not "Advil"), in the letter
 * case written when the entry is case-sensitive.
 * For translations the target side is a case-insensitive substring test, so inflected forms
 * that start with the entry ("aspirinas") still count.
 * Several entries for one term are alternatives: any of them satisfies it.
 */
export function checkGlossary(input: CheckInput): CheckResult | null {
  const source = plainText(input.source, ' ');
  const targetText = plainText(input.target, ' ');
  const target = targetText.toLocaleLowerCase(input.targetLocale);
  const inflect = inflectsIn(input.sourceLocale);
  const inSource = (entry: GlossaryEntry) =>
    containsTerm(source, entry.term, { caseSensitive: entry.caseSensitive, inflect });
  const found = (entry: GlossaryEntry) =>
    entry.doNotTranslate
      ? containsTerm(targetText, entry.term, { caseSensitive: entry.caseSensitive })
      : target.includes(expectedText(entry, input.targetLocale));
  const missing = groupByTerm(input.glossary ?? [])
    .map(([term, entries]): [string, GlossaryEntry[]] => [term, entries.filter(inSource)])
    .filter(([, entries]) => entries.length > 0)
    .filter(([, entries]) => !entries.some(found))
    .map(([term, entries]) => ({
      term,
      expected: entries.map((e) => (e.doNotTranslate ? e.term : e.translation)),
      ...(entries.every((e) => e.doNotTranslate) ? { doNotTranslate: true } : {}),
    }));
  if (missing.length === 0) return null;
  const translated = missing.filter((m) => !m.doNotTranslate);
  const kept = missing.filter((m) => m.doNotTranslate);
  const sentences = [
    translated.length
      ? `Glossary terms are not used in the translation: ${translated.map((m) => `"${m.term}" → "${m.expected.join('" or "')}"`).join(', ')}.`
      : '',
    kept.length
      ? `Do-not-translate terms are changed or missing: keep ${kept.map((m) => `"${m.term}"`).join(', ')} as written.`
      : '',
  ];
  return {
    code: 'GLOSSARY',
    severity: 'warning',
    message: sentences.filter(Boolean).join(' '),
    details: { missing },
  };
}

function expectedText(entry: GlossaryEntry, locale: string): string {
  return (entry.doNotTranslate ? entry.term : entry.translation).trim().toLocaleLowerCase(locale);
}

function groupByTerm(entries: readonly GlossaryEntry[]): Array<[string, GlossaryEntry[]]> {
  const groups = new Map<string, GlossaryEntry[]>();
  for (const entry of entries) {
    if (entry.term.trim() === '') continue;
    const key = entry.term.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.values()].map((group) => [group[0].term.trim(), group]);
}
