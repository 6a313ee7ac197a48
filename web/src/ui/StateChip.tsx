import { useTranslation } from 'react-i18next';

export type SegmentState = 'untranslated' | 'fuzzy' | 'translated' | 'rejected' | 'approved';

/** A segment's state as a coloured label; the colour is never the only signal (text too). */
export function StateChip({ state }: { state: SegmentState }) {
  const { t } = useTranslation();
  return <span className={`chip state-${state}`}>{t(`states.${state}`)}</span>;
}
