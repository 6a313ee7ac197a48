import { Link, Route, Switch, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { NotFound } from '~/app/NotFound';
import { useCurrentUser } from '~/modules/auth';
import { AdminOverview } from './components/AdminOverview';
import { UsersPage } from './components/UsersPage';
import { ProjectsPage } from './components/ProjectsPage';
import { ProjectAdminPage } from './components/ProjectAdminPage';
import { ArticleNewPage } from './components/ArticleNewPage';
import { ArticleAdminPage } from './components/ArticleAdminPage';
import { WebhooksPage } from './components/WebhooksPage';
import { JobsPage } from './components/JobsPage';
import { GlossaryPage } from './components/GlossaryPage';
import { MtPage } from './components/MtPage';
import './admin.css';

/**
 * The admin screens, mounted under /admin (routes relative to it):
 *   /                                        overview
 *   /users                                   users
 *   /projects                                projects (list, create)
 *   /projects/:project                       settings, members, articles
 *   /projects/:project/articles/new          create an article
 *   /projects/:project/articles/:article     source update with preview, publishing, versions
 *   /projects/:project/webhooks              webhooks and their deliveries
 *   /projects/:project/glossary              glossary terms, CSV export and import
 *   /projects/:project/mt                    machine-translation provider and usage
 *   /jobs                                    failing events and deliveries
 */
export default function AdminRoutes() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [location] = useLocation();
  if (me.role !== 'admin') {
    return (
      <section className="page">
        <h1>{t('nav.admin')}</h1>
        <p className="error" role="alert">
          {t('admin.common.adminsOnly')}
        </p>
      </section>
    );
  }
  const current = (href: string) =>
    (href === '/' ? location === '/' : location.startsWith(href)) ? 'page' : undefined;
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        <Link href="/" aria-current={current('/')}>
          {t('admin.nav.overview')}
        </Link>
        <Link href="/users" aria-current={current('/users')}>
          {t('admin.nav.users')}
        </Link>
        <Link href="/projects" aria-current={current('/projects')}>
          {t('admin.nav.projects')}
        </Link>
        <Link href="/jobs" aria-current={current('/jobs')}>
          {t('admin.nav.jobs')}
        </Link>
      </nav>
      <Switch>
        <Route path="/" component={AdminOverview} />
        <Route path="/users" component={UsersPage} />
        <Route path="/projects" component={ProjectsPage} />
        <Route path="/projects/:project/articles/new" component={ArticleNewPage} />
        <Route path="/projects/:project/articles/:article" component={ArticleAdminPage} />
        <Route path="/projects/:project/webhooks" component={WebhooksPage} />
        <Route path="/projects/:project/glossary" component={GlossaryPage} />
        <Route path="/projects/:project/mt" component={MtPage} />
        <Route path="/projects/:project" component={ProjectAdminPage} />
        <Route path="/jobs" component={JobsPage} />
        <Route component={NotFound} />
      </Switch>
    </div>
  );
}
