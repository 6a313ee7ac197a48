export * from './unit';
export { writeXliff2, xliff2Unit } from './xliff2';
export type { XliffDocument } from './xliff2';
export { writeXliff12, xliff12Unit } from './xliff12';
export { writePo, poEntry, poHeader, poString } from './po';
export { writeI18next } from './i18next';
export { pluralFormsFor } from './plural-forms';
