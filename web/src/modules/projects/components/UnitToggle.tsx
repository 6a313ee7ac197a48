import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressUnit } from '../utils/progress';

/** "Progress in: segments | words", a labelled radio group the arrow keys move through. */
export function UnitToggle({
  unit,
  onChange,
}: {
  unit: ProgressUnit;
  onChange: (unit: ProgressUnit) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend>{t('projects.unit.legend')}</legend>
      {(['segments', 'words'] as const).map((value) => (
        <label key={value}>
          <input
            type="radio"
            name={name}
            value={value}
            checked={unit === value}
            onChange={() => onChange(value)}
          />
          <span>{t(`projects.unit.${value}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
