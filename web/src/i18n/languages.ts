/** Interface languages the app ships (locales/<lng>/app.json at the repository's top level). */
export const INTERFACE_LANGUAGES = ['en', 'es', 'fr', 'zh-Hans', 'ar'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/** Each interface language by its own name (an endonym is the same in every interface). */
export const INTERFACE_LANGUAGE_NAMES: Record<InterfaceLanguage, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  'zh-Hans': '中文（简体）',
  ar: 'العربية',
};

export function isInterfaceLanguage(value: unknown): value is InterfaceLanguage {
  return typeof value === 'string' && (INTERFACE_LANGUAGES as readonly string[]).includes(value);
}

/** The first supported language among the browser's, matching `zh-CN` to `zh-Hans` and so on. */
export function browserLanguage(preferred: readonly string[]): InterfaceLanguage {
  for (const tag of preferred) {
    const exact = INTERFACE_LANGUAGES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    let language: string;
    try {
      language = new Intl.Locale(tag).language;
    } catch {
      continue;
    }
    if (language === 'zh') return 'zh-Hans';
    const byLanguage = INTERFACE_LANGUAGES.find((l) => l === language);
    if (byLanguage) return byLanguage;
  }
  return 'en';
}
