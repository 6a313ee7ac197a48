import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '~/api/errors';
import { changeInterfaceLanguage, isInterfaceLanguage } from '~/i18n';
import { LanguageSelect } from '~/ui/LanguageSelect';
import { useDocumentTitle } from '~/ui/useDocumentTitle';
import { useLogin } from './api';

/** What to tell someone whose sign-in failed, in their language where the code is known. */
function failureText(error: unknown, t: (key: string) => string): string {
  if (isApiError(error, 'INVALID_CREDENTIALS')) return t('auth.invalidCredentials');
  if (isApiError(error, 'TOO_MANY_REQUESTS') || (isApiError(error) && error.status === 429))
    return t('auth.tooManyAttempts');
  return errorMessage(error, t);
}

export function LoginPage({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();
  useDocumentTitle(t('auth.title'));

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  return (
    <main id="main" className="login">
      <div className="login-panel">
        <p className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            ⇄
          </span>
          {t('app.name')}
        </p>
        <form className="card login-card" onSubmit={submit} aria-labelledby={`${id}-title`}>
          <h1 id={`${id}-title`}>{t('auth.title')}</h1>
          <p className="muted">{t('auth.intro')}</p>
          {sessionEnded && !login.isError && (
            <p className="notice" role="status">
              {t('auth.sessionEnded')}
            </p>
          )}
          {login.isError && (
            <p className="error" role="alert">
              {failureText(login.error, t)}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="username"
              required
              autoFocus
              dir="ltr"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="primary" disabled={login.isPending}>
            {login.isPending ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
        <div className="login-language">
          <LanguageSelect
            value={isInterfaceLanguage(i18n.language) ? i18n.language : 'en'}
            onChange={(lng) => lng && void changeInterfaceLanguage(lng)}
          />
        </div>
      </div>
    </main>
  );
}
