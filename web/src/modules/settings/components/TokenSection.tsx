import { useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  tokenKeys,
  useCreateToken,
  useRevokeToken,
  type ApiToken,
  type CreatedApiToken,
} from '~/modules/auth';
import { Dialog } from '~/ui/Dialog';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { formatDateTime, isolate } from '~/ui/format';

/** Personal API tokens for scripts and the CLI: list, create (shown once), revoke. */
export function TokenSection() {
  const { t } = useTranslation();
  const tokens = useQuery(tokenKeys.list());
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <section aria-labelledby="settings-tokens" className="tokens">
      <h2 id="settings-tokens">{t('settings.tokens.title')}</h2>
      <p className="hint">{t('settings.tokens.intro')}</p>
      <CreateTokenForm onCreated={setCreated} />
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      {tokens.isPending && <Spinner label={t('app.loading')} />}
      {tokens.isError && <ErrorBanner error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.isSuccess && tokens.data.length === 0 && (
        <p className="muted">{t('settings.tokens.none')}</p>
      )}
      {tokens.isSuccess && tokens.data.length > 0 && (
        <TokenTable tokens={tokens.data} onRevoke={setRevoking} />
      )}
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const id = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate(trimmed, {
      onSuccess: (token) => {
        setName('');
        onCreated(token);
      },
    });
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('settings.tokens.name')}</label>
        <input
          id={id}
          required
          maxLength={100}
          value={name}
          placeholder={t('settings.tokens.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
        {t('settings.tokens.create')}
      </button>
      {create.isError && <ErrorBanner error={create.error} />}
    </form>
  );
}

/** The new token, once: a read-only field to select and a copy button. */
function NewToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const id = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      input.current?.select();
      setCopied('no');
    }
  }

  return (
    <div className="notice new-token" role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('settings.tokens.createdTitle', { name: isolate(token.name) })}</h3>
      <p>{t('settings.tokens.createdOnce')}</p>
      <div className="new-token-row">
        <label htmlFor={id} className="visually-hidden">
          {t('settings.tokens.value')}
        </label>
        <input
          id={id}
          ref={input}
          readOnly
          value={token.token}
          dir="ltr"
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={() => void copy()}>
          {t('settings.tokens.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('settings.tokens.done')}
        </button>
      </div>
      <span role="status" className="status-text">
        {copied === 'yes'
          ? t('settings.tokens.copied')
          : copied === 'no'
            ? t('settings.tokens.copyManually')
            : ''}
      </span>
    </div>
  );
}

function TokenTable({
  tokens,
  onRevoke,
}: {
  tokens: ApiToken[];
  onRevoke: (token: ApiToken) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="token-table">
        <caption className="visually-hidden">{t('settings.tokens.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.tokens.name')}</th>
            <th scope="col">{t('settings.tokens.createdAt')}</th>
            <th scope="col">{t('settings.tokens.lastUsed')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.tokens.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">
                <bdi>{token.name}</bdi>
              </th>
              <td>{formatDateTime(token.createdAt, i18n.language)}</td>
              <td>
                {token.lastUsedAt
                  ? formatDateTime(token.lastUsedAt, i18n.language)
                  : t('settings.tokens.neverUsed')}
              </td>
              <td>
                <button
                  type="button"
                  className="danger-outline"
                  aria-label={t('settings.tokens.revokeLabel', { name: token.name })}
                  onClick={() => onRevoke(token)}
                >
                  {t('settings.tokens.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeToken();
  return (
    <Dialog
      open={token !== null}
      title={t('settings.tokens.revokeTitle')}
      onClose={() => {
        revoke.reset();
        onClose();
      }}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="danger"
            disabled={revoke.isPending}
            onClick={() => token && revoke.mutate(token.id, { onSuccess: onClose })}
          >
            {t('settings.tokens.revoke')}
          </button>
        </>
      }
    >
      <p>{t('settings.tokens.revokeConfirm', { name: isolate(token?.name ?? '') })}</p>
      {revoke.isError && <ErrorBanner error={revoke.error} />}
    </Dialog>
  );
}
