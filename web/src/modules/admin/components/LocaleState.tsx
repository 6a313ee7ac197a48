import { useTranslation } from 'react-i18next';
import { ProgressBar } from '~/ui/ProgressBar';
import type { Progress } from '../api';

/** Where a locale of an article stands: published or not, stale, and its segments by state. */
export function LocaleStateSummary({
  progress,
  withdrawn = false,
}: {
  progress: Progress;
  withdrawn?: boolean;
}) {
  const { t } = useTranslation();
  const done = progress.total > 0 && progress.approved === progress.total;
  return (
    <span className="admin-locale-state">
      {withdrawn ? (
        <span className="chip state-rejected">{t('admin.publishing.withdrawnChip')}</span>
      ) : progress.published ? (
        <span className={`chip ${progress.stale ? 'state-fuzzy' : 'admin-chip-ok'}`}>
          {progress.stale
            ? t('admin.articles.publishedStale', { number: progress.published.number })
            : t('admin.articles.published', { number: progress.published.number })}
        </span>
      ) : (
        <span className="chip admin-chip-off">{t('admin.articles.notPublished')}</span>
      )}
      {done && <span className="chip state-approved">{t('admin.articles.allApproved')}</span>}
    </span>
  );
}

/** A compact list of an article's locales, each with its bar and publication state. */
export function LocaleStateList({ progress }: { progress: Progress[] }) {
  const { t } = useTranslation();
  if (progress.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <ul className="admin-locale-states">
      {progress.map((p) => (
        <li key={p.locale}>
          <span className="admin-mono admin-locale-code">{p.locale}</span>
          <ProgressBar parts={p} label={t('admin.articles.progressOf', { locale: p.locale })} />
          <LocaleStateSummary progress={p} />
        </li>
      ))}
    </ul>
  );
}
