import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { adminKeys } from '../api';
import { PageHeader } from './common';

/** The admin home: where to go, with a few counts. */
export function AdminOverview() {
  const { t } = useTranslation();
  const users = useQuery(adminKeys.users());
  const projects = useQuery(adminKeys.projects());
  const jobs = useInfiniteQuery(adminKeys.jobs());
  const failing = jobs.data?.pages.flatMap((p) => p.items).length;
  const active = users.data?.filter((u) => u.active).length;

  return (
    <section className="page" aria-labelledby="admin-title">
      <PageHeader title={<span id="admin-title">{t('nav.admin')}</span>} />
      <ul className="grid admin-overview">
        <li className="card">
          <h2>
            <Link href="/users">{t('admin.nav.users')}</Link>
          </h2>
          <p>{t('admin.overview.usersText')}</p>
          {users.data && (
            <p className="muted">
              {t('admin.overview.usersCount', { n: users.data.length, active })}
            </p>
          )}
        </li>
        <li className="card">
          <h2>
            <Link href="/projects">{t('admin.nav.projects')}</Link>
          </h2>
          <p>{t('admin.overview.projectsText')}</p>
          {projects.data && (
            <ul className="admin-plain-list">
              {projects.data.map((p) => (
                <li key={p.slug}>
                  <Link href={`/projects/${p.slug}`}>
                    <span dir="auto">{p.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li className="card">
          <h2>
            <Link href="/jobs">{t('admin.nav.jobs')}</Link>
          </h2>
          <p>{t('admin.overview.jobsText')}</p>
          {failing !== undefined && (
            <p className={failing > 0 ? 'error' : 'muted'}>
              {failing > 0
                ? t('admin.overview.jobsFailing', { n: failing })
                : t('admin.overview.jobsNone')}
            </p>
          )}
        </li>
      </ul>
    </section>
  );
}
