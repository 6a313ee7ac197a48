import { useTranslation } from 'react-i18next';
import type { Check } from '../utils/segments';

/** Quality checks: blocking errors in red first, then warnings in amber. */
export function ChecksList({ checks, live = false }: { checks: readonly Check[]; live?: boolean }) {
  const { t } = useTranslation();
  const sorted = [...checks].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <div aria-live={live ? 'polite' : undefined}>
      {sorted.length > 0 && (
        <ul className="checks" aria-label={t('editor.checks')}>
          {sorted.map((check, i) => (
            <li key={`${check.code}-${i}`} className={`check check-${check.severity}`}>
              <strong>
                {check.severity === 'error' ? t('editor.checkError') : t('editor.checkWarning')}
              </strong>{' '}
              <bdi>{check.message}</bdi>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Compact badges for a row: how many errors and warnings its current target has. */
export function CheckBadges({ checks }: { checks: readonly Check[] }) {
  const { t } = useTranslation();
  const errors = checks.filter((c) => c.severity === 'error').length;
  const warnings = checks.length - errors;
  return (
    <>
      {errors > 0 && (
        <span
          className="badge badge-error"
          title={checks
            .filter((c) => c.severity === 'error')
            .map((c) => c.message)
            .join('\n')}
        >
          {t('editor.errorsBadge', { count: errors })}
        </span>
      )}
      {warnings > 0 && (
        <span
          className="badge badge-warning"
          title={checks
            .filter((c) => c.severity === 'warning')
            .map((c) => c.message)
            .join('\n')}
        >
          {t('editor.warningsBadge', { count: warnings })}
        </span>
      )}
    </>
  );
}
