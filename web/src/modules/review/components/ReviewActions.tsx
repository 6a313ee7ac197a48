import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Approve / reject the revision on screen. Approve is disabled with the reason when the user
 * cannot approve it (their own text, not translated, a blocking check); reject asks for a
 * comment for the translator.
 */
export function ReviewActions({
  revision,
  block,
  busy,
  rejecting,
  onRejecting,
  onApprove,
  onReject,
}: {
  revision: number;
  block: 'notTranslated' | 'ownRevision' | 'blockingChecks' | null;
  busy: boolean;
  rejecting: boolean;
  onRejecting: (open: boolean) => void;
  onApprove: () => void;
  onReject: (comment: string) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const reasonId = `approve-reason-${revision}`;
  return (
    <div className="review-actions">
      <div className="actions">
        <button
          type="button"
          className="approve"
          onClick={onApprove}
          disabled={busy || block !== null}
          aria-describedby={block ? reasonId : undefined}
        >
          {t('review.approve')}
        </button>
        <button
          type="button"
          className="reject"
          onClick={() => onRejecting(!rejecting)}
          disabled={busy || block === 'notTranslated'}
          aria-expanded={rejecting}
        >
          {t('review.reject')}
        </button>
        <span className="muted">{t('review.revision', { revision })}</span>
        {block && (
          <span id={reasonId} className="review-block">
            {t(`review.block.${block}`)}
          </span>
        )}
      </div>
      {rejecting && (
        <form
          className="reject-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) onReject(comment.trim());
          }}
        >
          <label>
            {t('review.rejectComment')}
            <textarea
              dir="auto"
              rows={2}
              value={comment}
              autoFocus
              required
              onChange={(e) => setComment(e.target.value)}
              onKeyDown={(e) => {
                if (e.nativeEvent.isComposing) return;
                if (e.key === 'Escape') onRejecting(false);
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && comment.trim()) {
                  e.preventDefault();
                  onReject(comment.trim());
                }
              }}
            />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy || !comment.trim()}>
              {t('review.confirmReject')}
            </button>
            <button type="button" onClick={() => onRejecting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
