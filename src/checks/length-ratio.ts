import { plainText } from './codes';
import { languageOf, scriptOf } from './locale';
import type { CheckInput, CheckResult } from './types';

/**
 * Length is counted in non-space characters (code points) outside inline codes. The typical
 * length of a translation relative to English, by script, was estimated on patient-leaflet
 * sentences: Chinese is about a third of English, Japanese and Korean about half, Latin,
 * Cyrillic and Greek scripts a little longer, Indic and Thai scripts longer still (their
 * vowel signs are separate code points). The accepted band is typical ÷ 2.2 … typical × 2.2,
 * e.g. Latin 0.52–2.5, Chinese 0.16–0.77, Japanese 0.25–1.2, Hebrew 0.41–2.0. For a non-English
 * source the typical ratio is target ÷ source. Sources under 20 characters are skipped: a short
 * heading or a brand name varies too much to judge.
 */
const TYPICAL_VERSUS_ENGLISH: Readonly<Record<string, number>> = {
  Latn: 1.15,
  Cyrl: 1.1,
  Grek: 1.15,
  Armn: 1.15,
  Geor: 1.2,
  Arab: 1.0,
  Hebr: 0.9,
  Deva: 1.3,
  Beng: 1.3,
  Guru: 1.3,
  Gujr: 1.3,
  Taml: 1.5,
  Telu: 1.4,
  Knda: 1.4,
  Mlym: 1.5,
  Sinh: 1.3,
  Thai: 1.2,
  Laoo: 1.2,
  Khmr: 1.3,
  Mymr: 1.4,
  Ethi: 0.8,
  Hans: 0.35,
  Hant: 0.35,
  Jpan: 0.55,
  Kore: 0.5,
};
const TOLERANCE = 2.2;
const MIN_SOURCE_LENGTH = 20;

export function lengthBand(sourceLocale: string, targetLocale: string): [number, number] {
  const typical = typicalRatio(targetLocale) / typicalRatio(sourceLocale);
  return [typical / TOLERANCE, typical * TOLERANCE];
}

function typicalRatio(locale: string): number {
  if (languageOf(locale) === 'en') return 1;
  return TYPICAL_VERSUS_ENGLISH[scriptOf(locale)] ?? 1;
}

function visibleLength(text: string): number {
  return [...plainText(text).replace(/\s+/gu, '')].length;
}

export function checkLengthRatio(input: CheckInput): CheckResult | null {
  const sourceLength = visibleLength(input.source);
  const targetLength = visibleLength(input.target);
  if (sourceLength < MIN_SOURCE_LENGTH || targetLength === 0) return null;
  const ratio = targetLength / sourceLength;
  const [min, max] = lengthBand(input.sourceLocale, input.targetLocale);
  if (ratio >= min && ratio <= max) return null;
  const direction = ratio < min ? 'much shorter' : 'much longer';
  return {
    code: 'LENGTH_RATIO',
    severity: 'warning',
    message: `The translation is ${direction} than expected for this language (${round(ratio)} times the source length; expected ${round(min)}–${round(max)}). Check that nothing is missing or added.`,
    details: { ratio: round(ratio), min: round(min), max: round(max), sourceLength, targetLength },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
