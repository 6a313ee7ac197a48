import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourcePreview } from '../api';
import { CodedText, DiffText } from './DiffText';
import { LocaleLabel, useLocales } from './common';

type Risk = 'minor' | 'wording' | 'clinical';

export function RiskChip({ risk }: { risk: Risk | null }) {
  const { t } = useTranslation();
  if (!risk) return null;
  return <span className={`chip admin-risk admin-risk-${risk}`}>{t(`admin.risk.${risk}`)}</span>;
}

/**
 * What a source update will do, before it is saved: per locale how many approved translations
 * stay, become fuzzy drafts or are new; per segment kept / changed (old → new, with its risk,
 * clinical in red) / added, and the removed segments.
 */
export function SourcePreviewView({
  preview,
  sourceLocale,
}: {
  preview: SourcePreview;
  sourceLocale: string;
}) {
  const { t } = useTranslation();
  const locales = useLocales();
  const [showKept, setShowKept] = useState(false);
  const source = locales.byCode.get(sourceLocale.toLowerCase());
  const dir = source?.direction ?? 'ltr';
  const clinical = preview.segments.filter((s) => s.changeRisk === 'clinical').length;
  const shown = preview.segments.filter((s) => showKept || s.status !== 'kept');

  if (!preview.changed) {
    return (
      <div className="notice" role="status">
        {t('admin.preview.unchanged')}
      </div>
    );
  }

  return (
    <section className="admin-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('admin.preview.title')}</h3>
      <p>
        {t('admin.preview.summary', {
          kept: preview.sync.kept,
          fuzzy: preview.sync.fuzzy,
          added: preview.sync.added,
          removed: preview.sync.removed,
        })}
      </p>
      {clinical > 0 && (
        <p className="error" role="alert">
          {t('admin.preview.clinicalWarning', { n: clinical })}
        </p>
      )}

      {preview.locales.length > 0 && (
        <div className="admin-table-wrap">
          <table>
            <caption>{t('admin.preview.perLocale')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.members.locale')}</th>
                <th scope="col">{t('admin.preview.keptApproved')}</th>
                <th scope="col">{t('admin.preview.becomeFuzzy')}</th>
                <th scope="col">{t('admin.preview.untranslatedAdded')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.locales.map((l) => (
                <tr key={l.locale}>
                  <th scope="row">
                    <LocaleLabel
                      code={l.locale}
                      locale={locales.byCode.get(l.locale.toLowerCase())}
                    />
                  </th>
                  <td>{l.keptApproved}</td>
                  <td className={l.becomeFuzzy > 0 ? 'admin-count-warn' : undefined}>
                    {l.becomeFuzzy}
                  </td>
                  <td>{l.untranslatedAdded}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="admin-section-header">
        <h4>{t('admin.preview.segments')}</h4>
        <label className="admin-check">
          <input
            type="checkbox"
            checked={showKept}
            onChange={(e) => setShowKept(e.target.checked)}
          />
          {t('admin.preview.showKept', { n: preview.sync.kept })}
        </label>
      </div>
      <ol className="admin-preview-list">
        {shown.map((segment) => (
          <li
            key={`${segment.position}`}
            className={`admin-preview-item admin-status-${segment.status}${
              segment.changeRisk === 'clinical' ? ' admin-clinical' : ''
            }`}
          >
            <div className="admin-preview-meta">
              <span className="admin-mono">#{segment.position}</span>
              <span className="muted">
                {t(`editor.kinds.${segment.kind}`, { defaultValue: segment.kind })}
              </span>
              <span className={`chip admin-seg-${segment.status}`}>
                {t(`admin.preview.status.${segment.status}`)}
              </span>
              <RiskChip risk={segment.changeRisk} />
            </div>
            <div className="admin-preview-text">
              {segment.status === 'changed' && segment.previousSource !== null ? (
                <DiffText
                  before={segment.previousSource}
                  after={segment.source}
                  lang={sourceLocale}
                  dir={dir}
                />
              ) : (
                <span lang={sourceLocale} dir={dir}>
                  <CodedText text={segment.source} />
                </span>
              )}
            </div>
          </li>
        ))}
      </ol>
      {shown.length === 0 && <p className="muted">{t('admin.preview.noneShown')}</p>}

      {preview.removed.length > 0 && (
        <>
          <h4>{t('admin.preview.removedTitle', { n: preview.removed.length })}</h4>
          <ol className="admin-preview-list">
            {preview.removed.map((segment) => (
              <li key={`r${segment.position}`} className="admin-preview-item admin-status-removed">
                <div className="admin-preview-meta">
                  <span className="admin-mono">#{segment.position}</span>
                  <span className="muted">
                    {t(`editor.kinds.${segment.kind}`, { defaultValue: segment.kind })}
                  </span>
                  <span className="chip admin-seg-removed">
                    {t('admin.preview.status.removed')}
                  </span>
                </div>
                <div className="admin-preview-text">
                  <del lang={sourceLocale} dir={dir}>
                    <CodedText text={segment.source} />
                  </del>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
