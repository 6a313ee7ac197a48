import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { adminKeys, useAddMember, useRemoveMember, type Member, type Project } from '../api';
import { ConfirmDialog, FormError, LocaleLabel, useLocales } from './common';
import { actionLabel } from '../utils/format';

type Role = Member['role'];

/** A project's members: who translates or reviews which locale; add and remove. */
export function MembersSection({
  project,
  onStatus,
}: {
  project: Project;
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation();
  const members = useQuery(adminKeys.members(project.slug));
  const locales = useLocales();
  const remove = useRemoveMember(project.slug);
  const [removing, setRemoving] = useState<Member | null>(null);

  const sorted = [...(members.data ?? [])].sort(
    (a, b) => a.locale.localeCompare(b.locale) || a.name.localeCompare(b.name),
  );

  return (
    <section className="card admin-section" aria-labelledby="members">
      <h2 id="members" tabIndex={-1}>
        {t('admin.members.title')}
      </h2>
      <p className="admin-hint">{t('admin.members.explain')}</p>
      {members.isPending && <Spinner label={t('app.loading')} />}
      {members.isError && (
        <ErrorBanner error={members.error} onRetry={() => void members.refetch()} />
      )}
      {members.data && sorted.length === 0 && <p className="muted">{t('admin.members.empty')}</p>}
      {sorted.length > 0 && (
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">{t('admin.members.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.members.user')}</th>
                <th scope="col">{t('admin.members.locale')}</th>
                <th scope="col">{t('admin.members.role')}</th>
                <th scope="col">{t('admin.common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((member) => (
                <tr key={`${member.userId}:${member.locale}`}>
                  <th scope="row" dir="auto">
                    {member.name}
                  </th>
                  <td>
                    <LocaleLabel
                      code={member.locale}
                      locale={locales.byCode.get(member.locale.toLowerCase())}
                    />
                  </td>
                  <td>{t(`admin.members.roles.${member.role}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="admin-danger-text"
                      aria-label={actionLabel(
                        t('admin.members.remove'),
                        `${member.name} (${member.locale})`,
                      )}
                      onClick={() => setRemoving(member)}
                    >
                      {t('admin.members.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <AddMemberForm project={project} onAdded={onStatus} />

      {removing && (
        <ConfirmDialog
          title={t('admin.members.removeTitle')}
          confirmLabel={t('admin.members.removeConfirm')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
          onConfirm={() =>
            remove.mutate(
              { userId: removing.userId, locale: removing.locale },
              {
                onSuccess: () => {
                  onStatus(
                    t('admin.members.removed', { name: removing.name, locale: removing.locale }),
                  );
                  setRemoving(null);
                },
              },
            )
          }
        >
          <p>
            {t('admin.members.removeExplain', {
              name: removing.name,
              locale: removing.locale,
              role: t(`admin.members.roles.${removing.role}`),
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AddMemberForm({ project, onAdded }: { project: Project; onAdded: (m: string) => void }) {
  const { t } = useTranslation();
  const users = useQuery(adminKeys.users());
  const locales = useLocales();
  const add = useAddMember(project.slug);
  const [userId, setUserId] = useState('');
  const [locale, setLocale] = useState(project.targetLocales[0] ?? '');
  const [role, setRole] = useState<Role>('translator');
  const active = (users.data ?? []).filter((u) => u.active);

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { userId, locale, role },
      {
        onSuccess: (member) => {
          setUserId('');
          onAdded(
            t('admin.members.added', {
              name: member.name,
              locale: member.locale,
              role: t(`admin.members.roles.${member.role}`),
            }),
          );
        },
      },
    );
  }

  return (
    <form className="admin-form admin-inline-form" onSubmit={submit} aria-labelledby="add-member">
      <h3 id="add-member">{t('admin.members.addTitle')}</h3>
      {users.isError && <ErrorBanner error={users.error} />}
      <div className="admin-form-row">
        <label>
          {t('admin.members.user')}
          <select required value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('admin.members.pickUser')}</option>
            {active.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} — {user.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.members.locale')}
          <select required value={locale} onChange={(e) => setLocale(e.target.value)}>
            {project.targetLocales.map((code) => {
              const l = locales.byCode.get(code.toLowerCase());
              return (
                <option key={code} value={code}>
                  {l ? `${l.nativeName} (${code})` : code}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          {t('admin.members.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="translator">{t('admin.members.roles.translator')}</option>
            <option value="reviewer">{t('admin.members.roles.reviewer')}</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={add.isPending || !userId || !locale}>
          {add.isPending ? t('admin.common.saving') : t('admin.members.add')}
        </button>
      </div>
      {project.targetLocales.length === 0 && (
        <p className="warning">{t('admin.members.noLocales')}</p>
      )}
      <FormError error={add.error} />
    </form>
  );
}
