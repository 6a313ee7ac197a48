import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CodedText, DiffText, diffWords } from '~/modules/placeables';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { suggestionKeys, type SuggestionsRoute } from '../api';

/**
 * Translation memory (score, and a diff of its English against this segment's), machine
 * translation (marked as such), glossary terms. Alt+n inserts the nth suggestion.
 */
export function SuggestionsPanel({
  route,
  segmentId,
  source,
  lang,
  dir,
  sourceLang,
  onInsert,
  canInsert,
}: {
  route: SuggestionsRoute;
  segmentId: string;
  source: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  sourceLang: string;
  onInsert: (text: string) => void;
  canInsert: boolean;
}) {
  const { t } = useTranslation();
  const query = useQuery(suggestionKeys.segment(route, segmentId));
  if (query.isPending) return <Spinner label={t('suggestions.loading')} />;
  if (query.isError)
    return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const { tm, mt, mtError, glossary } = query.data;
  let n = 0;
  return (
    <div className="suggestions">
      {tm.length === 0 && mt.length === 0 && <p className="muted">{t('suggestions.empty')}</p>}
      {(tm.length > 0 || mt.length > 0) && (
        <ol className="suggestion-list">
          {tm.map((match, i) => {
            const number = ++n;
            return (
              <li key={`tm${i}`} className="suggestion">
                <div className="suggestion-meta">
                  <span className="suggestion-number" aria-hidden="true">
                    {number}
                  </span>
                  <span className="chip score">
                    {t('suggestions.score', { score: Math.round(match.score) })}
                  </span>
                  <span className="muted">{t('suggestions.memory')}</span>
                </div>
                <p lang={sourceLang} dir="ltr" className="suggestion-source">
                  <DiffText
                    ops={diffWords(match.source, source)}
                    removedLabel={t('editor.diffRemoved')}
                    addedLabel={t('editor.diffAdded')}
                  />
                </p>
                <p lang={lang} dir={dir} className="suggestion-target">
                  <CodedText text={match.target} />
                </p>
                {canInsert && (
                  <button type="button" onClick={() => onInsert(match.target)}>
                    {t('suggestions.use', { number })}
                  </button>
                )}
              </li>
            );
          })}
          {mt.map((item, i) => {
            const number = ++n;
            return (
              <li key={`mt${i}`} className="suggestion">
                <div className="suggestion-meta">
                  <span className="suggestion-number" aria-hidden="true">
                    {number}
                  </span>
                  <span className="chip machine">{t('suggestions.machine')}</span>
                  <span className="muted">{item.provider}</span>
                </div>
                <p lang={lang} dir={dir} className="suggestion-target">
                  <CodedText text={item.target} />
                </p>
                {(item.checks ?? []).length > 0 && (
                  <ul className="checks" aria-label={t('editor.checks')}>
                    {(item.checks ?? []).map((check, j) => (
                      <li key={`${check.code}-${j}`} className={`check check-${check.severity}`}>
                        <strong>
                          {check.severity === 'error'
                            ? t('editor.checkError')
                            : t('editor.checkWarning')}
                        </strong>{' '}
                        <bdi>{check.message}</bdi>
                      </li>
                    ))}
                  </ul>
                )}
                {canInsert && (
                  <button type="button" onClick={() => onInsert(item.target)}>
                    {t('suggestions.use', { number })}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {mtError && (
        <p className="muted" role="status">
          <span className="chip machine">{t('suggestions.machine')}</span>{' '}
          <bdi>{mtError.message}</bdi>
        </p>
      )}
      <h2 className="panel-heading">{t('suggestions.glossary')}</h2>
      {glossary.length === 0 ? (
        <p className="muted">{t('suggestions.noTerms')}</p>
      ) : (
        <dl className="glossary">
          {glossary.map((term) => (
            <div key={term.term}>
              <dt lang={sourceLang}>
                <mark className="term">{term.term}</mark>
              </dt>
              <dd>
                {term.doNotTranslate ? (
                  <strong>{t('suggestions.doNotTranslate')}</strong>
                ) : (
                  <span lang={lang} dir={dir}>
                    {term.translation}
                  </span>
                )}
                {term.note && (
                  <span className="muted" dir="auto">
                    {' '}
                    — {term.note}
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
