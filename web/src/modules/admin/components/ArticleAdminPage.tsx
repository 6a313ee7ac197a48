import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { adminKeys } from '../api';
import { formatDateTime } from '../utils/format';
import { PageHeader, StatusMessage } from './common';
import { PublishingSection } from './PublishingSection';
import { SourceUpdateSection } from './SourceUpdateSection';

/** One article: publishing per locale, the source update with its preview, the versions. */
export function ArticleAdminPage() {
  const { t, i18n } = useTranslation();
  const { project: projectSlug = '', article: articleSlug = '' } = useParams<{
    project: string;
    article: string;
  }>();
  const search = useSearch();
  const [location, navigate] = useLocation();
  // "?created=1" is said once: drop it so a reload does not say it again.
  useEffect(() => {
    if (new URLSearchParams(search).has('created')) navigate(location, { replace: true });
  }, [search, location, navigate]);
  const project = useQuery(adminKeys.project(projectSlug));
  const article = useQuery(adminKeys.article(projectSlug, articleSlug));
  const [status, setStatus] = useState<string | null>(
    new URLSearchParams(search).has('created') ? t('admin.articles.created') : null,
  );

  if (article.isPending || project.isPending) return <Spinner label={t('app.loading')} />;
  if (article.isError || project.isError) {
    const error = article.error ?? project.error;
    return (
      <section className="page">
        <ErrorBanner
          error={error}
          onRetry={() => {
            void article.refetch();
            void project.refetch();
          }}
        />
      </section>
    );
  }
  const a = article.data;
  const p = project.data;
  return (
    <section className="page" aria-labelledby="article-title">
      <nav aria-label={t('admin.common.breadcrumbs')} className="admin-breadcrumbs">
        <Link href="/projects">{t('admin.nav.projects')}</Link>
        <Link href={`/projects/${p.slug}`}>
          <span dir="auto">{p.name}</span>
        </Link>
      </nav>
      <PageHeader
        title={
          <span id="article-title" lang={p.sourceLocale} dir="auto">
            {a.title}
          </span>
        }
      >
        <p className="muted">
          <span className="admin-mono">{a.slug}</span>
          {' · '}
          {t('admin.articles.versionN', { version: a.currentVersion })}
          {' · '}
          {t('admin.articles.segmentsN', { n: a.segmentCount })}
          {' · '}
          {t(`admin.source.formats.${a.format}`)}
          {' · '}
          {t('admin.articles.updatedAt', { date: formatDateTime(a.updatedAt, i18n.language) })}
        </p>
      </PageHeader>
      <StatusMessage message={status} />
      <nav aria-label={t('admin.projects.sections')} className="admin-toc">
        <a href="#publishing">{t('admin.publishing.title')}</a>
        <a href="#source">{t('admin.source.title')}</a>
        <a href="#versions">{t('admin.versions.title')}</a>
      </nav>
      <PublishingSection project={p} article={a} onStatus={setStatus} />
      <SourceUpdateSection project={p} article={a} onStatus={setStatus} />
      <VersionsSection projectSlug={p.slug} articleSlug={a.slug} />
    </section>
  );
}

function VersionsSection({
  projectSlug,
  articleSlug,
}: {
  projectSlug: string;
  articleSlug: string;
}) {
  const { t, i18n } = useTranslation();
  const versions = useQuery(adminKeys.versions(projectSlug, articleSlug));
  return (
    <section className="card admin-section" aria-labelledby="versions">
      <h2 id="versions" tabIndex={-1}>
        {t('admin.versions.title')}
      </h2>
      {versions.isPending && <Spinner label={t('app.loading')} />}
      {versions.isError && (
        <ErrorBanner error={versions.error} onRetry={() => void versions.refetch()} />
      )}
      {versions.data && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.versions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.versions.version')}</th>
                <th scope="col">{t('admin.versions.createdAt')}</th>
                <th scope="col">{t('admin.versions.createdBy')}</th>
                <th scope="col">{t('admin.articles.segments')}</th>
                <th scope="col">{t('admin.versions.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version}>
                  <th scope="row">
                    {v.version}
                    {v.minorChange && (
                      <span className="chip admin-chip-off">{t('admin.versions.minor')}</span>
                    )}
                  </th>
                  <td>{formatDateTime(v.createdAt, i18n.language)}</td>
                  <td dir="auto">{v.createdBy?.name ?? t('common.none')}</td>
                  <td>{v.segmentCount}</td>
                  <td>
                    {v.sync
                      ? t('admin.versions.sync', {
                          kept: v.sync.kept,
                          fuzzy: v.sync.fuzzy,
                          added: v.sync.added,
                          removed: v.sync.removed,
                        })
                      : t('admin.versions.first')}
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
