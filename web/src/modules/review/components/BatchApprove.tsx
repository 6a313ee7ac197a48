import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '~/ui/Dialog';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { reviewBatch, type BatchResult, type ReviewOutcome, type ReviewRoute } from '../api';

/**
 * "Approve all translated segments without warnings": a confirmation that says how many, one
 * batch request naming each revision on screen, then a summary of the outcomes.
 */
export function BatchApprove<T extends { id: string; revision: number }>({
  route,
  candidates,
  onDone,
}: {
  route: ReviewRoute;
  candidates: readonly T[];
  onDone: (result: BatchResult<T>) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<BatchResult<T> | null>(null);
  const [items, setItems] = useState<{ id: string; revision: number }[]>([]);

  const start = () => {
    // The revisions on screen now are the ones the reviewer confirms.
    setItems(candidates.map((s) => ({ id: s.id, revision: s.revision })));
    setResult(null);
    setError(null);
    setOpen(true);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await reviewBatch<T>(route, { decision: 'approve', items });
      setResult(answer);
      onDone(answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const outcomes = result
    ? result.results.reduce<Partial<Record<ReviewOutcome, number>>>((acc, r) => {
        acc[r.outcome] = (acc[r.outcome] ?? 0) + 1;
        return acc;
      }, {})
    : {};

  return (
    <>
      <button type="button" onClick={start} disabled={candidates.length === 0}>
        {t('review.approveAll', { count: candidates.length })}
      </button>
      <Dialog
        open={open}
        title={t('review.approveAllTitle')}
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
              <button
                type="button"
                className="primary"
                onClick={() => void confirm()}
                disabled={busy || items.length === 0}
              >
                {t('review.approveAllConfirm', { count: items.length })}
              </button>
            </>
          )
        }
      >
        {error !== null && <ErrorBanner error={error} />}
        {result ? (
          <div role="status">
            <p>{t('review.summary', { approved: result.approved, failed: result.failed })}</p>
            <ul>
              {(Object.keys(outcomes) as ReviewOutcome[])
                .filter((o) => o !== 'approved')
                .map((outcome) => (
                  <li key={outcome}>
                    {t(`review.outcomes.${outcome}`)}: {outcomes[outcome]}
                  </li>
                ))}
            </ul>
          </div>
        ) : (
          <p>{t('review.approveAllQuestion', { count: items.length })}</p>
        )}
      </Dialog>
    </>
  );
}
