import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { subscribeSignedOut } from '~/auth/session';
import { changeInterfaceLanguage, isInterfaceLanguage } from '~/i18n';
import { Spinner } from '~/ui/Spinner';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { authKeys, useMe } from './api';
import { LoginPage } from './LoginPage';

/** Shows the sign-in page until there is a user; applies the user's interface language. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const client = useQueryClient();
  const { t } = useTranslation();
  const [sessionEnded, setSessionEnded] = useState(false);

  useEffect(
    () =>
      subscribeSignedOut(() => {
        setSessionEnded(true);
        client.setQueryData(authKeys.me().queryKey, null);
      }),
    [client],
  );

  // The account's language wins over this browser's; remembered so the next sign-in page
  // (after a reload or a sign-out) already speaks it.
  const preferred = me.data?.interfaceLanguage;
  useEffect(() => {
    if (isInterfaceLanguage(preferred)) void changeInterfaceLanguage(preferred);
  }, [preferred]);

  if (me.isPending) return <Spinner label={t('app.loading')} />;
  if (me.isError) return <ErrorBanner error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <LoginPage sessionEnded={sessionEnded} />;
  return <>{children}</>;
}
