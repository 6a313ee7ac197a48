import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  hasWordCounts,
  LocaleProgress,
  mineFirst,
  projectAlerts,
  projectHref,
  projectKeys,
  UnitToggle,
  useProgressUnit,
  type Project,
} from '~/modules/projects';
import { useCurrentUser } from '~/modules/auth';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { formatNumber } from '~/ui/format';

/** The projects I belong to (all of them for an admin), each with its locales' progress. */
export function ProjectList() {
  const { t } = useTranslation();
  const projects = useQuery(projectKeys.list());
  const [unit, setUnit] = useProgressUnit();

  if (projects.isPending) return <Spinner label={t('home.loadingProjects')} />;
  if (projects.isError)
    return <ErrorBanner error={projects.error} onRetry={() => void projects.refetch()} />;
  if (projects.data.length === 0) {
    return (
      <div className="empty">
        <p>{t('home.noProjects')}</p>
        <p className="muted">{t('home.noProjectsHint')}</p>
      </div>
    );
  }
  const words = projects.data.some((p) => hasWordCounts(p.progress));

  return (
    <>
      {words && <UnitToggle unit={unit} onChange={setUnit} />}
      <ul className="project-list">
        {projects.data.map((project) => (
          <ProjectCard key={project.slug} project={project} unit={words ? unit : 'segments'} />
        ))}
      </ul>
    </>
  );
}

function ProjectCard({ project, unit }: { project: Project; unit: 'segments' | 'words' }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const alerts = projectAlerts(project.progress);
  const headingId = useId();
  return (
    <li className="card project-card" aria-labelledby={headingId}>
      <div className="project-card-head">
        <h3 id={headingId}>
          <Link href={projectHref(project.slug)}>
            <bdi>{project.name}</bdi>
          </Link>
        </h3>
        <span className="muted">{project.slug}</span>
      </div>
      <p className="project-card-alerts">
        <span className={alerts.stale ? 'chip chip-warning' : 'chip chip-quiet'}>
          {t('home.staleLocales', { n: formatNumber(alerts.stale, i18n.language) })}
        </span>
        <span className={alerts.clinical ? 'chip chip-danger' : 'chip chip-quiet'}>
          {t('home.clinicalChanges', { n: formatNumber(alerts.clinical, i18n.language) })}
        </span>
      </p>
      {project.progress.length === 0 ? (
        <p className="muted">{t('home.noLocales')}</p>
      ) : (
        <ul className="locale-progress-list">
          {mineFirst(project.progress, me, project.slug).map((progress) => (
            <li key={progress.locale}>
              <LocaleProgress progress={progress} unit={unit} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
