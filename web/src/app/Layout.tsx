import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useCurrentUser, useLogout } from '~/modules/auth';

/** The frame of every signed-in page: skip link, top bar with navigation, the page itself. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const [location] = useLocation();
  const current = (href: string) =>
    (href === '/' ? location === '/' : location.startsWith(href)) ? 'page' : undefined;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.mainMenu')}>
          <Link href="/" aria-current={current('/')}>
            {t('nav.home')}
          </Link>
          {me.role === 'admin' && (
            <Link href="/admin" aria-current={current('/admin')}>
              {t('nav.admin')}
            </Link>
          )}
          <Link href="/settings" aria-current={current('/settings')}>
            {t('nav.settings')}
          </Link>
        </nav>
        <span className="topbar-user" title={me.email}>
          {t('nav.signedInAs', { name: me.name })}
        </span>
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('nav.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
