import { calendarDaysFrom } from '~/ui/format';

export type DueState = 'overdue' | 'soon' | 'later';

/**
 * How urgent an open task is: the server's `overdue` decides overdue (its clock and rules);
 * due today or tomorrow is "soon".
 */
export function dueState(task: { dueAt: string; overdue: boolean }, now: Date): DueState {
  if (task.overdue) return 'overdue';
  const days = calendarDaysFrom(task.dueAt, now);
  if (days !== null && days <= 1) return 'soon';
  return 'later';
}
