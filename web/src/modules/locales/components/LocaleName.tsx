import { useLocales } from '../api';

/**
 * A locale's own name ("Español", "العربية"), marked with its language and direction so that
 * screen readers pronounce it right and right-to-left names sit well in any interface language.
 * The code follows in the user's reading when `withCode` is set.
 */
export function LocaleName({ code, withCode = false }: { code: string; withCode?: boolean }) {
  const locale = useLocales().get(code);
  return (
    <span className="locale-name">
      <span lang={code} dir={locale?.direction ?? 'auto'}>
        {locale?.nativeName ?? code}
      </span>
      {withCode && locale && (
        <>
          {' '}
          <span className="muted locale-code">{code}</span>
        </>
      )}
    </span>
  );
}
