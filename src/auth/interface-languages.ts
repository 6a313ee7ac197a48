/** The languages the web app's interface is written in; a user's choice is one of these or null. */
export const INTERFACE_LANGUAGES = ['en', 'es', 'fr', 'zh-Hans', 'ar'] as const;

export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];
