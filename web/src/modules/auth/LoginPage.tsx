import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '~/api/errors';
import { useLogin } from './api';

export function LoginPage({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email, password });
  }

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('auth.title')}</h1>
        <p className="muted">{t('app.name')}</p>
        {sessionEnded && !login.isError && (
          <p className="notice" role="status">
            {t('auth.sessionEnded')}
          </p>
        )}
        {login.isError && (
          <p className="error" role="alert">
            {t('auth.failed')}: {errorMessage(login.error, t)}
          </p>
        )}
        <label>
          {t('auth.email')}
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </main>
  );
}
