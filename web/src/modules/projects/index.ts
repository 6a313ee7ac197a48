export { projectKeys, ARTICLE_PAGE_SIZE } from './api';
export type { Article, Progress, Project, WordCounts, ChangeRiskCounts } from './types';
export {
  editorHref,
  localeAccess,
  mineFirst,
  projectHref,
  type LocaleAccess,
} from './utils/access';
export {
  hasWordCounts,
  needsTranslation,
  progressParts,
  progressTotal,
  projectAlerts,
  type ProgressUnit,
} from './utils/progress';
export { LocaleProgress } from './components/LocaleProgress';
export { UnitToggle } from './components/UnitToggle';
export { useProgressUnit } from './hooks/useProgressUnit';
