import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocaleName, useLocales } from '~/modules/locales';
import { ProgressBar } from '~/ui/ProgressBar';
import { formatNumber, formatPercent } from '~/ui/format';
import type { Progress } from '../types';
import { progressParts, progressTotal, type ProgressUnit } from '../utils/progress';

/**
 * One locale's progress: its own name, a stacked bar (approved, translated, fuzzy, rejected,
 * untranslated) in segments or words, the figures in words, and markers for a stale
 * publication and clinically changed English. `actions` holds links such as Translate/Review.
 */
export function LocaleProgress({
  progress,
  unit,
  actions,
  showPublished = false,
}: {
  progress: Progress;
  unit: ProgressUnit;
  actions?: ReactNode;
  showPublished?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const locale = useLocales().get(progress.locale);
  const shownUnit = progressParts(progress, unit) ? unit : 'segments';
  const parts = progressParts(progress, shownUnit)!;
  const total = progressTotal(progress, shownUnit) ?? 0;
  const clinical = progress.changeRisk?.clinical ?? 0;
  const toDo = parts.untranslated + parts.fuzzy + (parts.rejected ?? 0);
  const n = (value: number) => formatNumber(value, lng);
  const name = locale?.nativeName ?? progress.locale;

  return (
    <div className="locale-progress">
      <div className="locale-progress-head">
        <span className="locale-progress-name">
          <LocaleName code={progress.locale} />
        </span>
        <span className="locale-progress-percent">
          {t('projects.approvedPercent', { percent: formatPercent(parts.approved, total, lng) })}
        </span>
        {progress.stale && (
          <span className="chip chip-warning" title={t('projects.staleHint')}>
            {t('projects.stale')}
          </span>
        )}
        {clinical > 0 && (
          <span className="chip chip-danger" title={t('projects.clinicalHint')}>
            {t('projects.clinicalCount', { n: n(clinical) })}
          </span>
        )}
        {showPublished && (
          <span className="muted locale-progress-published">
            {progress.published
              ? t('projects.publishedNumber', { number: n(progress.published.number) })
              : t('projects.notPublished')}
          </span>
        )}
      </div>
      <ProgressBar
        parts={parts}
        label={t(shownUnit === 'words' ? 'projects.barLabelWords' : 'projects.barLabelSegments', {
          locale: name,
        })}
      />
      <div className="locale-progress-foot">
        <span className="muted">
          {[
            t(shownUnit === 'words' ? 'projects.figuresWords' : 'projects.figuresSegments', {
              approved: n(parts.approved),
              total: n(total),
            }),
            toDo > 0 && t('projects.toTranslate', { n: n(toDo) }),
            parts.translated > 0 && t('projects.toReview', { n: n(parts.translated) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
        {actions && <span className="locale-progress-actions">{actions}</span>}
      </div>
    </div>
  );
}
