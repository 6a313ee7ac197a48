import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import {
  adminKeys,
  useCreateWebhook,
  useDeleteWebhook,
  useRedeliver,
  type Webhook,
  type WebhookEvent,
} from '../api';
import { formatDateTime, actionLabel } from '../utils/format';
import { ConfirmDialog, FormError, PageHeader, StatusMessage } from './common';

export const WEBHOOK_EVENTS: WebhookEvent[] = [
  'article.created',
  'article.source_changed',
  'segment.translated',
  'segment.reviewed',
  'task.assigned',
  'locale.approved',
  'article.published',
  'publication.withdrawn',
];

/** A project's webhooks: list, create (URL, events, secret), delete, recent deliveries. */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { project: slug = '' } = useParams<{ project: string }>();
  const project = useQuery(adminKeys.project(slug));
  const webhooks = useQuery(adminKeys.webhooks(slug));
  const remove = useDeleteWebhook(slug);
  const [status, setStatus] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section className="page" aria-labelledby="webhooks-title">
      <nav aria-label={t('admin.common.breadcrumbs')} className="admin-breadcrumbs">
        <Link href="/projects">{t('admin.nav.projects')}</Link>
        <Link href={`/projects/${slug}`}>
          <span dir="auto">{project.data?.name ?? slug}</span>
        </Link>
      </nav>
      <PageHeader title={<span id="webhooks-title">{t('admin.webhooks.title')}</span>}>
        <p className="admin-hint">{t('admin.webhooks.explain')}</p>
      </PageHeader>
      <StatusMessage message={status} />
      <CreateWebhookForm
        project={slug}
        onCreated={(hook) => setStatus(t('admin.webhooks.created', { url: hook.url }))}
      />

      <h2>{t('admin.webhooks.listTitle')}</h2>
      {webhooks.isPending && <Spinner label={t('app.loading')} />}
      {webhooks.isError && (
        <ErrorBanner error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      )}
      {webhooks.data && webhooks.data.length === 0 && (
        <p className="muted">{t('admin.webhooks.empty')}</p>
      )}
      {webhooks.data && webhooks.data.length > 0 && (
        <ul className="admin-cards">
          {webhooks.data.map((hook) => (
            <li key={hook.id} className="card">
              <div className="admin-section-header">
                <h3 className="admin-mono admin-break">{hook.url}</h3>
                <div className="actions">
                  <span className={`chip ${hook.active ? 'admin-chip-ok' : 'admin-chip-off'}`}>
                    {hook.active ? t('admin.webhooks.active') : t('admin.webhooks.inactive')}
                  </span>
                  <button
                    type="button"
                    aria-expanded={open === hook.id}
                    aria-controls={`deliveries-${hook.id}`}
                    aria-label={actionLabel(t('admin.webhooks.deliveries'), hook.url)}
                    onClick={() => setOpen(open === hook.id ? null : hook.id)}
                  >
                    {t('admin.webhooks.deliveries')}
                  </button>
                  <button
                    type="button"
                    className="admin-danger-text"
                    aria-label={actionLabel(t('admin.webhooks.delete'), hook.url)}
                    onClick={() => setDeleting(hook)}
                  >
                    {t('admin.webhooks.delete')}
                  </button>
                </div>
              </div>
              <p className="admin-small">
                {t('admin.webhooks.events')}:{' '}
                {hook.events.map((e) => (
                  <code key={e} className="admin-event">
                    {e === '*' ? t('admin.webhooks.allEvents') : e}
                  </code>
                ))}
              </p>
              <p className="admin-small muted">
                {t('admin.webhooks.createdAt', {
                  date: formatDateTime(hook.createdAt, i18n.language),
                })}
              </p>
              {open === hook.id && (
                <div id={`deliveries-${hook.id}`}>
                  <Deliveries project={slug} webhook={hook.id} onStatus={setStatus} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      {deleting && (
        <ConfirmDialog
          title={t('admin.webhooks.deleteTitle')}
          confirmLabel={t('admin.webhooks.deleteConfirm')}
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
                setStatus(t('admin.webhooks.deleted', { url: deleting.url }));
                setDeleting(null);
              },
            })
          }
        >
          <p>{t('admin.webhooks.deleteExplain')}</p>
          <p className="admin-mono admin-break">{deleting.url}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function CreateWebhookForm({
  project,
  onCreated,
}: {
  project: string;
  onCreated: (hook: Webhook) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateWebhook(project);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [all, setAll] = useState(false);
  const [events, setEvents] = useState<WebhookEvent[]>(['article.published']);
  const chosen: WebhookEvent[] = all ? ['*'] : events;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { url, secret, events: chosen, active: true },
      {
        onSuccess: (hook) => {
          setUrl('');
          setSecret('');
          onCreated(hook);
        },
      },
    );
  }

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-webhook-title">
      <h2 id="new-webhook-title">{t('admin.webhooks.newTitle')}</h2>
      <label>
        {t('admin.webhooks.url')}
        <input
          type="url"
          required
          maxLength={2000}
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <label>
        {t('admin.webhooks.secret')}
        <input
          type="password"
          required
          maxLength={500}
          autoComplete="new-password"
          aria-describedby="webhook-secret-hint"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <span id="webhook-secret-hint" className="admin-hint">
          {t('admin.webhooks.secretHint')}
        </span>
      </label>
      <fieldset className="admin-fieldset">
        <legend>{t('admin.webhooks.events')}</legend>
        <label className="admin-check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          {t('admin.webhooks.allEvents')}
        </label>
        <div className="admin-check-grid">
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="admin-check">
              <input
                type="checkbox"
                disabled={all}
                checked={all || events.includes(name)}
                onChange={(e) =>
                  setEvents((list) =>
                    e.target.checked ? [...list, name] : list.filter((x) => x !== name),
                  )
                }
              />
              <code>{name}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError error={create.error} />
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={create.isPending || chosen.length === 0}
        >
          {create.isPending ? t('admin.common.saving') : t('admin.webhooks.create')}
        </button>
      </div>
    </form>
  );
}

function Deliveries({
  project,
  webhook,
  onStatus,
}: {
  project: string;
  webhook: string;
  onStatus: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const deliveries = useQuery(adminKeys.deliveries(project, webhook));
  const redeliver = useRedeliver(project, webhook);
  if (deliveries.isPending) return <Spinner label={t('app.loading')} />;
  if (deliveries.isError) {
    return <ErrorBanner error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  }
  if (deliveries.data.items.length === 0) {
    return <p className="muted">{t('admin.webhooks.noDeliveries')}</p>;
  }
  return (
    <>
      {redeliver.isError && <ErrorBanner error={redeliver.error} />}
      <div className="admin-table-wrap">
        <table className="admin-nested-table">
          <caption>{t('admin.webhooks.deliveriesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.webhooks.event')}</th>
              <th scope="col">{t('admin.webhooks.status')}</th>
              <th scope="col">{t('admin.webhooks.attempts')}</th>
              <th scope="col">{t('admin.webhooks.response')}</th>
              <th scope="col">{t('admin.webhooks.when')}</th>
              <th scope="col">{t('admin.common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <code>{d.event}</code>
                </th>
                <td>
                  <span className={`chip admin-delivery-${d.status}`}>
                    {t(`admin.webhooks.statuses.${d.status}`)}
                  </span>
                </td>
                <td>{d.attempts}</td>
                <td className="admin-break">
                  {d.statusCode ?? ''} {d.error && <span className="admin-small">{d.error}</span>}
                </td>
                <td>{formatDateTime(d.createdAt, i18n.language)}</td>
                <td>
                  <button
                    type="button"
                    disabled={redeliver.isPending}
                    aria-label={actionLabel(t('admin.webhooks.redeliver'), d.event)}
                    onClick={() =>
                      redeliver.mutate(d.id, {
                        onSuccess: () =>
                          onStatus(t('admin.webhooks.redelivered', { event: d.event })),
                      })
                    }
                  >
                    {t('admin.webhooks.redeliver')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
