/** Units for the writer and reader specs: one paragraph with a paired and a standalone code. */
import type { CodeMarkup, InterchangeUnit } from '../formats/unit';

export const EM: CodeMarkup = { tag: 'em', open: '<em>', close: '</em>' };
export const BR: CodeMarkup = { tag: 'br', open: '<br>' };

export function sampleUnit(overrides: Partial<InterchangeUnit> = {}): InterchangeUnit {
  return {
    id: 'a1b2c3d4e5f6a1b2c3d4e5f6',
    position: 1,
    kind: 'paragraph',
    source: 'Rest for {1}two days{/1} after the infusion.{2/}',
    target: 'Descanse {1}dos días{/1} después de la infusión.{2/}',
    state: 'translated',
    revision: 2,
    previousSource: null,
    changeRisk: null,
    codes: new Map([
      [1, EM],
      [2, BR],
    ]),
    comments: [],
    checks: [],
    words: 7,
    ...overrides,
  };
}

export async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
