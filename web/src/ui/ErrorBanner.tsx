import { useTranslation } from 'react-i18next';
import { errorMessage, isAbort } from '~/api/errors';

/** The one way an error is shown: the server's message, or a localized fallback. */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isAbort(error)) return null;
  return (
    <div className="error" role="alert">
      <span>{errorMessage(error, t)}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
