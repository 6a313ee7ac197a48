import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> · <app name>" as the tab's title, for history, tabs and screen readers. */
export function useDocumentTitle(page: string | null | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
