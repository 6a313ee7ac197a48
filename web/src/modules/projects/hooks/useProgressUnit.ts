import { useCallback, useState } from 'react';
import type { ProgressUnit } from '../utils/progress';

const KEY = 'tms.progressUnit';

/** Segments or words, remembered on this browser (a display preference, nothing secret). */
export function useProgressUnit(): [ProgressUnit, (unit: ProgressUnit) => void] {
  const [unit, setUnit] = useState<ProgressUnit>(() =>
    localStorage.getItem(KEY) === 'words' ? 'words' : 'segments',
  );
  const change = useCallback((next: ProgressUnit) => {
    localStorage.setItem(KEY, next);
    setUnit(next);
  }, []);
  return [unit, change];
}
