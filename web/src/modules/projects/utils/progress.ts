import type { ProgressParts } from '~/ui/ProgressBar';
import type { Progress } from '../types';

export type ProgressUnit = 'segments' | 'words';

/** The bar's parts in segments or in words; null when the server sent no word counts. */
export function progressParts(progress: Progress, unit: ProgressUnit): ProgressParts | null {
  const source = unit === 'words' ? progress.words : progress;
  if (!source) return null;
  return {
    approved: source.approved,
    translated: source.translated,
    fuzzy: source.fuzzy,
    rejected: source.rejected,
    untranslated: source.untranslated,
  };
}

export function progressTotal(progress: Progress, unit: ProgressUnit): number | null {
  return unit === 'words' ? (progress.words?.total ?? null) : progress.total;
}

/** Segments still needing a translator: untranslated, fuzzy (English changed) and rejected. */
export function needsTranslation(progress: Progress): number {
  return progress.untranslated + progress.fuzzy + progress.rejected;
}

/** A project's figures worth a glance: stale locales and segments whose English changed clinically. */
export function projectAlerts(progress: readonly Progress[]): { stale: number; clinical: number } {
  return {
    stale: progress.filter((p) => p.stale).length,
    clinical: progress.reduce((sum, p) => sum + (p.changeRisk?.clinical ?? 0), 0),
  };
}

export function hasWordCounts(progress: readonly Progress[]): boolean {
  return progress.length > 0 && progress.every((p) => p.words !== undefined);
}
