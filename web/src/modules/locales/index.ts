export { localeKeys, useLocales, type Locale } from './api';
export { LocaleName } from './components/LocaleName';
