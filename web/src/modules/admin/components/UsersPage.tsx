import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '~/modules/auth';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { adminKeys, useCreateUser, useUpdateUser, type User } from '../api';
import { formatDate, actionLabel } from '../utils/format';
import { ConfirmDialog, FormError, PageHeader, StatusMessage } from './common';

const MIN_PASSWORD = 8;

type Pending =
  { kind: 'deactivate' | 'reactivate' | 'role'; user: User } | { kind: 'password'; user: User };

/** Users: the list, a new user, and per user: role, deactivate/reactivate, password reset. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const users = useQuery(adminKeys.users());
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  return (
    <section className="page" aria-labelledby="users-title">
      <PageHeader title={<span id="users-title">{t('admin.users.title')}</span>} />
      <StatusMessage message={status} />
      <CreateUserForm
        onCreated={(user) => setStatus(t('admin.users.created', { name: user.name }))}
      />

      <h2>{t('admin.users.listTitle')}</h2>
      {users.isPending && <Spinner label={t('app.loading')} />}
      {users.isError && <ErrorBanner error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.users.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.name')}</th>
                <th scope="col">{t('admin.users.email')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.users.createdAt')}</th>
                <th scope="col">{t('admin.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => {
                const self = user.id === me.id;
                return (
                  <tr key={user.id} className={user.active ? undefined : 'admin-row-inactive'}>
                    <th scope="row" dir="auto">
                      {user.name}
                      {self && <span className="muted"> {t('admin.users.you')}</span>}
                    </th>
                    <td dir="auto">{user.email}</td>
                    <td>{t(`admin.users.roles.${user.role}`)}</td>
                    <td>
                      <span className={`chip ${user.active ? 'admin-chip-ok' : 'admin-chip-off'}`}>
                        {user.active ? t('admin.users.active') : t('admin.users.inactive')}
                      </span>
                    </td>
                    <td className="admin-nowrap">{formatDate(user.createdAt, i18n.language)}</td>
                    <td>
                      <div className="actions">
                        <button
                          type="button"
                          disabled={self}
                          aria-label={
                            user.role === 'admin'
                              ? actionLabel(t('admin.users.makeMember'), user.name)
                              : actionLabel(t('admin.users.makeAdmin'), user.name)
                          }
                          onClick={() => setPending({ kind: 'role', user })}
                        >
                          {user.role === 'admin'
                            ? t('admin.users.makeMember')
                            : t('admin.users.makeAdmin')}
                        </button>
                        <button
                          type="button"
                          aria-label={actionLabel(t('admin.users.resetPassword'), user.name)}
                          onClick={() => setPending({ kind: 'password', user })}
                        >
                          {t('admin.users.resetPassword')}
                        </button>
                        {user.active ? (
                          <button
                            type="button"
                            className="admin-danger-text"
                            disabled={self}
                            aria-label={actionLabel(t('admin.users.deactivate'), user.name)}
                            onClick={() => setPending({ kind: 'deactivate', user })}
                          >
                            {t('admin.users.deactivate')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            aria-label={actionLabel(t('admin.users.reactivate'), user.name)}
                            onClick={() => setPending({ kind: 'reactivate', user })}
                          >
                            {t('admin.users.reactivate')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {pending?.kind === 'password' && (
        <ResetPasswordDialog
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={() => {
            setStatus(t('admin.users.passwordReset', { name: pending.user.name }));
            setPending(null);
          }}
        />
      )}
      {pending && pending.kind !== 'password' && (
        <UserChangeDialog
          kind={pending.kind}
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={(message) => {
            setStatus(message);
            setPending(null);
          }}
        />
      )}
    </section>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { email, name, password, role },
      {
        onSuccess: (user) => {
          setEmail('');
          setName('');
          setPassword('');
          setRole('member');
          onCreated(user);
        },
      },
    );
  }

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('admin.users.newTitle')}</h2>
      <div className="admin-form-grid">
        <label>
          {t('admin.users.name')}
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('admin.users.email')}
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('admin.users.initialPassword')}
          <input
            type="password"
            required
            minLength={MIN_PASSWORD}
            autoComplete="new-password"
            aria-describedby="new-user-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span id="new-user-password-hint" className="admin-hint">
            {t('admin.users.passwordHint', { min: MIN_PASSWORD })}
          </span>
        </label>
        <label>
          {t('admin.users.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as 'member' | 'admin')}>
            <option value="member">{t('admin.users.roles.member')}</option>
            <option value="admin">{t('admin.users.roles.admin')}</option>
          </select>
        </label>
      </div>
      <FormError error={create.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('admin.common.saving') : t('admin.users.create')}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  return (
    <ConfirmDialog
      title={t('admin.users.resetTitle', { name: user.name })}
      confirmLabel={t('admin.users.resetConfirm')}
      pending={update.isPending}
      confirmDisabled={password.length < MIN_PASSWORD}
      error={update.error}
      onClose={onClose}
      onConfirm={() => update.mutate({ id: user.id, changes: { password } }, { onSuccess: onDone })}
    >
      <p>{t('admin.users.resetExplain', { name: user.name })}</p>
      <label>
        {t('admin.users.newPassword')}
        <input
          type="password"
          required
          autoFocus
          minLength={MIN_PASSWORD}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <span className="admin-hint">{t('admin.users.passwordHint', { min: MIN_PASSWORD })}</span>
      </label>
    </ConfirmDialog>
  );
}

function UserChangeDialog({
  kind,
  user,
  onClose,
  onDone,
}: {
  kind: 'deactivate' | 'reactivate' | 'role';
  user: User;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const newRole = user.role === 'admin' ? 'member' : 'admin';
  const text = {
    deactivate: {
      title: t('admin.users.deactivateTitle', { name: user.name }),
      body: t('admin.users.deactivateExplain', { name: user.name }),
      confirm: t('admin.users.deactivateConfirm'),
      done: t('admin.users.deactivated', { name: user.name }),
      changes: { active: false },
    },
    reactivate: {
      title: t('admin.users.reactivateTitle', { name: user.name }),
      body: t('admin.users.reactivateExplain', { name: user.name }),
      confirm: t('admin.users.reactivateConfirm'),
      done: t('admin.users.reactivated', { name: user.name }),
      changes: { active: true },
    },
    role: {
      title: t('admin.users.roleTitle', { name: user.name }),
      body: t(newRole === 'admin' ? 'admin.users.toAdminExplain' : 'admin.users.toMemberExplain', {
        name: user.name,
      }),
      confirm: t('admin.users.roleConfirm'),
      done: t('admin.users.roleChanged', {
        name: user.name,
        role: t(`admin.users.roles.${newRole}`),
      }),
      changes: { role: newRole } as const,
    },
  }[kind];
  return (
    <ConfirmDialog
      title={text.title}
      confirmLabel={text.confirm}
      danger={kind === 'deactivate'}
      pending={update.isPending}
      error={update.error}
      onClose={onClose}
      onConfirm={() =>
        update.mutate(
          { id: user.id, changes: text.changes },
          { onSuccess: () => onDone(text.done) },
        )
      }
    >
      <p>{text.body}</p>
    </ConfirmDialog>
  );
}
