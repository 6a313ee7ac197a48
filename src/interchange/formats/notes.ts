import type { InterchangeUnit } from './unit';

/**
 * What a translator should read beside a unit, in every format: the English the target was
 * written against, how much it changed, reviewers' and translators' comments, check warnings.
 * Priority 1 is the most important (XLIFF's scale).
 */
export interface WriterNote {
  category: 'baseSource' | 'changeRisk' | 'comment' | 'check';
  priority: number;
  appliesTo?: 'source' | 'target';
  /** Who wrote a comment; absent for notes made by the server. */
  author?: string;
  text: string;
}

const RISK_PRIORITY = { clinical: 1, wording: 3, minor: 8 } as const;
const RISK_TEXT = {
  clinical: 'clinical: a number, unit, dose or negation changed in the English',
  wording: 'wording: the English was reworded',
  minor: 'minor: whitespace, punctuation or letter case changed in the English',
} as const;

export function unitNotes(unit: InterchangeUnit): WriterNote[] {
  const notes: WriterNote[] = [];
  if (unit.previousSource !== null && unit.previousSource !== unit.source)
    notes.push({
      category: 'baseSource',
      priority: 2,
      appliesTo: 'source',
      text: unit.previousSource,
    });
  if (unit.changeRisk)
    notes.push({
      category: 'changeRisk',
      priority: RISK_PRIORITY[unit.changeRisk],
      appliesTo: 'source',
      text: RISK_TEXT[unit.changeRisk],
    });
  for (const comment of unit.comments)
    notes.push({
      category: 'comment',
      priority: 4,
      author: comment.author ?? undefined,
      text: comment.author ? `${comment.author}: ${comment.text}` : comment.text,
    });
  for (const check of unit.checks)
    notes.push({
      category: 'check',
      priority: check.severity === 'error' ? 2 : 5,
      appliesTo: 'target',
      text: `${check.code} (${check.severity}): ${check.message}`,
    });
  return notes;
}

/** A target worth writing: an empty string is no translation at all. */
export function hasTarget(unit: InterchangeUnit): unit is InterchangeUnit & { target: string } {
  return unit.target !== null && unit.target !== '';
}
