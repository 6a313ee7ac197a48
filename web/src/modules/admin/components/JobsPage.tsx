import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { adminKeys, useRetryJob } from '../api';
import { formatDateTime, actionLabel } from '../utils/format';
import { PageHeader, StatusMessage } from './common';

/** Failing events and webhook deliveries with their last error; Retry makes one due now. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const jobs = useInfiniteQuery({ ...adminKeys.jobs(), refetchInterval: 15_000 });
  const retry = useRetryJob();
  const [status, setStatus] = useState<string | null>(null);
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="page" aria-labelledby="jobs-title">
      <PageHeader
        title={<span id="jobs-title">{t('admin.jobs.title')}</span>}
        actions={
          <button type="button" onClick={() => void jobs.refetch()} disabled={jobs.isFetching}>
            {t('admin.jobs.refresh')}
          </button>
        }
      >
        <p className="admin-hint">{t('admin.jobs.explain')}</p>
      </PageHeader>
      <StatusMessage message={status} />
      {retry.isError && <ErrorBanner error={retry.error} />}
      {jobs.isPending && <Spinner label={t('app.loading')} />}
      {jobs.isError && <ErrorBanner error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.isSuccess && items.length === 0 && <p className="notice">{t('admin.jobs.empty')}</p>}
      {items.length > 0 && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.jobs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.jobs.type')}</th>
                <th scope="col">{t('admin.jobs.status')}</th>
                <th scope="col">{t('admin.jobs.attempts')}</th>
                <th scope="col">{t('admin.jobs.lastError')}</th>
                <th scope="col">{t('admin.jobs.failingSince')}</th>
                <th scope="col">{t('admin.jobs.nextAttempt')}</th>
                <th scope="col">{t('admin.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <tr key={job.id} className={job.overThreshold ? 'admin-row-alert' : undefined}>
                  <th scope="row">
                    <code>{job.type}</code>
                    <div className="admin-small muted">{t(`admin.jobs.kinds.${job.kind}`)}</div>
                  </th>
                  <td>
                    <span className={`chip admin-job-${job.status}`}>
                      {t(`admin.jobs.statuses.${job.status}`)}
                    </span>
                    {job.overThreshold && (
                      <div className="admin-small admin-danger-text">
                        {t('admin.jobs.overThreshold')}
                      </div>
                    )}
                  </td>
                  <td>{job.attempts}</td>
                  <td className="admin-break admin-small">
                    {job.lastError ? <code>{job.lastError}</code> : t('common.none')}
                  </td>
                  <td>{formatDateTime(job.failingSince, i18n.language)}</td>
                  <td>
                    {job.nextAttemptAt
                      ? formatDateTime(job.nextAttemptAt, i18n.language)
                      : t('admin.jobs.givenUp')}
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={retry.isPending}
                      aria-label={actionLabel(t('admin.jobs.retry'), job.type)}
                      onClick={() =>
                        retry.mutate(job.id, {
                          onSuccess: () => setStatus(t('admin.jobs.retried', { type: job.type })),
                        })
                      }
                    >
                      {t('admin.jobs.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {jobs.hasNextPage && (
        <button
          type="button"
          onClick={() => void jobs.fetchNextPage()}
          disabled={jobs.isFetchingNextPage}
        >
          {t('admin.common.loadMore')}
        </button>
      )}
    </section>
  );
}
