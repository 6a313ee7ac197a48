import { lazy, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { Route, Router, Switch } from 'wouter';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '~/modules/auth';
import { HomePage } from '~/modules/home';
import { Spinner } from '~/ui/Spinner';
import { Layout } from './Layout';
import { createQueryClient } from './queryClient';
import { NotFound } from './NotFound';

// Everything past the first screen loads on demand (the bundle budget is in vite.config.ts).
const ProjectPage = lazy(() => import('~/modules/projects/ProjectPage'));
const EditorPage = lazy(() => import('~/modules/editor/EditorPage'));
const AdminRoutes = lazy(() => import('~/modules/admin/AdminRoutes'));
const SettingsPage = lazy(() => import('~/modules/settings/SettingsPage'));

const queryClient = createQueryClient();

/**
 * Routes, under the server's /app base:
 *   /                                              home: my tasks, my projects
 *   /projects/:project                             a project's articles and locales
 *   /projects/:project/articles/:article/:locale   the editor (?segment=&state=&risk=&q=&mode=review)
 *   /settings                                      password, interface language
 *   /admin/*                                       users, projects, members, articles, webhooks, jobs
 */
export function App() {
  const { t } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <Router base="/app">
        <RequireAuth>
          <Layout>
            <Suspense fallback={<Spinner label={t('app.loading')} />}>
              <Switch>
                <Route path="/" component={HomePage} />
                <Route path="/projects/:project" component={ProjectPage} />
                <Route path="/projects/:project/articles/:article/:locale" component={EditorPage} />
                <Route path="/settings" component={SettingsPage} />
                <Route path="/admin" nest>
                  <AdminRoutes />
                </Route>
                <Route component={NotFound} />
              </Switch>
            </Suspense>
          </Layout>
        </RequireAuth>
      </Router>
    </QueryClientProvider>
  );
}
