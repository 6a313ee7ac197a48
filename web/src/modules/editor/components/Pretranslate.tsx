import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '~/ui/Dialog';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { pretranslate, type EditorRoute, type PretranslateResult } from '../api';

type Source = 'tm' | 'mt';

/**
 * "Pre-translate": fills the untranslated segments of this locale with drafts from the
 * translation memory or machine translation (POST .../pretranslate), then says how many.
 * The drafts are fuzzy: a person still confirms each one.
 */
export function Pretranslate({ route, onDone }: { route: EditorRoute; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState<Source>('tm');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<PretranslateResult | null>(null);

  const start = () => {
    setResult(null);
    setError(null);
    setOpen(true);
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await pretranslate(route, { from }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={start}>
        {t('editor.pretranslate.open')}
      </button>
      <Dialog
        open={open}
        title={t('editor.pretranslate.title')}
        onClose={() => setOpen(false)}
        footer={
          result ? (
            <button type="button" className="primary" onClick={() => setOpen(false)}>
              {t('common.close')}
            </button>
          ) : (
            <>
              <button type="button" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
                {t('editor.pretranslate.run')}
              </button>
            </>
          )
        }
      >
        {error !== null && <ErrorBanner error={error} />}
        {result ? (
          <div role="status">
            <p>{t('editor.pretranslate.filled', { count: result.filled })}</p>
            {result.stopped && (
              <p className="warning">
                {t('editor.pretranslate.stopped', { reason: result.stopped.message })}
              </p>
            )}
          </div>
        ) : (
          <fieldset className="pretranslate-source">
            <legend>{t('editor.pretranslate.from')}</legend>
            {(['tm', 'mt'] as const).map((source) => (
              <label key={source}>
                <input
                  type="radio"
                  name="pretranslate-from"
                  value={source}
                  checked={from === source}
                  onChange={() => setFrom(source)}
                />
                {t(`editor.pretranslate.sources.${source}`)}
              </label>
            ))}
            <p className="muted">{t('editor.pretranslate.hint')}</p>
          </fieldset>
        )}
      </Dialog>
    </>
  );
}
