import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isFiltered, type Filter } from '../utils/filters';
import { RISKS, STATES, type ChangeRisk, type SegmentState } from '../utils/segments';

/** Filters by state (several), change risk and text, with counts; they live in the URL. */
export function FilterBar({
  filter,
  counts,
  shown,
  total,
  onChange,
}: {
  filter: Filter;
  counts: { states: Record<SegmentState, number>; risks: Record<ChangeRisk, number> };
  shown: number;
  total: number;
  onChange: (filter: Filter) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(filter.query);
  useEffect(() => setQuery(filter.query), [filter.query]);
  useEffect(() => {
    if (query.trim() === filter.query) return;
    const timer = setTimeout(() => onChange({ ...filter, query: query.trim() }), 250);
    return () => clearTimeout(timer);
  }, [query, filter, onChange]);

  const toggle = <T extends string>(list: T[], value: T): T[] =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  return (
    <div className="filter-bar">
      <fieldset>
        <legend>{t('editor.filterState')}</legend>
        {STATES.map((state) => (
          <label key={state} className="check-label">
            <input
              type="checkbox"
              checked={filter.states.includes(state)}
              onChange={() => onChange({ ...filter, states: toggle(filter.states, state) })}
            />
            {t(`states.${state}`)} <span className="count">{counts.states[state]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('editor.filterRisk')}</legend>
        {RISKS.map((risk) => (
          <label key={risk} className="check-label">
            <input
              type="checkbox"
              checked={filter.risks.includes(risk)}
              onChange={() => onChange({ ...filter, risks: toggle(filter.risks, risk) })}
            />
            {t(`editor.risks.${risk}`)} <span className="count">{counts.risks[risk]}</span>
          </label>
        ))}
      </fieldset>
      <label className="search-label">
        {t('editor.search')}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ ...filter, query: query.trim() });
          }}
        />
      </label>
      <p className="filter-summary" role="status">
        {t('editor.showing', { shown, total })}
        {isFiltered(filter) && (
          <button type="button" onClick={() => onChange({ states: [], risks: [], query: '' })}>
            {t('editor.clearFilters')}
          </button>
        )}
      </p>
    </div>
  );
}
