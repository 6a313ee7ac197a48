import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useCurrentUser } from '~/modules/auth';
import { ErrorBoundary } from './ErrorBoundary';
import { sectionOf } from './sections';
import { UserMenu } from './UserMenu';

/** The frame of every signed-in page: skip link, top bar with navigation, the page itself. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [location] = useLocation();
  const section = sectionOf(location);
  useNavigationFocus(location);
  // "page" on the section's own page, "true" on the pages under it (a project under Home).
  const current = (name: ReturnType<typeof sectionOf>, href: string) =>
    section === name ? (location === href ? 'page' : 'true') : undefined;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⇄
          </span>
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.mainMenu')} className="topnav">
          <Link href="/" aria-current={current('home', '/')}>
            {t('nav.home')}
          </Link>
          {me.role === 'admin' && (
            <Link href="/admin" aria-current={current('admin', '/admin')}>
              {t('nav.admin')}
            </Link>
          )}
          <Link href="/settings" aria-current={current('settings', '/settings')}>
            {t('nav.settings')}
          </Link>
        </nav>
        <UserMenu />
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location}>{children}</ErrorBoundary>
      </main>
    </>
  );
}

/**
 * After moving to another page: back to the top, and focus on <main> when the link that was
 * followed has gone (focus fell to <body>), so keyboard and screen-reader users start at the new
 * content. A page that focused something itself (the editor's segment) keeps that focus.
 */
function useNavigationFocus(location: string): void {
  const previous = useRef(location);
  useEffect(() => {
    if (previous.current === location) return;
    previous.current = location;
    window.scrollTo({ top: 0 });
    // A page still loading hides the old one (display: none) before the browser drops its focus.
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      const lost =
        !active ||
        active === document.body ||
        !active.isConnected ||
        active.getClientRects().length === 0;
      if (lost) document.getElementById('main')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [location]);
}
