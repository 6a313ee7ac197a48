import { useTranslation } from 'react-i18next';

/** Placeholder: the admin module's routes (users, projects, articles, webhooks, jobs). */
export default function AdminRoutes() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('nav.admin')}</h1>
    </section>
  );
}
