import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateProject, Project } from '../api';
import { isSlug, slugify } from '../utils/slug';
import { FormError, useLocales } from './common';
import { LocalePicker } from './LocalePicker';

export type ProjectFields = Omit<
  CreateProject,
  'propagateRepeats' | 'sharedMemory' | 'pretranslateContextAsTranslated'
> & {
  propagateRepeats: boolean;
  sharedMemory: boolean;
  pretranslateContextAsTranslated: boolean;
};

const DEFAULTS: ProjectFields = {
  slug: '',
  name: '',
  sourceLocale: 'en',
  targetLocales: [],
  publishPolicy: 'complete',
  stalePolicy: 'keep',
  requireReview: true,
  dueDays: 7,
  propagateRepeats: false,
  sharedMemory: false,
  pretranslateContextAsTranslated: false,
};

function fromProject(project: Project): ProjectFields {
  return {
    slug: project.slug,
    name: project.name,
    sourceLocale: project.sourceLocale,
    targetLocales: project.targetLocales,
    publishPolicy: project.publishPolicy,
    stalePolicy: project.stalePolicy,
    requireReview: project.requireReview,
    dueDays: project.dueDays,
    propagateRepeats: project.propagateRepeats,
    sharedMemory: project.sharedMemory,
    pretranslateContextAsTranslated: project.pretranslateContextAsTranslated,
  };
}

/**
 * A project's settings: create (with a slug suggested from the name) or edit (slug fixed).
 * The parent does the request; this form only collects valid-looking values.
 */
export function ProjectForm({
  project,
  pending,
  error,
  submitLabel,
  onSubmit,
}: {
  project?: Project;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (fields: ProjectFields) => void;
}) {
  const { t } = useTranslation();
  const locales = useLocales();
  const [fields, setFields] = useState<ProjectFields>(project ? fromProject(project) : DEFAULTS);
  const [slugEdited, setSlugEdited] = useState(Boolean(project));
  const set = <K extends keyof ProjectFields>(key: K, value: ProjectFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const slugInvalid = !project && fields.slug !== '' && !isSlug(fields.slug);
  const kept = new Set(fields.targetLocales.map((c) => c.toLowerCase()));
  const removed = (project?.targetLocales ?? []).filter((c) => !kept.has(c.toLowerCase()));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(fields);
  }

  return (
    <form className="admin-form" onSubmit={submit}>
      <div className="admin-form-grid">
        <label>
          {t('admin.projects.name')}
          <input
            required
            maxLength={200}
            value={fields.name}
            onChange={(e) => {
              const name = e.target.value;
              setFields((f) => ({ ...f, name, slug: slugEdited ? f.slug : slugify(name, 64) }));
            }}
          />
        </label>
        <label>
          {t('admin.projects.slug')}
          <input
            required
            maxLength={64}
            readOnly={Boolean(project)}
            aria-invalid={slugInvalid || undefined}
            aria-describedby="project-slug-hint"
            value={fields.slug}
            onChange={(e) => {
              setSlugEdited(true);
              set('slug', e.target.value);
            }}
          />
          <span
            id="project-slug-hint"
            className={slugInvalid ? 'admin-hint error-text' : 'admin-hint'}
          >
            {project ? t('admin.projects.slugFixed') : t('admin.common.slugHint')}
          </span>
        </label>
        <label>
          {t('admin.projects.sourceLocale')}
          <select value={fields.sourceLocale} onChange={(e) => set('sourceLocale', e.target.value)}>
            {locales.list.length === 0 && (
              <option value={fields.sourceLocale}>{fields.sourceLocale}</option>
            )}
            {locales.list.map((l) => (
              <option key={l.code} value={l.code}>
                {l.nativeName} — {l.name} ({l.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.projects.dueDays')}
          <input
            type="number"
            required
            min={1}
            max={365}
            aria-describedby="project-due-hint"
            value={fields.dueDays}
            onChange={(e) => set('dueDays', Number(e.target.value))}
          />
          <span id="project-due-hint" className="admin-hint">
            {t('admin.projects.dueDaysHint')}
          </span>
        </label>
        <label>
          {t('admin.projects.publishPolicy')}
          <select
            value={fields.publishPolicy}
            aria-describedby="project-publish-hint"
            onChange={(e) => set('publishPolicy', e.target.value as ProjectFields['publishPolicy'])}
          >
            <option value="complete">{t('admin.projects.publishPolicies.complete')}</option>
            <option value="fallback">{t('admin.projects.publishPolicies.fallback')}</option>
          </select>
          <span id="project-publish-hint" className="admin-hint">
            {t(`admin.projects.publishPolicyHints.${fields.publishPolicy}`)}
          </span>
        </label>
        <label>
          {t('admin.projects.stalePolicy')}
          <select
            value={fields.stalePolicy}
            aria-describedby="project-stale-hint"
            onChange={(e) => set('stalePolicy', e.target.value as ProjectFields['stalePolicy'])}
          >
            <option value="keep">{t('admin.projects.stalePolicies.keep')}</option>
            <option value="withdraw-on-clinical">
              {t('admin.projects.stalePolicies.withdrawOnClinical')}
            </option>
          </select>
          <span id="project-stale-hint" className="admin-hint">
            {fields.stalePolicy === 'keep'
              ? t('admin.projects.stalePolicyHints.keep')
              : t('admin.projects.stalePolicyHints.withdrawOnClinical')}
          </span>
        </label>
      </div>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={fields.requireReview}
          onChange={(e) => set('requireReview', e.target.checked)}
        />
        {t('admin.projects.requireReview')}
      </label>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={fields.propagateRepeats}
          onChange={(e) => set('propagateRepeats', e.target.checked)}
        />
        {t('admin.projects.propagateRepeats')}
      </label>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={fields.sharedMemory}
          aria-describedby="project-shared-memory-hint"
          onChange={(e) => set('sharedMemory', e.target.checked)}
        />
        {t('admin.projects.sharedMemory')}
      </label>
      <span id="project-shared-memory-hint" className="admin-hint">
        {t('admin.projects.sharedMemoryHint')}
      </span>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={fields.pretranslateContextAsTranslated}
          aria-describedby="project-pretranslate-hint"
          onChange={(e) => set('pretranslateContextAsTranslated', e.target.checked)}
        />
        {t('admin.projects.pretranslateContextAsTranslated')}
      </label>
      <span id="project-pretranslate-hint" className="admin-hint">
        {t('admin.projects.pretranslateContextAsTranslatedHint')}
      </span>
      <LocalePicker
        legend={t('admin.projects.targetLocales')}
        locales={locales.list}
        value={fields.targetLocales}
        exclude={[fields.sourceLocale]}
        onChange={(codes) => set('targetLocales', codes)}
      />
      {removed.length > 0 && (
        <p className="warning">
          {t('admin.projects.removingLocales', { list: removed.join(', ') })}
        </p>
      )}
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending || slugInvalid}>
          {pending ? t('admin.common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
