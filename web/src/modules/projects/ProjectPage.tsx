import { useMemo } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCurrentUser } from '~/modules/auth';
import { useLocales } from '~/modules/locales';
import { isApiError } from '~/api/errors';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { projectKeys } from './api';
import { LocaleProgress } from './components/LocaleProgress';
import { UnitToggle } from './components/UnitToggle';
import { useProgressUnit } from './hooks/useProgressUnit';
import { ArticleCard } from './components/ArticleCard';
import type { Project } from './types';
import { mineFirst } from './utils/access';
import { hasWordCounts, type ProgressUnit } from './utils/progress';
import { useDocumentTitle } from '~/ui/useDocumentTitle';
import './projects.css';

/** A project's articles, each with its locales' progress and the way into the editor. */
export default function ProjectPage({ params }: { params: { project: string } }) {
  const { t } = useTranslation();
  const slug = params.project;
  const project = useQuery(projectKeys.detail(slug));
  const articles = useInfiniteQuery(projectKeys.articles(slug));
  const [unit, setUnit] = useProgressUnit();
  const me = useCurrentUser();
  useDocumentTitle(project.data?.name ?? t('projects.articles'));
  const items = useMemo(() => articles.data?.pages.flatMap((p) => p.items) ?? [], [articles.data]);

  if (project.isPending) return <Spinner label={t('app.loading')} />;
  if (project.isError) {
    return (
      <div className="page">
        {isApiError(project.error) && [403, 404].includes(project.error.status) ? (
          <>
            <h1>{t('projects.notFound')}</h1>
            <Link href="/">{t('app.backHome')}</Link>
          </>
        ) : (
          <ErrorBanner error={project.error} onRetry={() => void project.refetch()} />
        )}
      </div>
    );
  }
  const words = hasWordCounts(project.data.progress);
  const shownUnit: ProgressUnit = words ? unit : 'segments';

  return (
    <div className="page project-page">
      <nav aria-label={t('projects.breadcrumb')} className="breadcrumb">
        <Link href="/">{t('nav.home')}</Link>
        <span aria-hidden="true" className="breadcrumb-sep">
          ›
        </span>
        <span aria-current="page">
          <bdi>{project.data.name}</bdi>
        </span>
      </nav>
      <header className="project-header">
        <div>
          <h1>
            <bdi>{project.data.name}</bdi>
          </h1>
          <ProjectFacts project={project.data} />
        </div>
        {words && <UnitToggle unit={unit} onChange={setUnit} />}
      </header>

      <section aria-labelledby="project-locales" className="card">
        <h2 id="project-locales">{t('projects.overall')}</h2>
        {project.data.progress.length === 0 ? (
          <p className="muted">{t('home.noLocales')}</p>
        ) : (
          <ul className="locale-progress-list columns">
            {mineFirst(project.data.progress, me, slug).map((progress) => (
              <li key={progress.locale}>
                <LocaleProgress progress={progress} unit={shownUnit} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="project-articles">
        <h2 id="project-articles">{t('projects.articles')}</h2>
        {articles.isPending && <Spinner label={t('projects.loadingArticles')} />}
        {articles.isError && (
          <ErrorBanner error={articles.error} onRetry={() => void articles.refetch()} />
        )}
        {articles.isSuccess && items.length === 0 && (
          <div className="empty">
            <p>{t('projects.noArticles')}</p>
          </div>
        )}
        {items.length > 0 && (
          <ul className="article-list">
            {items.map((article) => (
              <ArticleCard key={article.slug} project={slug} article={article} unit={shownUnit} />
            ))}
          </ul>
        )}
        {articles.hasNextPage && (
          <div className="actions load-more">
            <button
              type="button"
              onClick={() => void articles.fetchNextPage()}
              disabled={articles.isFetchingNextPage}
            >
              {articles.isFetchingNextPage ? t('app.loading') : t('projects.moreArticles')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

function ProjectFacts({ project }: { project: Project }) {
  const { t } = useTranslation();
  const source = useLocales().get(project.sourceLocale);
  return (
    <p className="muted project-facts">
      <span>{project.slug}</span>
      <span>
        {t('projects.sourceLanguage')}{' '}
        <span lang={project.sourceLocale} dir={source?.direction ?? 'auto'}>
          {source?.nativeName ?? project.sourceLocale}
        </span>
      </span>
      <span>
        {t(project.requireReview ? 'projects.reviewRequired' : 'projects.reviewOptional')}
      </span>
    </p>
  );
}
