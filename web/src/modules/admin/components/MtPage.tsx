import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { adminKeys, mtKeys, useDeleteMtConfig, useSaveMtConfig, type MtConfig } from '../api';
import { formatDateTime, formatMonth } from '../utils/format';
import { MT_PROVIDERS, mtBody, type MtForm, type MtProvider } from '../utils/glossary';
import {
  ConfirmDialog,
  Field,
  FormError,
  LocaleLabel,
  PageHeader,
  StatusMessage,
  useLocales,
} from './common';

/** A project's machine-translation provider: the current settings, usage, change, turn off. */
export function MtPage() {
  const { t, i18n } = useTranslation();
  const { project: slug = '' } = useParams<{ project: string }>();
  const project = useQuery(adminKeys.project(slug));
  const config = useQuery(mtKeys.config(slug));
  const locales = useLocales();
  const remove = useDeleteMtConfig(slug);
  const [status, setStatus] = useState<string | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const current = config.data;

  return (
    <section className="page" aria-labelledby="mt-title">
      <nav aria-label={t('admin.common.breadcrumbs')} className="admin-breadcrumbs">
        <Link href="/projects">{t('admin.nav.projects')}</Link>
        <Link href={`/projects/${slug}`}>
          <span dir="auto">{project.data?.name ?? slug}</span>
        </Link>
      </nav>
      <PageHeader title={<span id="mt-title">{t('admin.mt.title')}</span>}>
        <p className="admin-hint">{t('admin.mt.explain')}</p>
      </PageHeader>
      <StatusMessage message={status} />
      {(config.isPending || project.isPending) && <Spinner label={t('app.loading')} />}
      {config.isError && <ErrorBanner error={config.error} onRetry={() => void config.refetch()} />}
      {project.isError && <ErrorBanner error={project.error} />}

      {config.isSuccess && (
        <section className="card" aria-labelledby="mt-current-title">
          <div className="admin-section-header">
            <h2 id="mt-current-title">{t('admin.mt.currentTitle')}</h2>
            {current && (
              <div className="actions">
                <button
                  type="button"
                  className="admin-danger-text"
                  onClick={() => setConfirmOff(true)}
                >
                  {t('admin.mt.turnOff')}
                </button>
              </div>
            )}
          </div>
          {current ? (
            <dl className="admin-mt-summary">
              <dt>{t('admin.mt.provider')}</dt>
              <dd>{t(`admin.mt.providers.${current.provider}`)}</dd>
              {current.endpoint && (
                <>
                  <dt>{t('admin.mt.endpoint')}</dt>
                  <dd className="admin-mono admin-break">
                    <bdi dir="ltr">{current.endpoint}</bdi>
                  </dd>
                </>
              )}
              <dt>{t('admin.mt.apiKey')}</dt>
              <dd>{current.hasApiKey ? t('admin.mt.keyStored') : t('admin.mt.noKey')}</dd>
              {current.model && (
                <>
                  <dt>{t('admin.mt.model')}</dt>
                  <dd className="admin-mono">{current.model}</dd>
                </>
              )}
              {current.region && (
                <>
                  <dt>{t('admin.mt.region')}</dt>
                  <dd className="admin-mono">{current.region}</dd>
                </>
              )}
              <dt>{t('admin.mt.locales')}</dt>
              <dd>
                {current.locales.length ? (
                  <ul className="admin-mt-locales">
                    {current.locales.map((code) => (
                      <li key={code}>
                        <LocaleLabel code={code} locale={locales.byCode.get(code.toLowerCase())} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('admin.mt.noLocales')
                )}
              </dd>
              <dt>{t('admin.mt.usage')}</dt>
              <dd>
                {current.monthlyCharacterLimit === null
                  ? t('admin.mt.usageNoLimit', {
                      month: formatMonth(current.usage.month, i18n.language),
                      used: number.format(current.usage.characters),
                    })
                  : t('admin.mt.usageOfLimit', {
                      month: formatMonth(current.usage.month, i18n.language),
                      used: number.format(current.usage.characters),
                      limit: number.format(current.monthlyCharacterLimit),
                    })}
              </dd>
              <dt>{t('admin.mt.updatedAt')}</dt>
              <dd>{formatDateTime(current.updatedAt, i18n.language)}</dd>
            </dl>
          ) : (
            <p className="muted">{t('admin.mt.none')}</p>
          )}
        </section>
      )}

      {config.isSuccess && project.data && (
        <MtConfigForm
          // A new form after a save or turning off, with the stored values.
          key={current?.updatedAt ?? 'none'}
          project={slug}
          config={current ?? null}
          targets={project.data.targetLocales}
          onSaved={() => setStatus(t('admin.mt.saved'))}
        />
      )}

      {confirmOff && (
        <ConfirmDialog
          title={t('admin.mt.turnOffTitle')}
          confirmLabel={t('admin.mt.turnOffConfirm')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setConfirmOff(false);
          }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                setStatus(t('admin.mt.turnedOff'));
                setConfirmOff(false);
              },
            })
          }
        >
          <p>{t('admin.mt.turnOffExplain')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function MtConfigForm({
  project,
  config,
  targets,
  onSaved,
}: {
  project: string;
  config: MtConfig | null;
  targets: string[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const locales = useLocales();
  const save = useSaveMtConfig(project);
  const [form, setForm] = useState<MtForm>({
    provider: config?.provider ?? 'deepl',
    endpoint: config?.endpoint ?? '',
    apiKey: '',
    model: config?.model ?? '',
    region: config?.region ?? '',
    locales: config?.locales ?? [],
    limit: config?.monthlyCharacterLimit == null ? '' : String(config.monthlyCharacterLimit),
  });
  const set = <K extends keyof MtForm>(key: K, value: MtForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  // The stored key is kept only while provider and endpoint stay the same.
  const keepsKey =
    !!config?.hasApiKey &&
    config.provider === form.provider &&
    (config.endpoint ?? '') === form.endpoint.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(mtBody(form), { onSuccess: onSaved });
  }

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="mt-form-title">
      <h2 id="mt-form-title">{config ? t('admin.mt.changeTitle') : t('admin.mt.setUpTitle')}</h2>
      <div className="admin-form-grid">
        <Field label={t('admin.mt.provider')}>
          {({ id }) => (
            <select
              id={id}
              value={form.provider}
              onChange={(e) => set('provider', e.target.value as MtProvider)}
            >
              {MT_PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {t(`admin.mt.providers.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('admin.mt.endpoint')}
          hint={
            form.provider === 'libretranslate'
              ? t('admin.mt.endpointRequired')
              : t('admin.mt.endpointHint')
          }
        >
          {({ id, hintId }) => (
            <input
              id={id}
              type="url"
              dir="ltr"
              required={form.provider === 'libretranslate'}
              maxLength={2000}
              placeholder="https://"
              aria-describedby={hintId}
              value={form.endpoint}
              onChange={(e) => set('endpoint', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('admin.mt.apiKey')}
          hint={keepsKey ? t('admin.mt.keyKeep') : t('admin.mt.keyHint')}
        >
          {({ id, hintId }) => (
            <input
              id={id}
              type="password"
              dir="ltr"
              autoComplete="new-password"
              maxLength={1000}
              aria-describedby={hintId}
              value={form.apiKey}
              onChange={(e) => set('apiKey', e.target.value)}
            />
          )}
        </Field>
        {form.provider === 'openai-compatible' && (
          <Field label={t('admin.mt.model')}>
            {({ id }) => (
              <input
                id={id}
                dir="ltr"
                maxLength={200}
                placeholder="gpt-4o-mini"
                value={form.model}
                onChange={(e) => set('model', e.target.value)}
              />
            )}
          </Field>
        )}
        {form.provider === 'microsoft' && (
          <Field label={t('admin.mt.region')}>
            {({ id }) => (
              <input
                id={id}
                dir="ltr"
                maxLength={100}
                placeholder="westeurope"
                value={form.region}
                onChange={(e) => set('region', e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('admin.mt.limit')} hint={t('admin.mt.limitHint')}>
          {({ id, hintId }) => (
            <input
              id={id}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              aria-describedby={hintId}
              value={form.limit}
              onChange={(e) => set('limit', e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="admin-fieldset">
        <legend>{t('admin.mt.locales')}</legend>
        {targets.length === 0 && <p className="muted">{t('admin.mt.noTargets')}</p>}
        <div className="admin-check-grid">
          {targets.map((code) => (
            <label key={code} className="admin-check">
              <input
                type="checkbox"
                checked={form.locales.includes(code)}
                onChange={(e) =>
                  set(
                    'locales',
                    e.target.checked
                      ? [...form.locales, code]
                      : form.locales.filter((x) => x !== code),
                  )
                }
              />
              <LocaleLabel code={code} locale={locales.byCode.get(code.toLowerCase())} />
            </label>
          ))}
        </div>
      </fieldset>
      <FormError error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('admin.common.saving') : t('admin.mt.save')}
        </button>
      </div>
    </form>
  );
}
