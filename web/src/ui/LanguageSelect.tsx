import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INTERFACE_LANGUAGE_NAMES,
  INTERFACE_LANGUAGES,
  isInterfaceLanguage,
  type InterfaceLanguage,
} from '~/i18n';

/**
 * The interface-language picker: each language by its own name, marked with its `lang`;
 * `allowDefault` adds "Browser default" (value null).
 */
export function LanguageSelect({
  value,
  onChange,
  allowDefault = false,
  disabled = false,
  label,
}: {
  value: InterfaceLanguage | null;
  onChange: (value: InterfaceLanguage | null) => void;
  allowDefault?: boolean;
  disabled?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('settings.language.label')}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(isInterfaceLanguage(e.target.value) ? e.target.value : null)}
      >
        {allowDefault && <option value="">{t('settings.language.browserDefault')}</option>}
        {INTERFACE_LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {INTERFACE_LANGUAGE_NAMES[lng]}
          </option>
        ))}
      </select>
    </div>
  );
}
