import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCurrentUser, useLogout } from '~/modules/auth';
import { initials } from '~/ui/format';

/**
 * The account menu: a disclosure button (name and initials) opening who is signed in, a link to
 * settings and "Sign out". Esc or a click elsewhere closes it; focus returns to the button.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div
      className="user-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="visually-hidden">{t('nav.account')} </span>
        <span className="user-menu-name" dir="auto">
          {me.name}
        </span>
        <span className="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          <strong dir="auto">{me.name}</strong>
          <span className="muted" dir="ltr">
            {me.email}
          </span>
          <span className="muted">
            {t(me.role === 'admin' ? 'nav.roleAdmin' : 'nav.roleMember')}
          </span>
        </p>
        <Link href="/settings" onClick={() => setOpen(false)}>
          {t('nav.settings')}
        </Link>
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('nav.signOut')}
        </button>
      </div>
    </div>
  );
}
