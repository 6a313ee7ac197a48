import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '~/api/errors';
import { useChangePassword } from '~/modules/auth';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { passwordProblem, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../utils/password';

export function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [done, setDone] = useState(false);
  const id = useId();
  const wrongCurrent = isApiError(change.error, 'WRONG_PASSWORD');

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const found = passwordProblem({
      currentPassword: current,
      newPassword: next,
      confirmation,
    });
    setProblem(found);
    if (found) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirmation('');
          setDone(true);
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.password.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-current`}>{t('settings.password.current')}</label>
        <input
          id={`${id}-current`}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          aria-invalid={wrongCurrent || undefined}
          aria-describedby={wrongCurrent ? `${id}-current-error` : undefined}
          onChange={(e) => setCurrent(e.target.value)}
        />
        {wrongCurrent && (
          <p id={`${id}-current-error`} className="field-error">
            {t('settings.password.wrongCurrent')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>{t('settings.password.new')}</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={next}
          aria-invalid={
            problem === 'tooShort' || problem === 'tooLong' || problem === 'unchanged' || undefined
          }
          aria-describedby={`${id}-new-hint`}
          onChange={(e) => setNext(e.target.value)}
        />
        <p
          id={`${id}-new-hint`}
          className={problem && problem !== 'mismatch' ? 'field-error' : 'hint'}
        >
          {problem && problem !== 'mismatch'
            ? t(`settings.password.problem.${problem}`, { min: PASSWORD_MIN_LENGTH })
            : t('settings.password.hint', { min: PASSWORD_MIN_LENGTH })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{t('settings.password.confirm')}</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          aria-invalid={problem === 'mismatch' || undefined}
          aria-describedby={problem === 'mismatch' ? `${id}-confirm-error` : undefined}
          onChange={(e) => setConfirmation(e.target.value)}
        />
        {problem === 'mismatch' && (
          <p id={`${id}-confirm-error`} className="field-error">
            {t('settings.password.problem.mismatch')}
          </p>
        )}
      </div>
      {change.isError && !wrongCurrent && <ErrorBanner error={change.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? t('settings.password.saving') : t('settings.password.submit')}
        </button>
        <span role="status" className="status-text">
          {done ? t('settings.password.changed') : ''}
        </span>
      </div>
    </form>
  );
}
