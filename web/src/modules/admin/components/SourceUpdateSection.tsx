import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '~/api/errors';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import {
  adminKeys,
  usePreviewSource,
  useUpdateSource,
  type Article,
  type Project,
  type SourceInput as SourceBody,
} from '../api';
import { FormError, useLocales } from './common';
import { DiffText } from './DiffText';
import { SourceInput, type SourceValue } from './SourceInput';
import { SourcePreviewView } from './SourcePreviewView';

/** Update the English: edit, paste or upload → Preview changes → Save new version. */
export function SourceUpdateSection({
  project,
  article,
  onStatus,
}: {
  project: Project;
  article: Article;
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation();
  const current = useQuery(adminKeys.version(project.slug, article.slug, article.currentVersion));
  return (
    <section className="card admin-section" aria-labelledby="source">
      <h2 id="source" tabIndex={-1}>
        {t('admin.source.title')}
      </h2>
      <p className="admin-hint">{t('admin.source.explain')}</p>
      {current.isPending && <Spinner label={t('app.loading')} />}
      {current.isError && (
        <ErrorBanner error={current.error} onRetry={() => void current.refetch()} />
      )}
      {current.data && (
        <SourceUpdateForm
          // A new version starts a fresh form from its own content.
          key={article.currentVersion}
          project={project}
          article={article}
          initial={{
            content: current.data.content,
            title: current.data.title,
            format: current.data.format,
          }}
          onStatus={onStatus}
        />
      )}
    </section>
  );
}

function SourceUpdateForm({
  project,
  article,
  initial,
  onStatus,
}: {
  project: Project;
  article: Article;
  initial: { content: string; title: string; format: SourceValue['format'] };
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation();
  const preview = usePreviewSource(project.slug, article.slug);
  const save = useUpdateSource(project.slug, article.slug);
  const [title, setTitle] = useState(initial.title);
  const [source, setSource] = useState<SourceValue>({
    content: initial.content,
    format: initial.format,
    formatFrom: 'picked',
    fileName: null,
  });
  const [minorChange, setMinorChange] = useState(false);
  const [previewedKey, setPreviewedKey] = useState<string | null>(null);

  const body: SourceBody = {
    content: source.content,
    title,
    format: source.format,
    minorChange,
  };
  const key = JSON.stringify(body);
  const previewCurrent = previewedKey === key && preview.isSuccess;
  // Before the preview route exists on a server (404), saving is not held back by it.
  const previewMissing = isApiError(preview.error) && preview.error.status === 404;
  const canSave =
    !save.isPending &&
    source.content.trim() !== '' &&
    ((previewCurrent && preview.data.changed) || previewMissing);

  function runPreview() {
    save.reset();
    setPreviewedKey(key);
    preview.mutate(body);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(body, {
      onSuccess: (result) => {
        onStatus(
          result.changed
            ? t('admin.source.saved', {
                version: result.currentVersion,
                kept: result.sync.kept,
                fuzzy: result.sync.fuzzy,
                added: result.sync.added,
                removed: result.sync.removed,
              })
            : t('admin.source.savedUnchanged'),
        );
        preview.reset();
        setPreviewedKey(null);
      },
    });
  }

  return (
    <form className="admin-form admin-wide-form" onSubmit={submit}>
      <label>
        {t('admin.articles.articleTitle')}
        <input
          required
          maxLength={500}
          lang={project.sourceLocale}
          dir="auto"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <SourceInput value={source} onChange={setSource} sourceLocale={project.sourceLocale} />
      <label className="admin-check">
        <input
          type="checkbox"
          checked={minorChange}
          aria-describedby="minor-change-hint"
          onChange={(e) => setMinorChange(e.target.checked)}
        />
        {t('admin.source.minorChange')}
      </label>
      <p id="minor-change-hint" className="admin-hint">
        {t('admin.source.minorChangeHint')}
      </p>

      <div className="actions">
        <button
          type="button"
          onClick={runPreview}
          disabled={preview.isPending || !source.content.trim()}
        >
          {preview.isPending ? t('admin.source.previewing') : t('admin.source.preview')}
        </button>
        <button type="submit" className="primary" disabled={!canSave}>
          {save.isPending ? t('admin.common.saving') : t('admin.source.save')}
        </button>
        {!previewCurrent && !previewMissing && (
          <span className="admin-hint">{t('admin.source.previewFirst')}</span>
        )}
      </div>

      {previewMissing && <p className="warning">{t('admin.source.previewUnavailable')}</p>}
      {preview.isError && !previewMissing && (
        <SourceError error={preview.error} sourceLocale={project.sourceLocale} />
      )}
      {save.isError && <SourceError error={save.error} sourceLocale={project.sourceLocale} />}
      {previewCurrent && preview.data && (
        <SourcePreviewView preview={preview.data} sourceLocale={project.sourceLocale} />
      )}
      {previewedKey !== null && previewedKey !== key && preview.isSuccess && (
        <p className="warning">{t('admin.source.previewOutdated')}</p>
      )}
    </form>
  );
}

interface ClinicalSegment {
  position?: number;
  previousSource?: string | null;
  source?: string;
  reasons?: string[];
}

/** 422 CLINICAL_CHANGE spelled out (which segments, what changed); any other error as usual. */
function SourceError({ error, sourceLocale }: { error: unknown; sourceLocale: string }) {
  const { t } = useTranslation();
  const locales = useLocales();
  if (!isApiError(error, 'CLINICAL_CHANGE')) return <FormError error={error} />;
  const dir = locales.byCode.get(sourceLocale.toLowerCase())?.direction ?? 'ltr';
  const segments = Array.isArray(error.details.segments)
    ? (error.details.segments as ClinicalSegment[])
    : [];
  return (
    <div className="error admin-clinical-error" role="alert">
      <div>
        <strong>{t('admin.source.clinicalTitle')}</strong>
        <p>{t('admin.source.clinicalExplain')}</p>
        {segments.length > 0 && (
          <ul>
            {segments.map((s, i) => (
              <li key={s.position ?? i}>
                <span className="admin-mono">#{s.position}</span>{' '}
                <DiffText
                  before={s.previousSource ?? ''}
                  after={s.source ?? ''}
                  lang={sourceLocale}
                  dir={dir}
                />
                {s.reasons && s.reasons.length > 0 && (
                  <div className="admin-small">{s.reasons.join(' ')}</div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
