import type { AbbreviationTable } from './abbreviations';
import type { LanguageProfile } from './languages';

/**
 * An SRX-style rule: at a candidate position (the end of a run of terminal punctuation and
 * closing quotes/brackets), `before` must match the text ending there and `after` the text
 * starting there. Rules are tried in order; the first match decides (break or not); when none
 * matches there is no break. `minWords`: the rule only applies when the sentence so far has at
 * least that many words.
 */
export interface SrxRule {
  name: string;
  break: boolean;
  before: string;
  after: string;
  minWords?: number;
  ignoreCase?: boolean;
}

export interface CompiledRule {
  name: string;
  break: boolean;
  test: RegExp;
  minWords: number;
}

/** Closing punctuation that may follow a terminal (quotes, brackets, format controls). */
export const CLOSERS = '"\'”’“‘„»›)\\]}」』）】〉》\\p{Pf}\\p{Pe}\\p{Cf}';
/** Opening punctuation that may precede the first word of a sentence. */
export const OPENERS = '"\'“‘«‹(\\[{¿¡「『（【〈《\\p{Pi}\\p{Ps}';

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}.])';
/** U.S., a.m., Ph.D., M.Sc.: recognised by shape. */
const MULTI_PERIOD = `${NOT_WORD_BEFORE}\\p{L}{1,2}\\.(?:\\p{L}{1,3}\\.)+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of abbreviations (without their final period), longest first. */
function alternation(entries: string[]): string {
  const stems = [...new Set(entries.map((e) => e.replace(/\.$/, '')))].filter(Boolean);
  stems.sort((a, b) => b.length - a.length);
  return stems.map((stem) => escapeRegExp(stem).replace(/ /g, '\\s*')).join('|');
}

function abbreviation(entries: string[]): string {
  return entries.length
    ? `(?<![\\p{L}\\p{M}\\p{N}])(?:${alternation(entries)})\\p{Cf}*\\.\\p{Cf}*`
    : '(?!)';
}

function abbreviationRules(table: AbbreviationTable, caseless: boolean): SrxRule[] {
  const neverFinal = caseless
    ? [...table.titles, ...table.inner, ...table.numeric, ...table.common]
    : [...table.titles, ...table.inner];
  return [
    {
      name: 'title or in-sentence abbreviation (Dr., e.g., vs.)',
      break: false,
      before: abbreviation(neverFinal),
      after: '\\s',
      ignoreCase: true,
    },
    {
      name: 'abbreviation before a number (No. 5, Fig. 2, p. 55)',
      break: false,
      before: abbreviation(table.numeric),
      after: '\\s*[(#]?\\p{N}',
      ignoreCase: true,
    },
  ];
}

function ellipsisRules(O: string, C: string): SrxRule[] {
  return [
    {
      name: 'elision mark in brackets ([...])',
      break: false,
      before: `[\\[(](?:\\.{3}|…)[\\])][${C}]*`,
      after: '',
    },
    {
      name: 'ellipsis running to the end of the text',
      break: false,
      before: '',
      after: `(?:\\s*\\.){2,}[${C}]*\\s*$`,
    },
    {
      name: 'word-final period, then an ellipsis opening the next sentence',
      break: true,
      before: '[\\p{L}\\p{N}]\\.',
      after: `(?:\\s\\.){3}\\s+[${O}]*\\p{L}`,
    },
    {
      name: 'spaced dots continue an ellipsis',
      break: false,
      before: '',
      after: `\\s\\.(?:\\s|$|[${C}])`,
    },
    {
      name: 'four-dot spaced ellipsis ends a sentence',
      break: true,
      before: `(?:^|\\s)\\.(?:\\s\\.){3}[${C}]*`,
      after: `\\s+[${O}]*\\p{Lu}`,
    },
    {
      name: 'three-dot spaced ellipsis is a pause',
      break: false,
      before: `(?:^|\\s)\\.\\s\\.\\s\\.[${C}]*`,
      after: '',
    },
  ];
}

/** The ordered rule table of a language: its extra rules, then the generic ones. */
export function buildRules(profile: LanguageProfile): SrxRule[] {
  const T = escapeRegExp(profile.terminals).replace(/-/g, '\\-');
  const C = CLOSERS;
  const O = OPENERS;
  const titles = alternation(profile.abbreviations.titles);
  const rules: SrxRule[] = [
    ...profile.extraRules,
    {
      name: 'script full stop (。 । ። ။)',
      break: true,
      before: `[${profile.fullStops}][${C}]*`,
      after: '',
    },
    {
      name: 'no space before a capitalized word (world.Today, 1,000.That)',
      break: true,
      before: '(?:\\p{Ll}{2}|\\p{Nd})[.!?]',
      after: '\\p{Lu}\\p{Ll}',
    },
    { name: 'terminal not followed by whitespace', break: false, before: '', after: '(?=\\S)' },
    ...ellipsisRules(O, C),
    ...abbreviationRules(profile.abbreviations, profile.caseless),
    {
      name: 'single lowercase letter abbreviation (p., c.)',
      break: false,
      before: "(?<![\\p{L}\\p{M}\\p{N}.'’-])\\p{Ll}\\.",
      after: '\\s',
    },
    {
      name: 'initial after a capitalized name or another initial (Jonas E. Smith)',
      break: false,
      before: `(?:^|[${O}]|(?<![\\p{L}\\p{M}])\\p{Lu}[\\p{L}\\p{M}'’-]*\\.?\\s+)\\p{Lu}\\.`,
      after: '\\s',
    },
    {
      name: 'initial followed by another initial (A. B. Carter)',
      break: false,
      before: '(?<![\\p{L}\\p{M}])\\p{Lu}\\.',
      after: '\\s+\\p{Lu}\\.\\s',
    },
    {
      name: 'multi-period abbreviation before a sentence starter (U.S. How…)',
      break: true,
      before: MULTI_PERIOD,
      after: `\\s+[${O}]*(?:${profile.starters.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}])`,
    },
    {
      name: 'multi-period abbreviation before a title, after a full clause (6 P.M. Mr. Smith)',
      break: true,
      before: MULTI_PERIOD,
      after: titles ? `\\s+(?:${titles})\\.` : '(?!)',
      minWords: 4,
    },
    {
      name: 'multi-period abbreviation inside a sentence (U.S. Government)',
      break: false,
      before: MULTI_PERIOD,
      after: '\\s',
    },
  ];
  if (profile.lowercaseContinues) {
    rules.push({
      name: 'lowercase word continues the sentence',
      break: false,
      before: '',
      after: `\\s+[${O}\\p{Pd}]*\\p{Ll}`,
    });
  }
  rules.push({
    name: 'terminal followed by whitespace',
    break: true,
    before: `[${T}][${C}]*`,
    after: '\\s',
  });
  return rules;
}

export function compileRule(rule: SrxRule): CompiledRule {
  const before = rule.before ? `(?<=${rule.before})` : '';
  const after = rule.after ? `(?=${rule.after})` : '';
  return {
    name: rule.name,
    break: rule.break,
    test: new RegExp(`${before}${after}`, rule.ignoreCase ? 'yiu' : 'yu'),
    minWords: rule.minWords ?? 0,
  };
}
