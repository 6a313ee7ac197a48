import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '~/modules/auth';
import { LanguageSetting } from './components/LanguageSetting';
import { PasswordForm } from './components/PasswordForm';
import { TokenSection } from './components/TokenSection';
import { isolate } from '~/ui/format';
import { useDocumentTitle } from '~/ui/useDocumentTitle';
import './settings.css';

/** One's own account: interface language, password, personal API tokens. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('settings.title'));
  return (
    <div className="page settings-page">
      <h1>{t('settings.title')}</h1>
      <p className="muted settings-account">
        {t('settings.account', { name: isolate(me.name), email: isolate(me.email) })}
      </p>
      <div className="settings-grid">
        <div className="card">
          <LanguageSetting />
        </div>
        <div className="card">
          <PasswordForm />
        </div>
        <div className="card settings-wide">
          <TokenSection />
        </div>
      </div>
    </div>
  );
}
