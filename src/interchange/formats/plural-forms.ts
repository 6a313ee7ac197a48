/**
 * The gettext Plural-Forms header line for a locale. Our segments have no plural forms, but PO
 * editors (Poedit, Weblate) and msgfmt expect the header to name the language's rule; these are
 * the rules of gettext's own table for the languages we serve. A language not listed gets the
 * form CLDR implies when it has one or two categories, else the two-form rule.
 */
const ONE = 'nplurals=1; plural=0;';
const NOT_ONE = 'nplurals=2; plural=(n != 1);';
const ABOVE_ONE = 'nplurals=2; plural=(n > 1);';
const SLAVIC_EAST =
  'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);';

const RULES: Record<string, string> = {
  ar: 'nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);',
  he: 'nplurals=2; plural=(n != 1);',
  fr: ABOVE_ONE,
  'pt-BR': ABOVE_ONE,
  hi: ABOVE_ONE,
  fa: ABOVE_ONE,
  tr: ABOVE_ONE,
  ru: SLAVIC_EAST,
  uk: SLAVIC_EAST,
  be: SLAVIC_EAST,
  sr: SLAVIC_EAST,
  hr: SLAVIC_EAST,
  bs: SLAVIC_EAST,
  pl: 'nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
  cs: 'nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;',
  sk: 'nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;',
  ro: 'nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);',
  lt: 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);',
  lv: 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);',
  sl: 'nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);',
  ga: 'nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);',
};

export function pluralFormsFor(locale: string): string {
  const known = RULES[locale] ?? RULES[locale.split('-')[0]];
  if (known) return known;
  try {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    return categories.length === 1 ? ONE : NOT_ONE;
  } catch {
    return NOT_ONE;
  }
}
