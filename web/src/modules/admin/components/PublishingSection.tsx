import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { errorMessage, isApiError } from '~/api/errors';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { ProgressBar } from '~/ui/ProgressBar';
import { Spinner } from '~/ui/Spinner';
import {
  adminKeys,
  usePublish,
  useWithdraw,
  type Article,
  type Progress,
  type Project,
} from '../api';
import { formatDateTime, actionLabel } from '../utils/format';
import { ConfirmDialog, LocaleLabel, useLocales } from './common';
import { LocaleStateSummary } from './LocaleState';

/** Per target locale: progress, publication state, Publish, Withdraw (with a reason), history. */
export function PublishingSection({
  project,
  article,
  onStatus,
}: {
  project: Project;
  article: Article;
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locales = useLocales();
  return (
    <section className="card admin-section" aria-labelledby="publishing">
      <h2 id="publishing" tabIndex={-1}>
        {t('admin.publishing.title')}
      </h2>
      <p className="admin-hint">
        {t(`admin.publishing.policy.${project.publishPolicy}`)}{' '}
        {t('admin.publishing.sourcePublished', { locale: project.sourceLocale })}
      </p>
      {article.locales.length === 0 ? (
        <p className="muted">{t('admin.publishing.noLocales')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.publishing.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.members.locale')}</th>
                <th scope="col">{t('admin.publishing.progress')}</th>
                <th scope="col">{t('admin.publishing.state')}</th>
                <th scope="col">{t('admin.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {article.locales.map((progress) => (
                <LocaleRow
                  key={progress.locale}
                  project={project}
                  article={article}
                  progress={progress}
                  label={
                    <LocaleLabel
                      code={progress.locale}
                      locale={locales.byCode.get(progress.locale.toLowerCase())}
                    />
                  }
                  onStatus={onStatus}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LocaleRow({
  project,
  article,
  progress,
  label,
  onStatus,
}: {
  project: Project;
  article: Article;
  progress: Progress;
  label: React.ReactNode;
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = progress.locale;
  const publish = usePublish(project.slug, article.slug, locale);
  const [withdrawing, setWithdrawing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const historyId = `publications-${locale}`;
  // The latest publication says whether the locale is withdrawn (progress does not).
  const publications = useQuery(adminKeys.publications(project.slug, article.slug, locale));
  const withdrawal = publications.data?.[0]?.withdrawal ?? null;

  function doPublish() {
    setMessage(null);
    publish.mutate(undefined, {
      onSuccess: ({ status, data }) => {
        const text =
          status === 202
            ? t('admin.publishing.queued', { locale })
            : t('admin.publishing.unchanged', {
                locale,
                number: 'number' in data ? data.number : '',
              });
        setMessage({ kind: 'ok', text });
        onStatus(text);
      },
      onError: (error) => {
        const text = isApiError(error, 'NOT_PUBLISHABLE')
          ? t('admin.publishing.notPublishable', { locale, reason: errorMessage(error, t) })
          : errorMessage(error, t);
        setMessage({ kind: 'error', text });
      },
    });
  }

  return (
    <Fragment>
      <tr>
        <th scope="row">{label}</th>
        <td className="admin-progress-cell">
          <ProgressBar parts={progress} label={t('admin.articles.progressOf', { locale })} />
          <span className="admin-small">
            {t('admin.publishing.approvedOf', {
              approved: progress.approved,
              total: progress.total,
            })}
          </span>
        </td>
        <td>
          <LocaleStateSummary progress={progress} withdrawn={Boolean(withdrawal)} />
          {progress.published && (
            <div className="admin-small muted">
              {t('admin.publishing.fromVersion', { version: progress.published.sourceVersion })}
            </div>
          )}
        </td>
        <td>
          <div className="actions">
            <button
              type="button"
              aria-label={actionLabel(t('admin.publishing.publish'), locale)}
              onClick={doPublish}
              disabled={publish.isPending}
            >
              {t('admin.publishing.publish')}
            </button>
            <button
              type="button"
              className="admin-danger-text"
              disabled={!progress.published || Boolean(withdrawal)}
              aria-label={actionLabel(t('admin.publishing.withdraw'), locale)}
              onClick={() => setWithdrawing(true)}
            >
              {t('admin.publishing.withdraw')}
            </button>
            <button
              type="button"
              aria-expanded={showHistory}
              aria-controls={historyId}
              aria-label={actionLabel(t('admin.publishing.history'), locale)}
              onClick={() => setShowHistory((v) => !v)}
            >
              {t('admin.publishing.history')}
            </button>
            <Link
              href={`~/app/projects/${project.slug}/articles/${article.slug}/${locale}`}
              aria-label={actionLabel(t('admin.publishing.openEditor'), locale)}
            >
              {t('admin.publishing.openEditor')}
            </Link>
          </div>
          {message && (
            <p
              className={message.kind === 'ok' ? 'admin-small admin-ok-text' : 'error admin-small'}
              role={message.kind === 'ok' ? 'status' : 'alert'}
            >
              {message.text}
            </p>
          )}
          {withdrawing && (
            <WithdrawDialog
              project={project.slug}
              article={article.slug}
              locale={locale}
              onClose={() => setWithdrawing(false)}
              onDone={(text) => {
                setWithdrawing(false);
                setMessage({ kind: 'ok', text });
                onStatus(text);
              }}
            />
          )}
        </td>
      </tr>
      {showHistory && (
        <tr id={historyId}>
          <td colSpan={4}>
            <Publications project={project.slug} article={article.slug} locale={locale} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function WithdrawDialog({
  project,
  article,
  locale,
  onClose,
  onDone,
}: {
  project: string;
  article: string;
  locale: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdraw(project, article, locale);
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      title={t('admin.publishing.withdrawTitle', { locale })}
      confirmLabel={t('admin.publishing.withdrawConfirm')}
      danger
      pending={withdraw.isPending}
      confirmDisabled={!reason.trim()}
      error={withdraw.error}
      onClose={onClose}
      onConfirm={() =>
        withdraw.mutate(reason.trim(), {
          onSuccess: (result) =>
            onDone(t('admin.publishing.withdrawn', { locale, number: result.number })),
        })
      }
    >
      <p>{t('admin.publishing.withdrawExplain', { locale })}</p>
      <label>
        {t('admin.publishing.reason')}
        <textarea
          required
          autoFocus
          rows={3}
          maxLength={2000}
          dir="auto"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
    </ConfirmDialog>
  );
}

function Publications({
  project,
  article,
  locale,
}: {
  project: string;
  article: string;
  locale: string;
}) {
  const { t, i18n } = useTranslation();
  const publications = useQuery(adminKeys.publications(project, article, locale));
  if (publications.isPending) return <Spinner label={t('app.loading')} />;
  if (publications.isError) {
    return <ErrorBanner error={publications.error} onRetry={() => void publications.refetch()} />;
  }
  if (publications.data.length === 0) {
    return <p className="muted">{t('admin.publishing.noPublications', { locale })}</p>;
  }
  return (
    <table className="admin-nested-table">
      <caption>{t('admin.publishing.historyTitle', { locale })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.publishing.number')}</th>
          <th scope="col">{t('admin.versions.version')}</th>
          <th scope="col">{t('admin.publishing.kind')}</th>
          <th scope="col">{t('admin.publishing.publishedAt')}</th>
          <th scope="col">{t('admin.publishing.withdrawal')}</th>
        </tr>
      </thead>
      <tbody>
        {publications.data.map((p) => (
          <tr key={p.number}>
            <th scope="row">
              <a href={p.url} target="_blank" rel="noopener noreferrer">
                {t('admin.publishing.numberN', { number: p.number })}
              </a>
            </th>
            <td>{p.sourceVersion}</td>
            <td>{t(`admin.publishing.kinds.${p.kind}`)}</td>
            <td>{formatDateTime(p.publishedAt, i18n.language)}</td>
            <td>
              {p.withdrawal ? (
                <span>
                  <span className="chip state-rejected">{t('admin.publishing.withdrawnChip')}</span>{' '}
                  {formatDateTime(p.withdrawal.withdrawnAt, i18n.language)}
                  {p.withdrawal.withdrawnBy && (
                    <>
                      {' '}
                      · <span dir="auto">{p.withdrawal.withdrawnBy.name}</span>
                    </>
                  )}
                  <div dir="auto">{p.withdrawal.reason}</div>
                </span>
              ) : (
                <span className="muted">{t('common.none')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
