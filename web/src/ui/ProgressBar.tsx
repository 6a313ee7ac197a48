import { useTranslation } from 'react-i18next';

export interface ProgressParts {
  approved: number;
  translated: number;
  fuzzy: number;
  untranslated: number;
  rejected?: number;
}

const ORDER = ['approved', 'translated', 'fuzzy', 'rejected', 'untranslated'] as const;

/** A stacked bar of segment (or word) states, with the numbers in its accessible label. */
export function ProgressBar({ parts, label }: { parts: ProgressParts; label: string }) {
  const { t } = useTranslation();
  const total = ORDER.reduce((sum, key) => sum + (parts[key] ?? 0), 0);
  const description = ORDER.filter((key) => (parts[key] ?? 0) > 0)
    .map((key) => `${t(`states.${key}`)} ${parts[key]}`)
    .join(', ');
  return (
    <div className="progress" role="img" aria-label={`${label}: ${description || total}`}>
      {ORDER.map((key) => {
        const value = parts[key] ?? 0;
        if (!value || !total) return null;
        return (
          <span
            key={key}
            className={`progress-part state-${key}`}
            style={{ inlineSize: `${(value / total) * 100}%` }}
            title={`${t(`states.${key}`)}: ${value}`}
          />
        );
      })}
    </div>
  );
}
