import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('app.notFound')}</h1>
      <Link href="/">{t('app.backHome')}</Link>
    </section>
  );
}
