import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changeInterfaceLanguage,
  followBrowserLanguage,
  rememberedInterfaceLanguage,
  type InterfaceLanguage,
} from '~/i18n';
import { useCurrentUser, useUpdateMe } from '~/modules/auth';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { LanguageSelect } from '~/ui/LanguageSelect';

/** The interface language, saved on the account and applied at once. */
export function LanguageSetting() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateMe();
  const [saved, setSaved] = useState(false);
  const current =
    me.interfaceLanguage !== undefined ? me.interfaceLanguage : rememberedInterfaceLanguage();

  function choose(value: InterfaceLanguage | null) {
    setSaved(false);
    // Applied before the server answers: the choice is the user's, the save only keeps it.
    void (value ? changeInterfaceLanguage(value) : followBrowserLanguage());
    update.mutate({ interfaceLanguage: value }, { onSuccess: () => setSaved(true) });
  }

  return (
    <section className="form" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.language.title')}</h2>
      <LanguageSelect value={current} onChange={choose} allowDefault disabled={update.isPending} />
      <p className="hint">{t('settings.language.hint')}</p>
      {update.isError && <ErrorBanner error={update.error} />}
      <span role="status" className="status-text">
        {saved ? t('settings.language.saved') : ''}
      </span>
    </section>
  );
}
