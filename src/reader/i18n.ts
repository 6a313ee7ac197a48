/**
 * Reader interface text: i18next resources from `locales/<lng>/reader.json`, loaded once,
 * synchronously, at start-up. Dates are formatted with Intl.DateTimeFormat in the reader's
 * language before interpolation.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next, { i18n as I18n } from 'i18next';

export const FALLBACK_LANGUAGE = 'en';
export const NAMESPACE = 'reader';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The repository's `locales/` folder, found from here both in src/ (tests) and dist/src/. */
export function localesDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'locales');
    if (existsSync(join(candidate, FALLBACK_LANGUAGE, `${NAMESPACE}.json`))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('locales/ folder not found');
}

export function loadResources(dir = localesDir()): Record<string, Record<string, string>> {
  const resources: Record<string, Record<string, string>> = {};
  for (const lng of readdirSync(dir)) {
    const file = join(dir, lng, `${NAMESPACE}.json`);
    if (existsSync(file))
      resources[lng] = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  }
  return resources;
}

export class ReaderI18n {
  private readonly instance: I18n;
  private readonly translators = new Map<string, Translate>();
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();
  readonly languages: readonly string[];

  constructor(resources = loadResources()) {
    this.languages = Object.keys(resources).sort();
    this.instance = i18next.createInstance();
    void this.instance.init({
      resources: Object.fromEntries(
        Object.entries(resources).map(([lng, keys]) => [lng, { [NAMESPACE]: keys }]),
      ),
      ns: [NAMESPACE],
      defaultNS: NAMESPACE,
      fallbackLng: FALLBACK_LANGUAGE,
      supportedLngs: this.languages as string[],
      load: 'currentOnly',
      initAsync: false,
      // The page templates escape every string they output.
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    } as Parameters<I18n['init']>[0]);
  }

  /** The interface language for a content locale: itself when we have its resources, else English. */
  interfaceLanguage(locale: string): string {
    const exact = this.languages.find((l) => l.toLowerCase() === locale.toLowerCase());
    if (exact) return exact;
    const base = locale.split('-')[0].toLowerCase();
    return this.languages.find((l) => l.toLowerCase() === base) ?? FALLBACK_LANGUAGE;
  }

  t(lng: string): Translate {
    let translate = this.translators.get(lng);
    if (!translate) {
      const fixed = this.instance.getFixedT(this.interfaceLanguage(lng), NAMESPACE);
      translate = (key, vars) => fixed(key, vars ?? {});
      this.translators.set(lng, translate);
    }
    return translate;
  }

  /**
   * A date in the language of the sentence it goes into: the page locale (with its regional
   * conventions) when the interface text is in that language, else the interface language, so
   * a Thai page with English interface text does not read "Published on 2 พฤษภาคม 2568."
   */
  formatDate(lng: string, date: Date): string {
    let format = this.dateFormats.get(lng);
    if (!format) {
      const text = this.interfaceLanguage(lng);
      const sameLanguage = text.split('-')[0].toLowerCase() === lng.split('-')[0].toLowerCase();
      format = new Intl.DateTimeFormat(sameLanguage ? lng : text, {
        dateStyle: 'long',
        timeZone: 'UTC',
      });
      this.dateFormats.set(lng, format);
    }
    return format.format(date);
  }
}

let shared: ReaderI18n | undefined;

/** One instance per process (the resources are read once). */
export function readerI18n(): ReaderI18n {
  shared ??= new ReaderI18n();
  return shared;
}
