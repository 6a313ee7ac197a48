import { useTranslation } from 'react-i18next';

/** Placeholder: the home helper replaces this with my tasks and my projects. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('nav.home')}</h1>
    </section>
  );
}
