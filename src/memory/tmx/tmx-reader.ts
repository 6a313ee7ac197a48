/**
 * TMX 1.4 reader: one translation unit at a time from a byte stream, through the hardened XML
 * reader. Pure: no Nest, no database.
 *
 * Inline markup becomes our codes: `<bpt>`/`<ept>` and `<hi>` a paired code `{n}…{/n}`, `<ph>`,
 * `<it>` and `<ut>` a standalone `{n/}`. Their native-code content is dropped (our codes carry
 * none). Codes are numbered per unit in the order they first appear in the source segment; the
 * same code in a target (same `x`, or same `i` for bpt/ept, or the same ordinal for a `ph`
 * without `x`) gets the same number, so the code check can compare them.
 */
import { canonicalLocale } from '../../languages/language-catalog';
import { escapeBraces } from '../../segmentation/codes';
import {
  readSubtree,
  readXmlEvents,
  SafeXmlLimits,
  XmlElement,
  XmlNode,
  XmlSource,
} from '../../xml/safe-xml-reader';

/** One (source, target) pair of a unit; a unit with several targets gives several pairs. */
export interface TmxPair {
  sourceLocale: string;
  targetLocale: string;
  source: string;
  target: string;
}

export interface TmxUnitProblem {
  /** 1-based position of the `<tu>` in the file. */
  unit: number;
  message: string;
}

export type TmxRecord =
  | { type: 'unit'; unit: number; pairs: TmxPair[]; problems: TmxUnitProblem[] }
  | { type: 'skipped'; problem: TmxUnitProblem };

/**
 * A locale tag as we store it: a known tag in its canonical casing, else its language (with the
 * script for Chinese: zh-CN → zh-Hans) when that is known. Undefined for anything else.
 */
export function tmxLocale(tag: string): string | undefined {
  const exact = canonicalLocale(tag);
  if (exact) return exact;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return undefined;
  }
  const maximized = locale.maximize();
  return (
    canonicalLocale(locale.toString()) ??
    (maximized.script ? canonicalLocale(`${maximized.language}-${maximized.script}`) : undefined) ??
    canonicalLocale(locale.language)
  );
}

/**
 * The one DOCTYPE a TMX file may carry: a reference to the TMX 1.4 DTD by its usual file name,
 * as translate-toolkit's po2tmx writes it. It is never loaded; any other DOCTYPE is refused.
 */
export const TMX_DOCTYPES = ['tmx SYSTEM "tmx14.dtd"'];

/** The `<tmx>` root's and `<header>`'s problems are fatal: the file is not TMX. */
export class TmxFormatError extends Error {
  override readonly name = 'TmxFormatError';
}

/**
 * Reads TMX from `source`, yielding a record per `<tu>`. Throws XmlRejectedError for XML that
 * is unsafe or malformed and TmxFormatError for XML that is not TMX; problems of one unit
 * (an unknown locale, no source segment) are reported in its record and never fatal.
 */
export async function* readTmx(
  source: XmlSource,
  limits: SafeXmlLimits,
): AsyncGenerator<TmxRecord, void, undefined> {
  const events = readXmlEvents(source, { allowedDoctypes: TMX_DOCTYPES, ...limits });
  let headerSource: string | undefined;
  let sawRoot = false;
  let sawHeader = false;
  let unit = 0;
  for await (const event of events) {
    if (event.type !== 'open') continue;
    if (!sawRoot) {
      if (event.name !== 'tmx')
        throw new TmxFormatError(`The root element is <${event.name}>, not <tmx>`);
      sawRoot = true;
      continue;
    }
    if (event.name === 'header') {
      sawHeader = true;
      headerSource = event.attributes.srclang;
      // Its <prop>/<note>/<ude> children are not needed.
      await readSubtree(event, events);
    } else if (event.name === 'tu') {
      if (!sawHeader) throw new TmxFormatError('<tu> before <header>');
      unit += 1;
      const tu = await readSubtree(event, events);
      yield unitRecord(tu, unit, headerSource);
    } else if (event.name !== 'body') {
      await readSubtree(event, events);
    }
  }
  if (!sawHeader) throw new TmxFormatError('No <header>');
}

interface Variant {
  tag: string;
  locale: string | undefined;
  seg: XmlElement | undefined;
}

function unitRecord(tu: XmlElement, unit: number, headerSource: string | undefined): TmxRecord {
  const skip = (message: string): TmxRecord => ({ type: 'skipped', problem: { unit, message } });
  const variants: Variant[] = childElements(tu, 'tuv').map((tuv) => {
    const tag = tuv.attributes['xml:lang'] ?? tuv.attributes.lang ?? '';
    return { tag, locale: tmxLocale(tag), seg: childElements(tuv, 'seg')[0] };
  });
  const sourceTag = tu.attributes.srclang ?? headerSource;
  if (!sourceTag || sourceTag === '*all*') {
    return skip(
      'no source language: <header srclang> is missing or *all*, and <tu> has no srclang',
    );
  }
  const sourceLocale = tmxLocale(sourceTag);
  if (!sourceLocale) return skip(`unknown source language "${sourceTag}"`);
  const sourceVariant = variants.find((v) => v.locale === sourceLocale);
  if (!sourceVariant?.seg) return skip(`no <tuv> with a <seg> in the source language ${sourceTag}`);
  const sourceTokens = segTokens(sourceVariant.seg);
  const targets: Array<{ locale: string; tokens: SegToken[] }> = [];
  const problems: TmxUnitProblem[] = [];
  for (const variant of variants) {
    if (variant === sourceVariant) continue;
    if (!variant.locale) {
      problems.push({ unit, message: `unknown language "${variant.tag}"` });
      continue;
    }
    if (variant.locale === sourceLocale || !variant.seg) continue;
    if (targets.some((t) => t.locale === variant.locale)) {
      problems.push({
        unit,
        message: `more than one translation into ${variant.locale}: the first is kept`,
      });
      continue;
    }
    targets.push({ locale: variant.locale, tokens: segTokens(variant.seg) });
  }
  const number = numbering([sourceTokens, ...targets.map((t) => t.tokens)]);
  const sourceText = render(sourceTokens, number);
  if (sourceText.trim() === '') return skip('the source segment is empty');
  const pairs: TmxPair[] = targets
    .map(({ locale, tokens }) => ({
      sourceLocale,
      targetLocale: locale,
      source: sourceText,
      target: render(tokens, number),
    }))
    .filter((pair) => pair.target.trim() !== '');
  if (pairs.length === 0 && problems.length === 0) return skip('no translation');
  return { type: 'unit', unit, pairs, problems };
}

function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && child.name === name,
  );
}

type SegToken = string | { code: 'open' | 'close' | 'standalone'; key: string };

/**
 * Numbers the inline codes of one unit, shared by its segments: by their `x` when every code
 * has a distinct numeric `x` (what our writer and most tools write), else in order of first
 * appearance, source first.
 */
function numbering(segments: SegToken[][]): (key: string) => number {
  const keys = [...new Set(segments.flat().flatMap((t) => (typeof t === 'string' ? [] : [t.key])))];
  if (keys.every((key) => /^x:[1-9]\d{0,3}$/.test(key))) return (key) => Number(key.slice(2));
  const numbers = new Map(keys.map((key, index) => [key, index + 1]));
  return (key) => numbers.get(key) ?? 0;
}

function render(tokens: SegToken[], number: (key: string) => number): string {
  return tokens
    .map((token) => {
      if (typeof token === 'string') return escapeBraces(token);
      const id = number(token.key);
      if (token.code === 'open') return `{${id}}`;
      if (token.code === 'close') return `{/${id}}`;
      return `{${id}/}`;
    })
    .join('');
}

/** The content of a `<seg>`: text and inline codes keyed for matching across segments. */
function segTokens(seg: XmlElement): SegToken[] {
  const pairedKeys = new Map<string, string>();
  const ordinals = new Map<string, number>();
  const keyOf = (element: XmlElement): string => {
    const { x, i } = element.attributes;
    if (x !== undefined) return `x:${x}`;
    if (i !== undefined && (element.name === 'bpt' || element.name === 'ept')) {
      return pairedKeys.get(i) ?? `i:${i}`;
    }
    const ordinal = (ordinals.get(element.name) ?? 0) + 1;
    ordinals.set(element.name, ordinal);
    return `${element.name}#${ordinal}`;
  };
  const tokens: SegToken[] = [];
  const visit = (node: XmlNode): void => {
    if (typeof node === 'string') {
      tokens.push(node);
      return;
    }
    switch (node.name) {
      case 'bpt': {
        const key = keyOf(node);
        if (node.attributes.i !== undefined) pairedKeys.set(node.attributes.i, key);
        tokens.push({ code: 'open', key });
        return;
      }
      case 'ept':
        tokens.push({ code: 'close', key: keyOf(node) });
        return;
      case 'ph':
      case 'it':
      case 'ut':
        tokens.push({ code: 'standalone', key: keyOf(node) });
        return;
      case 'hi': {
        const key = keyOf(node);
        tokens.push({ code: 'open', key });
        node.children.forEach(visit);
        tokens.push({ code: 'close', key });
        return;
      }
      default:
        // Unknown markup inside a segment: keep its text.
        node.children.forEach(visit);
    }
  };
  seg.children.forEach(visit);
  return tokens;
}
