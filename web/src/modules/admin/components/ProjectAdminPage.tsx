import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { adminKeys, useUpdateProject, type Project } from '../api';
import { PageHeader, StatusMessage } from './common';
import { ProjectForm } from './ProjectForm';
import { MembersSection } from './MembersSection';
import { LocaleStateList } from './LocaleState';

/** One project: its articles, its settings (locales, policies, due days) and its members. */
export function ProjectAdminPage() {
  const { t } = useTranslation();
  const { project: slug = '' } = useParams<{ project: string }>();
  const search = useSearch();
  const [location, navigate] = useLocation();
  // "?created=1" is said once: drop it so a reload does not say it again.
  useEffect(() => {
    if (new URLSearchParams(search).has('created')) navigate(location, { replace: true });
  }, [search, location, navigate]);
  const project = useQuery(adminKeys.project(slug));
  const [status, setStatus] = useState<string | null>(
    new URLSearchParams(search).has('created') ? t('admin.projects.created') : null,
  );

  if (project.isPending) return <Spinner label={t('app.loading')} />;
  if (project.isError) {
    return (
      <section className="page">
        <ErrorBanner error={project.error} onRetry={() => void project.refetch()} />
      </section>
    );
  }
  const p = project.data;
  return (
    <section className="page" aria-labelledby="project-title">
      <nav aria-label={t('admin.common.breadcrumbs')} className="admin-breadcrumbs">
        <Link href="/projects">{t('admin.nav.projects')}</Link>
      </nav>
      <PageHeader
        title={
          <span id="project-title" dir="auto">
            {p.name}
          </span>
        }
        actions={
          <>
            <Link className="button" href={`/projects/${p.slug}/glossary`}>
              {t('admin.glossary.title')}
            </Link>
            <Link className="button" href={`/projects/${p.slug}/mt`}>
              {t('admin.mt.title')}
            </Link>
            <Link className="button" href={`/projects/${p.slug}/webhooks`}>
              {t('admin.webhooks.title')}
            </Link>
          </>
        }
      >
        <p className="muted admin-mono">{p.slug}</p>
      </PageHeader>
      <StatusMessage message={status} />
      <nav aria-label={t('admin.projects.sections')} className="admin-toc">
        <a href="#articles">{t('admin.articles.title')}</a>
        <a href="#settings">{t('admin.projects.settings')}</a>
        <a href="#members">{t('admin.members.title')}</a>
      </nav>

      <ArticlesSection project={p} />

      <section className="card admin-section" aria-labelledby="settings">
        <h2 id="settings" tabIndex={-1}>
          {t('admin.projects.settings')}
        </h2>
        <SettingsForm project={p} onSaved={() => setStatus(t('admin.projects.saved'))} />
      </section>

      <MembersSection project={p} onStatus={setStatus} />
    </section>
  );
}

function SettingsForm({ project, onSaved }: { project: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateProject(project.slug);
  return (
    <ProjectForm
      key={project.slug}
      project={project}
      pending={update.isPending}
      error={update.error}
      submitLabel={t('admin.projects.save')}
      onSubmit={({ slug: _slug, ...changes }) => update.mutate(changes, { onSuccess: onSaved })}
    />
  );
}

function ArticlesSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const articles = useInfiniteQuery(adminKeys.articles(project.slug));
  const items = articles.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card admin-section" aria-labelledby="articles">
      <div className="admin-section-header">
        <h2 id="articles" tabIndex={-1}>
          {t('admin.articles.title')}
        </h2>
        <Link className="button" href={`/projects/${project.slug}/articles/new`}>
          {t('admin.articles.new')}
        </Link>
      </div>
      {articles.isPending && <Spinner label={t('app.loading')} />}
      {articles.isError && (
        <ErrorBanner error={articles.error} onRetry={() => void articles.refetch()} />
      )}
      {articles.isSuccess && items.length === 0 && (
        <p className="muted">{t('admin.articles.empty')}</p>
      )}
      {items.length > 0 && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.articles.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.articles.articleTitle')}</th>
                <th scope="col">{t('admin.articles.version')}</th>
                <th scope="col">{t('admin.articles.segments')}</th>
                <th scope="col">{t('admin.articles.locales')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((article) => (
                <tr key={article.slug}>
                  <th scope="row">
                    <Link href={`/projects/${project.slug}/articles/${article.slug}`}>
                      <span lang={project.sourceLocale} dir="auto">
                        {article.title}
                      </span>
                    </Link>
                    <div className="muted admin-mono">{article.slug}</div>
                  </th>
                  <td>{article.currentVersion}</td>
                  <td>{article.segmentCount}</td>
                  <td>
                    <LocaleStateList progress={article.locales} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {articles.hasNextPage && (
        <button
          type="button"
          onClick={() => void articles.fetchNextPage()}
          disabled={articles.isFetchingNextPage}
        >
          {t('admin.common.loadMore')}
        </button>
      )}
    </section>
  );
}
