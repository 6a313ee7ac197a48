import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { ProgressBar } from '~/ui/ProgressBar';
import { Spinner } from '~/ui/Spinner';
import { adminKeys, useCreateProject, type Progress } from '../api';
import { PageHeader } from './common';
import { ProjectForm } from './ProjectForm';

/** Sum of per-locale progress, for one bar per project. */
export function totalProgress(progress: Progress[]) {
  return progress.reduce(
    (sum, p) => ({
      approved: sum.approved + p.approved,
      translated: sum.translated + p.translated,
      fuzzy: sum.fuzzy + p.fuzzy,
      rejected: sum.rejected + p.rejected,
      untranslated: sum.untranslated + p.untranslated,
    }),
    { approved: 0, translated: 0, fuzzy: 0, rejected: 0, untranslated: 0 },
  );
}

/** Projects: the list with their locales and progress, and a new project. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const projects = useQuery(adminKeys.projects());
  const create = useCreateProject();
  const [creating, setCreating] = useState(false);
  const [, navigate] = useLocation();

  return (
    <section className="page" aria-labelledby="projects-title">
      <PageHeader
        title={<span id="projects-title">{t('admin.projects.title')}</span>}
        actions={
          !creating && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t('admin.projects.new')}
            </button>
          )
        }
      />
      {creating && (
        <div className="card admin-section" role="region" aria-labelledby="new-project-title">
          <div className="admin-section-header">
            <h2 id="new-project-title">{t('admin.projects.newTitle')}</h2>
            <button type="button" onClick={() => setCreating(false)}>
              {t('common.cancel')}
            </button>
          </div>
          <ProjectForm
            pending={create.isPending}
            error={create.error}
            submitLabel={t('admin.projects.create')}
            onSubmit={(fields) =>
              create.mutate(fields, {
                onSuccess: (project) => navigate(`/projects/${project.slug}?created=1`),
              })
            }
          />
        </div>
      )}

      {projects.isPending && <Spinner label={t('app.loading')} />}
      {projects.isError && (
        <ErrorBanner error={projects.error} onRetry={() => void projects.refetch()} />
      )}
      {projects.data && projects.data.length === 0 && (
        <p className="muted">{t('admin.projects.empty')}</p>
      )}
      {projects.data && projects.data.length > 0 && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.projects.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.projects.name')}</th>
                <th scope="col">{t('admin.projects.sourceLocale')}</th>
                <th scope="col">{t('admin.projects.targetLocales')}</th>
                <th scope="col">{t('admin.projects.policies')}</th>
                <th scope="col">{t('admin.projects.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {projects.data.map((project) => (
                <tr key={project.slug}>
                  <th scope="row">
                    <Link href={`/projects/${project.slug}`}>
                      <span dir="auto">{project.name}</span>
                    </Link>
                    <div className="muted admin-mono">{project.slug}</div>
                  </th>
                  <td>{project.sourceLocale}</td>
                  <td>{project.targetLocales.join(', ') || t('common.none')}</td>
                  <td className="admin-small">
                    <div>{t(`admin.projects.publishPolicies.${project.publishPolicy}`)}</div>
                    <div>
                      {project.stalePolicy === 'keep'
                        ? t('admin.projects.stalePolicies.keep')
                        : t('admin.projects.stalePolicies.withdrawOnClinical')}
                    </div>
                    <div>
                      {project.requireReview
                        ? t('admin.projects.reviewRequired')
                        : t('admin.projects.reviewNotRequired')}
                      {' · '}
                      {t('admin.projects.dueDaysShort', { days: project.dueDays })}
                    </div>
                  </td>
                  <td className="admin-progress-cell">
                    <ProgressBar
                      parts={totalProgress(project.progress)}
                      label={t('admin.projects.progressOf', { name: project.name })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
