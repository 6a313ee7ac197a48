import { useMemo } from 'react';
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LocaleName, useLocales } from '~/modules/locales';
import { editorHref, projectKeys } from '~/modules/projects';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { calendarDaysFrom, formatDate, formatNumber, formatRelativeDays } from '~/ui/format';
import { taskKeys, type Task } from '../api';
import { dueState } from '../utils/due';

/** My open tasks, most urgent first as the server orders them, with "Show more" paging. */
export function TaskList() {
  const { t } = useTranslation();
  const tasks = useInfiniteQuery(taskKeys.mineOpen());
  const items = useMemo(() => tasks.data?.pages.flatMap((p) => p.items) ?? [], [tasks.data]);

  // Tasks name their article and project by slug; titles and names come from their own routes.
  const projects = useQuery(projectKeys.list());
  const projectNames = useMemo(
    () => new Map((projects.data ?? []).map((p) => [p.slug, p.name])),
    [projects.data],
  );
  const articleRefs = useMemo(
    () => [...new Map(items.map((i) => [`${i.project}\n${i.article}`, i])).values()],
    [items],
  );
  const titles = useQueries({
    queries: articleRefs.map((ref) => ({
      ...projectKeys.article(ref.project, ref.article),
      select: (article: { title: string }) => article.title,
    })),
    combine: (results) =>
      new Map(
        results.map((r, i) => [
          `${articleRefs[i].project}\n${articleRefs[i].article}`,
          r.data ?? null,
        ]),
      ),
  });

  if (tasks.isPending) return <Spinner label={t('home.loadingTasks')} />;
  if (tasks.isError)
    return <ErrorBanner error={tasks.error} onRetry={() => void tasks.refetch()} />;
  if (items.length === 0) {
    return (
      <div className="empty">
        <p>{t('home.noTasks')}</p>
        <p className="muted">{t('home.noTasksHint')}</p>
      </div>
    );
  }

  return (
    <>
      <ul className="task-list">
        {items.map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            title={titles.get(`${task.project}\n${task.article}`) ?? null}
            projectName={projectNames.get(task.project) ?? task.project}
          />
        ))}
      </ul>
      {tasks.hasNextPage && (
        <div className="actions load-more">
          <button
            type="button"
            onClick={() => void tasks.fetchNextPage()}
            disabled={tasks.isFetchingNextPage}
          >
            {tasks.isFetchingNextPage ? t('app.loading') : t('home.moreTasks')}
          </button>
        </div>
      )}
    </>
  );
}

export function TaskRow({
  task,
  title,
  projectName,
}: {
  task: Task;
  title: string | null;
  projectName: string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const localeName = useLocales().get(task.locale)?.nativeName ?? task.locale;
  const state = dueState(task, new Date());
  const days = calendarDaysFrom(task.dueAt, new Date());
  const type = task.type === 'review' ? 'review' : 'translate';
  const shownTitle = title ?? task.article;

  return (
    <li className={`task-row due-${state}`}>
      <div className="task-main">
        <span className={`chip task-type task-type-${type}`}>{t(`home.taskType.${type}`)}</span>
        <Link
          href={editorHref(task.project, task.article, task.locale, type)}
          className="task-title"
          aria-label={t(`home.taskLink.${type}`, { title: shownTitle, locale: localeName })}
        >
          <bdi>{shownTitle}</bdi>
        </Link>
        {title !== null && <span className="muted task-slug">{task.article}</span>}
      </div>
      <dl className="task-meta">
        <div>
          <dt>{t('home.project')}</dt>
          <dd>
            <bdi>{projectName}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('home.language')}</dt>
          <dd>
            <LocaleName code={task.locale} />
          </dd>
        </div>
        <div>
          <dt>{t('home.remaining')}</dt>
          <dd>
            {t('home.remainingSegments', { n: formatNumber(task.remaining, lng) })}
            {task.remainingWords !== undefined && (
              <>
                {' · '}
                {t('home.remainingWords', { n: formatNumber(task.remainingWords, lng) })}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('home.due')}</dt>
          <dd>
            <time dateTime={task.dueAt}>{formatDate(task.dueAt, lng)}</time>
            {days !== null && <span className="muted">{formatRelativeDays(days, lng)}</span>}
            {state === 'overdue' && <span className="chip chip-danger">{t('home.overdue')}</span>}
            {state === 'soon' && <span className="chip chip-warning">{t('home.dueSoon')}</span>}
          </dd>
        </div>
      </dl>
    </li>
  );
}
