import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '~/modules/auth';
import { ProjectList } from './components/ProjectList';
import { TaskList } from './components/TaskList';
import { isolate } from '~/ui/format';
import { useDocumentTitle } from '~/ui/useDocumentTitle';
import './home.css';

/** Home: my open tasks first (what to do now), then my projects' progress. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('nav.home'));
  return (
    <div className="page home">
      <h1>{t('home.greeting', { name: isolate(me.name) })}</h1>
      <section aria-labelledby="home-tasks">
        <h2 id="home-tasks">{t('home.myTasks')}</h2>
        <TaskList />
      </section>
      <section aria-labelledby="home-projects">
        <h2 id="home-projects">{t('home.myProjects')}</h2>
        <ProjectList />
      </section>
    </div>
  );
}
