import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Dialog } from '~/ui/Dialog';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { adminKeys, type Locale } from '../api';
import { fieldErrors } from '../utils/fieldErrors';

/** A form's server error: the message, and each field's problems when the server listed them. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = Object.entries(fieldErrors(error));
  return (
    <div className="admin-form-error">
      <ErrorBanner error={error} />
      {fields.length > 0 && (
        <ul aria-label={t('admin.common.fieldProblems')}>
          {fields.map(([field, messages]) => (
            <li key={field}>
              <strong>{field}</strong>: {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A polite live region: always in the page, so a new message is announced. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <p className={message ? 'notice admin-status' : 'admin-status-empty'} role="status">
      {message}
    </p>
  );
}

/** A confirmation for a destructive or weighty action, on the app's modal dialog. */
export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onClose,
  pending = false,
  danger = false,
  confirmDisabled = false,
  error,
  children,
}: {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  danger?: boolean;
  confirmDisabled?: boolean;
  error?: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const formId = useId();
  // Mounted only while open: give focus back to the opener when it goes, as <dialog> does on Esc.
  // Read at first render, before the dialog's own effect moves focus inside it.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(
    () => () => {
      if (opener?.isConnected) opener.focus();
    },
    [opener],
  );
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className={danger ? 'danger' : 'primary'}
            disabled={pending || confirmDisabled}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="admin-dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        {children}
        {error ? <FormError error={error} /> : null}
      </form>
    </Dialog>
  );
}

/** Every locale the server knows, by code; `undefined` while loading. */
export function useLocales(): { list: Locale[]; byCode: Map<string, Locale> } {
  const { data } = useQuery(adminKeys.locales());
  const list = data ?? [];
  return { list, byCode: new Map(list.map((l) => [l.code.toLowerCase(), l])) };
}

/** A locale as "Español (es)", its native name in its own language and direction. */
export function LocaleLabel({ code, locale }: { code: string; locale?: Locale }) {
  if (!locale) return <span>{code}</span>;
  return (
    <span>
      <span lang={locale.code} dir={locale.direction}>
        {locale.nativeName}
      </span>{' '}
      <span className="muted">({locale.code})</span>
    </span>
  );
}

/** Page header: title, optional lead, and actions on the inline end. */
export function PageHeader({
  title,
  children,
  actions,
}: {
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="admin-page-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

/**
 * A labelled field whose label holds only its text (the control and its hint sit beside it), so
 * the accessible name is exactly the label and the hint is the description.
 */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: ReactNode;
  children: (ids: { id: string; hintId: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, hintId: hint ? hintId : undefined })}
      {hint && (
        <span id={hintId} className="admin-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
