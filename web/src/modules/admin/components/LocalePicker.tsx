import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api';

/**
 * A multi-select of locales: a filter box over a checkbox list (native name in its own language
 * and direction, English name, code), with the chosen ones listed first. Keyboard: Tab into
 * the list, Space toggles.
 */
export function LocalePicker({
  legend,
  locales,
  value,
  onChange,
  exclude = [],
}: {
  legend: string;
  locales: Locale[];
  value: string[];
  onChange: (codes: string[]) => void;
  exclude?: string[];
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const hintId = useId();
  const chosen = useMemo(() => new Set(value.map((c) => c.toLowerCase())), [value]);
  const excluded = useMemo(() => new Set(exclude.map((c) => c.toLowerCase())), [exclude]);
  const needle = filter.trim().toLowerCase();
  const shown = locales
    .filter((l) => !excluded.has(l.code.toLowerCase()))
    .filter(
      (l) =>
        !needle ||
        chosen.has(l.code.toLowerCase()) ||
        l.code.toLowerCase().includes(needle) ||
        l.name.toLowerCase().includes(needle) ||
        l.nativeName.toLowerCase().includes(needle),
    )
    .sort(
      (a, b) =>
        Number(chosen.has(b.code.toLowerCase())) - Number(chosen.has(a.code.toLowerCase())) ||
        a.name.localeCompare(b.name),
    );

  function toggle(code: string, on: boolean) {
    const others = value.filter((c) => c.toLowerCase() !== code.toLowerCase());
    onChange(on ? [...others, code] : others);
  }

  return (
    <fieldset className="admin-locale-picker" aria-describedby={hintId}>
      <legend>{legend}</legend>
      <p id={hintId} className="admin-hint">
        {value.length
          ? t('admin.locales.chosen', { n: value.length, list: value.join(', ') })
          : t('admin.locales.noneChosen')}
      </p>
      <label>
        {t('admin.locales.filter')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <ul className="admin-locale-list">
        {shown.map((locale) => (
          <li key={locale.code}>
            <label className="admin-check">
              <input
                type="checkbox"
                checked={chosen.has(locale.code.toLowerCase())}
                onChange={(e) => toggle(locale.code, e.target.checked)}
              />
              <span lang={locale.code} dir={locale.direction}>
                {locale.nativeName}
              </span>
              <span className="muted">
                {locale.name} · {locale.code}
              </span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">{t('admin.locales.noMatch')}</li>}
      </ul>
    </fieldset>
  );
}
