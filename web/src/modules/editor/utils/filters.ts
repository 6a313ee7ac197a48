import { RISKS, STATES, type ChangeRisk, type Segment, type SegmentState } from './segments';

/** The editor's filters, kept in the search parameters: `?state=a,b&risk=clinical&q=dose`. */
export interface Filter {
  states: SegmentState[];
  risks: ChangeRisk[];
  query: string;
}

function listParam<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(','));
  return allowed.filter((item) => wanted.has(item));
}

export function parseFilter(params: URLSearchParams): Filter {
  return {
    states: listParam(params.get('state'), STATES),
    risks: listParam(params.get('risk'), RISKS),
    query: (params.get('q') ?? '').trim(),
  };
}

/** Writes a filter into search parameters, leaving the others (segment, mode) as they are. */
export function writeFilter(params: URLSearchParams, filter: Filter): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string) => (value ? next.set(name, value) : next.delete(name));
  set('state', filter.states.join(','));
  set('risk', filter.risks.join(','));
  set('q', filter.query);
  return next;
}

export function isFiltered(filter: Filter): boolean {
  return filter.states.length > 0 || filter.risks.length > 0 || filter.query !== '';
}

/** Letter case and accents do not matter when searching ("dosis" finds "Dosis", "dósis"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export function matchesFilter(segment: Segment, filter: Filter, foldedQuery?: string): boolean {
  if (filter.states.length && !filter.states.includes(segment.state)) return false;
  if (filter.risks.length && !(segment.changeRisk && filter.risks.includes(segment.changeRisk))) {
    return false;
  }
  if (filter.query) {
    const query = foldedQuery ?? foldForSearch(filter.query);
    const inSource = foldForSearch(segment.source).includes(query);
    if (!inSource && !foldForSearch(segment.target ?? '').includes(query)) return false;
  }
  return true;
}

/**
 * The rows shown for a filter: the matching segments, plus those in `keep` (segments that
 * matched since the filter was set), so a segment does not vanish under the cursor when saving
 * it takes it out of "untranslated".
 */
export function filterSegments(
  segments: readonly Segment[],
  filter: Filter,
  keep: ReadonlySet<string> = new Set(),
): Segment[] {
  if (!isFiltered(filter)) return segments as Segment[];
  const folded = foldForSearch(filter.query);
  return segments.filter((s) => keep.has(s.id) || matchesFilter(s, filter, folded));
}
