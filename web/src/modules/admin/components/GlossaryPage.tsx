import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';
import { Dialog } from '~/ui/Dialog';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import {
  adminKeys,
  fetchGlossaryCsv,
  glossaryKeys,
  useCreateGlossaryTerm,
  useDeleteGlossaryTerm,
  useImportGlossary,
  useUpdateGlossaryTerm,
  type GlossaryImport,
  type GlossaryTerm,
  type Locale,
} from '../api';
import { actionLabel } from '../utils/format';
import { filterTerms, glossaryFileName } from '../utils/glossary';
import {
  ConfirmDialog,
  Field,
  FormError,
  LocaleLabel,
  PageHeader,
  StatusMessage,
  useLocales,
} from './common';

/** A project's glossary: list with filters, add, edit, delete, CSV export and import. */
export function GlossaryPage() {
  const { t } = useTranslation();
  const { project: slug = '' } = useParams<{ project: string }>();
  const project = useQuery(adminKeys.project(slug));
  const locales = useLocales();
  const [locale, setLocale] = useState('');
  const [text, setText] = useState('');
  const terms = useQuery(glossaryKeys.list(slug, locale));
  const shown = useMemo(() => filterTerms(terms.data ?? [], text), [terms.data, text]);
  const remove = useDeleteGlossaryTerm(slug);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<GlossaryTerm | null>(null);
  const [deleting, setDeleting] = useState<GlossaryTerm | null>(null);
  const targets = project.data?.targetLocales ?? [];

  return (
    <section className="page" aria-labelledby="glossary-title">
      <nav aria-label={t('admin.common.breadcrumbs')} className="admin-breadcrumbs">
        <Link href="/projects">{t('admin.nav.projects')}</Link>
        <Link href={`/projects/${slug}`}>
          <span dir="auto">{project.data?.name ?? slug}</span>
        </Link>
      </nav>
      <PageHeader title={<span id="glossary-title">{t('admin.glossary.title')}</span>}>
        <p className="admin-hint">{t('admin.glossary.explain')}</p>
      </PageHeader>
      <StatusMessage message={status} />

      <TermForm
        project={slug}
        targets={targets}
        byCode={locales.byCode}
        onSaved={(term) => setStatus(t('admin.glossary.created', { term: term.term }))}
      />

      <CsvSection project={slug} onStatus={setStatus} />

      <h2 id="glossary-list-title">{t('admin.glossary.listTitle')}</h2>
      <div className="admin-form-row admin-glossary-filters">
        <Field label={t('admin.glossary.filterLocale')}>
          {({ id }) => (
            <select id={id} value={locale} onChange={(e) => setLocale(e.target.value)}>
              <option value="">{t('admin.glossary.allLocales')}</option>
              {targets.map((code) => (
                <option key={code} value={code}>
                  {locales.byCode.get(code.toLowerCase())?.nativeName ?? code} ({code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.glossary.filterText')}>
          {({ id }) => (
            <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
      </div>
      {terms.isPending && <Spinner label={t('app.loading')} />}
      {terms.isError && <ErrorBanner error={terms.error} onRetry={() => void terms.refetch()} />}
      {terms.data && shown.length === 0 && (
        <p className="muted">
          {terms.data.length === 0 ? t('admin.glossary.empty') : t('admin.glossary.noMatch')}
        </p>
      )}
      {shown.length > 0 && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.glossary.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.glossary.term')}</th>
                <th scope="col">{t('admin.glossary.locale')}</th>
                <th scope="col">{t('admin.glossary.translation')}</th>
                <th scope="col">{t('admin.glossary.flags')}</th>
                <th scope="col">{t('admin.glossary.note')}</th>
                <th scope="col">{t('admin.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((term) => {
                const loc = locales.byCode.get(term.locale.toLowerCase());
                return (
                  <tr key={term.id}>
                    <th scope="row" lang="en" dir="ltr">
                      {term.term}
                    </th>
                    <td>
                      <LocaleLabel code={term.locale} locale={loc} />
                    </td>
                    <td lang={term.locale} dir={loc?.direction ?? 'auto'}>
                      {term.translation}
                    </td>
                    <td>
                      {term.doNotTranslate && (
                        <span className="chip admin-chip-off">
                          {t('admin.glossary.doNotTranslate')}
                        </span>
                      )}{' '}
                      {term.caseSensitive && (
                        <span className="chip">{t('admin.glossary.caseSensitive')}</span>
                      )}
                    </td>
                    <td dir="auto">{term.note}</td>
                    <td>
                      <div className="actions">
                        <button
                          type="button"
                          aria-label={actionLabel(t('admin.glossary.edit'), term.term)}
                          onClick={() => setEditing(term)}
                        >
                          {t('admin.glossary.edit')}
                        </button>
                        <button
                          type="button"
                          className="admin-danger-text"
                          aria-label={actionLabel(t('admin.glossary.delete'), term.term)}
                          onClick={() => setDeleting(term)}
                        >
                          {t('admin.glossary.delete')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing && (
        <EditTermDialog
          project={slug}
          term={editing}
          targets={targets}
          byCode={locales.byCode}
          onClose={() => setEditing(null)}
          onSaved={(term) => {
            setStatus(t('admin.glossary.updated', { term: term.term }));
            setEditing(null);
          }}
        />
      )}

      {deleting && (
        <ConfirmDialog
          title={t('admin.glossary.deleteTitle')}
          confirmLabel={t('admin.glossary.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                setStatus(t('admin.glossary.deleted', { term: deleting.term }));
                setDeleting(null);
              },
            })
          }
        >
          <p>{t('admin.glossary.deleteExplain')}</p>
          <p>
            <strong lang="en" dir="ltr">
              {deleting.term}
            </strong>{' '}
            → <span dir="auto">{deleting.translation}</span> ({deleting.locale})
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

interface TermFields {
  term: string;
  locale: string;
  translation: string;
  doNotTranslate: boolean;
  caseSensitive: boolean;
  note: string;
}

/** The fields of a term, shared by the add form and the edit dialog. */
function TermFieldset({
  value,
  onChange,
  targets,
  byCode,
}: {
  value: TermFields;
  onChange: (value: TermFields) => void;
  targets: string[];
  byCode: Map<string, Locale>;
}) {
  const { t } = useTranslation();
  const loc = byCode.get(value.locale.toLowerCase());
  const set = <K extends keyof TermFields>(key: K, v: TermFields[K]) =>
    onChange({ ...value, [key]: v });
  return (
    <>
      <div className="admin-form-grid">
        <Field label={t('admin.glossary.term')}>
          {({ id }) => (
            <input
              id={id}
              required
              maxLength={200}
              lang="en"
              dir="ltr"
              value={value.term}
              onChange={(e) => set('term', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('admin.glossary.locale')}>
          {({ id }) => (
            <select
              id={id}
              required
              value={value.locale}
              onChange={(e) => set('locale', e.target.value)}
            >
              {targets.map((code) => (
                <option key={code} value={code}>
                  {byCode.get(code.toLowerCase())?.nativeName ?? code} ({code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.glossary.translation')} hint={t('admin.glossary.translationHint')}>
          {({ id, hintId }) => (
            <input
              id={id}
              required={!value.doNotTranslate}
              maxLength={200}
              lang={value.locale || undefined}
              dir={loc?.direction ?? 'auto'}
              aria-describedby={hintId}
              value={value.translation}
              onChange={(e) => set('translation', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('admin.glossary.note')}>
          {({ id }) => (
            <input
              id={id}
              maxLength={1000}
              dir="auto"
              value={value.note}
              onChange={(e) => set('note', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="admin-form-row">
        <label className="admin-check">
          <input
            type="checkbox"
            checked={value.doNotTranslate}
            onChange={(e) => set('doNotTranslate', e.target.checked)}
          />
          {t('admin.glossary.doNotTranslate')}
        </label>
        <label className="admin-check">
          <input
            type="checkbox"
            checked={value.caseSensitive}
            onChange={(e) => set('caseSensitive', e.target.checked)}
          />
          {t('admin.glossary.caseSensitive')}
        </label>
      </div>
    </>
  );
}

function TermForm({
  project,
  targets,
  byCode,
  onSaved,
}: {
  project: string;
  targets: string[];
  byCode: Map<string, Locale>;
  onSaved: (term: GlossaryTerm) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateGlossaryTerm(project);
  const empty: TermFields = {
    term: '',
    locale: '',
    translation: '',
    doNotTranslate: false,
    caseSensitive: false,
    note: '',
  };
  const [value, setValue] = useState<TermFields>(empty);
  const fields = { ...value, locale: value.locale || targets[0] || '' };

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        term: fields.term.trim(),
        locale: fields.locale,
        doNotTranslate: fields.doNotTranslate,
        caseSensitive: fields.caseSensitive,
        ...(fields.translation.trim() ? { translation: fields.translation.trim() } : {}),
        ...(fields.note.trim() ? { note: fields.note.trim() } : {}),
      },
      {
        onSuccess: (term) => {
          setValue({ ...empty, locale: fields.locale });
          onSaved(term);
        },
      },
    );
  }

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-term-title">
      <h2 id="new-term-title">{t('admin.glossary.newTitle')}</h2>
      <TermFieldset value={fields} onChange={setValue} targets={targets} byCode={byCode} />
      <FormError error={create.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending || !targets.length}>
          {create.isPending ? t('admin.common.saving') : t('admin.glossary.add')}
        </button>
      </div>
    </form>
  );
}

function EditTermDialog({
  project,
  term,
  targets,
  byCode,
  onClose,
  onSaved,
}: {
  project: string;
  term: GlossaryTerm;
  targets: string[];
  byCode: Map<string, Locale>;
  onClose: () => void;
  onSaved: (term: GlossaryTerm) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateGlossaryTerm(project);
  const formId = useId();
  const [value, setValue] = useState<TermFields>({
    term: term.term,
    locale: term.locale,
    translation: term.translation,
    doNotTranslate: term.doNotTranslate,
    caseSensitive: term.caseSensitive,
    note: term.note ?? '',
  });
  const choices = targets.includes(term.locale) ? targets : [term.locale, ...targets];

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      {
        id: term.id,
        changes: {
          term: value.term.trim(),
          locale: value.locale,
          translation: value.translation.trim() || (value.doNotTranslate ? value.term.trim() : ''),
          doNotTranslate: value.doNotTranslate,
          caseSensitive: value.caseSensitive,
          note: value.note.trim() || null,
        },
      },
      { onSuccess: onSaved },
    );
  }

  return (
    <Dialog
      open
      title={t('admin.glossary.editTitle', { term: term.term })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="primary" disabled={update.isPending}>
            {update.isPending ? t('admin.common.saving') : t('admin.glossary.save')}
          </button>
        </>
      }
    >
      <form id={formId} className="admin-dialog-form admin-form" onSubmit={submit}>
        <TermFieldset value={value} onChange={setValue} targets={choices} byCode={byCode} />
        <FormError error={update.error} />
      </form>
    </Dialog>
  );
}

/** Export the glossary as a CSV file, and import one (an upsert per line). */
function CsvSection({ project, onStatus }: { project: string; onStatus: (m: string) => void }) {
  const { t } = useTranslation();
  const importer = useImportGlossary(project);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<GlossaryImport | null>(null);

  async function download() {
    setExporting(true);
    setExportError(null);
    try {
      const csv = await fetchGlossaryCsv(project);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = glossaryFileName(project, new Date());
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    const csv = await file.text();
    importer.mutate(csv, {
      onSuccess: (r) => {
        setResult(r);
        onStatus(t('admin.glossary.imported', { created: r.created, updated: r.updated }));
      },
    });
  }

  return (
    <section className="card admin-form" aria-labelledby="glossary-csv-title">
      <h2 id="glossary-csv-title">{t('admin.glossary.csvTitle')}</h2>
      <div className="actions">
        <button type="button" disabled={exporting} onClick={() => void download()}>
          {t('admin.glossary.export')}
        </button>
      </div>
      {exportError ? <ErrorBanner error={exportError} /> : null}
      <form className="admin-import-form" onSubmit={(e) => void submit(e)}>
        <Field label={t('admin.glossary.importFile')} hint={t('admin.glossary.importHint')}>
          {({ id, hintId }) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={hintId}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" disabled={!file || importer.isPending}>
            {importer.isPending ? t('admin.common.saving') : t('admin.glossary.import')}
          </button>
        </div>
      </form>
      <FormError error={importer.error} />
      {result && result.errors.length > 0 && (
        <div className="admin-import-result">
          <p className="error-text" id="glossary-import-errors">
            {t('admin.glossary.importErrors', { count: result.errors.length })}
          </p>
          <ul aria-labelledby="glossary-import-errors">
            {result.errors.map((e) => (
              <li key={`${e.line}-${e.message}`}>
                {t('admin.glossary.line', { line: e.line })}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
