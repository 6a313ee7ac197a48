import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCurrentUser, type Me } from '~/modules/auth';
import { useLocales } from '~/modules/locales';
import { formatDate, formatNumber } from '~/ui/format';
import type { Article } from '../types';
import { editorHref, localeAccess, mineFirst } from '../utils/access';
import type { ProgressUnit } from '../utils/progress';
import { LocaleProgress } from './LocaleProgress';

/** One article: title, facts, and per locale its progress and the links into the editor. */
export function ArticleCard({
  project,
  article,
  unit,
}: {
  project: string;
  article: Article;
  unit: ProgressUnit;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const headingId = useId();
  const stale = article.locales.filter((l) => l.stale).length;
  return (
    <li className="card article-card" aria-labelledby={headingId}>
      <div className="article-card-head">
        <h3 id={headingId}>
          <bdi>{article.title}</bdi>
        </h3>
        <p className="muted article-facts">
          <span>{article.slug}</span>
          <span>
            {t('projects.version', { n: formatNumber(article.currentVersion, i18n.language) })}
          </span>
          <span>
            {t('projects.segmentCount', { n: formatNumber(article.segmentCount, i18n.language) })}
          </span>
          <span>
            {t('projects.updated', { date: formatDate(article.updatedAt, i18n.language) })}
          </span>
          {stale > 0 && (
            <span className="chip chip-warning">{t('projects.staleLocales', { n: stale })}</span>
          )}
        </p>
      </div>
      <ul className="locale-progress-list">
        {mineFirst(article.locales, me, project).map((progress) => (
          <li key={progress.locale}>
            <LocaleProgress
              progress={progress}
              unit={unit}
              showPublished
              actions={
                <EditorLinks me={me} project={project} article={article} locale={progress.locale} />
              }
            />
          </li>
        ))}
      </ul>
    </li>
  );
}

function EditorLinks({
  me,
  project,
  article,
  locale,
}: {
  me: Me;
  project: string;
  article: Article;
  locale: string;
}) {
  const { t } = useTranslation();
  const access = localeAccess(me, project, locale);
  const name = useLocales().get(locale)?.nativeName ?? locale;
  if (!access.translate && !access.review) return null;
  return (
    <>
      {access.translate && (
        <Link
          className="button-link"
          href={editorHref(project, article.slug, locale)}
          aria-label={t('projects.translateLabel', { title: article.title, locale: name })}
        >
          {t('projects.translate')}
        </Link>
      )}
      {access.review && (
        <Link
          className="button-link"
          href={editorHref(project, article.slug, locale, 'review')}
          aria-label={t('projects.reviewLabel', { title: article.title, locale: name })}
        >
          {t('projects.review')}
        </Link>
      )}
    </>
  );
}
