import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import resourcesToBackend from 'i18next-resources-to-backend';

import {
  browserLanguage,
  INTERFACE_LANGUAGES,
  isInterfaceLanguage,
  type InterfaceLanguage,
} from './languages';

export {
  INTERFACE_LANGUAGES,
  INTERFACE_LANGUAGE_NAMES,
  isInterfaceLanguage,
  type InterfaceLanguage,
} from './languages';

// English is bundled so the first screen never waits for it; the others load on demand.
import en from '../../../locales/en/app.json';
const others = import.meta.glob<{ default: Record<string, unknown> }>([
  '../../../locales/*/app.json',
  '!../../../locales/en/app.json',
]);

const STORAGE_KEY = 'tms.interfaceLanguage';

/** The user's setting when they made one, else what they chose on this browser, else the browser. */
export function initialLanguage(): InterfaceLanguage {
  const stored = localStorage.getItem(STORAGE_KEY);
  return (INTERFACE_LANGUAGES as readonly string[]).includes(stored ?? '')
    ? (stored as InterfaceLanguage)
    : browserLanguage(navigator.languages);
}

export async function changeInterfaceLanguage(
  lng: InterfaceLanguage,
  remember = true,
): Promise<void> {
  if (remember) localStorage.setItem(STORAGE_KEY, lng);
  await i18next.changeLanguage(lng);
}

/** Forgets this browser's choice and follows the browser's languages again. */
export async function followBrowserLanguage(): Promise<void> {
  localStorage.removeItem(STORAGE_KEY);
  await i18next.changeLanguage(browserLanguage(navigator.languages));
}

/** The choice remembered on this browser, or null when the browser's languages decide. */
export function rememberedInterfaceLanguage(): InterfaceLanguage | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isInterfaceLanguage(stored) ? stored : null;
}

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = i18next.dir(lng);
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyDocumentLanguage);
  await i18next
    .use(initReactI18next)
    .use(
      resourcesToBackend(async (lng: string) => {
        if (lng === 'en') return en;
        const load = others[`../../../locales/${lng}/app.json`];
        return load ? (await load()).default : en;
      }),
    )
    .init({
      lng: initialLanguage(),
      fallbackLng: 'en',
      supportedLngs: [...INTERFACE_LANGUAGES],
      ns: ['app'],
      defaultNS: 'app',
      partialBundledLanguages: true,
      resources: { en: { app: en } },
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
  applyDocumentLanguage(i18next.language);
  return i18next;
}
