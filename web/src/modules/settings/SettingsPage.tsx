import { useTranslation } from 'react-i18next';

/** Placeholder, replaced by its feature module. */
export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('app.loading')}</h1>
    </section>
  );
}
