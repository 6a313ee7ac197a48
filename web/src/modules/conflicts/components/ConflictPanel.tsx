import { useTranslation } from 'react-i18next';
import { CodedText } from '~/modules/placeables';

export interface ConflictInfo {
  kind: 'save' | 'review';
  /** What this user typed (save) or reviewed (review). */
  mine: string;
  theirs: { target: string | null; revision: number; updatedBy: { name: string } | null };
}

/**
 * A 409 TRANSLATION_CONFLICT: someone else changed the segment first. Their text beside mine;
 * nothing is lost: "Keep mine" saves my text on their revision, "Take theirs" drops my draft.
 */
export function ConflictPanel({
  conflict,
  lang,
  dir,
  onKeepMine,
  onTakeTheirs,
  busy,
}: {
  conflict: ConflictInfo;
  lang: string;
  dir: 'ltr' | 'rtl';
  onKeepMine?: () => void;
  onTakeTheirs: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const who = conflict.theirs.updatedBy?.name ?? t('conflicts.someone');
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">
        {conflict.kind === 'save' ? t('conflicts.titleSave') : t('conflicts.titleReview')}
      </h2>
      <p>{t('conflicts.explain', { name: who, revision: conflict.theirs.revision })}</p>
      <div className="conflict-sides">
        <figure>
          <figcaption>
            {conflict.kind === 'save' ? t('conflicts.mine') : t('conflicts.reviewed')}
          </figcaption>
          <p lang={lang} dir={dir} className="conflict-text">
            <CodedText text={conflict.mine} />
          </p>
        </figure>
        <figure>
          <figcaption>{t('conflicts.theirs', { name: who })}</figcaption>
          <p lang={lang} dir={dir} className="conflict-text">
            {conflict.theirs.target === null ? (
              <span className="muted">{t('conflicts.empty')}</span>
            ) : (
              <CodedText text={conflict.theirs.target} />
            )}
          </p>
        </figure>
      </div>
      <div className="actions">
        {onKeepMine && (
          <button type="button" className="primary" onClick={onKeepMine} disabled={busy}>
            {t('conflicts.keepMine')}
          </button>
        )}
        <button type="button" onClick={onTakeTheirs} disabled={busy}>
          {conflict.kind === 'save' ? t('conflicts.takeTheirs') : t('conflicts.reviewTheirs')}
        </button>
      </div>
    </section>
  );
}
