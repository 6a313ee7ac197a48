import {
  comboLabel,
  findShortcut,
  isComposing,
  KEYMAP,
  matchCombo,
  type KeyEventLike,
} from './keymap';

const press = (over: Partial<KeyEventLike>): KeyEventLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});
const field = { inField: true, inOtherField: false, reviewer: false };
const page = { inField: false, inOtherField: false, reviewer: false };

describe('keymap', () => {
  it('saves with Ctrl+Enter elsewhere and ⌘+Enter on a Mac, only in the field', () => {
    const ctrlEnter = press({ key: 'Enter', code: 'Enter', ctrlKey: true });
    expect(findShortcut(ctrlEnter, field, false)).toEqual({ id: 'save' });
    expect(findShortcut(ctrlEnter, field, true)).toBeNull();
    expect(findShortcut(press({ key: 'Enter', metaKey: true }), field, true)).toEqual({
      id: 'save',
    });
    expect(findShortcut(ctrlEnter, page, false)).toBeNull();
  });

  it('passes the digit of Mod+1…9 (code insertion) and Alt+digit (suggestions)', () => {
    expect(findShortcut(press({ key: '3', code: 'Digit3', ctrlKey: true }), field, false)).toEqual({
      id: 'insertCode',
      digit: 3,
    });
    expect(findShortcut(press({ key: '¡', code: 'Digit1', altKey: true }), field, false)).toEqual({
      id: 'insertSuggestion',
      digit: 1,
    });
    // Shift+2 types "@" on a US keyboard: the physical key still counts.
    expect(
      findShortcut(
        press({ key: '@', code: 'Digit2', ctrlKey: true, shiftKey: true }),
        field,
        false,
      ),
    ).toEqual({ id: 'insertSuggestion', digit: 2 });
    expect(
      findShortcut(press({ key: '0', code: 'Digit0', ctrlKey: true }), field, false),
    ).toBeNull();
  });

  it('matches letters by physical key, whatever the layout', () => {
    const arabicC = press({ key: 'ؤ', code: 'KeyC', ctrlKey: true, shiftKey: true });
    expect(findShortcut(arabicC, field, false)).toEqual({ id: 'copySource' });
  });

  it('moves between segments with Alt or Mod and the arrows, in the field or on the page', () => {
    const altDown = press({ key: 'ArrowDown', altKey: true });
    expect(findShortcut(altDown, field, false)).toEqual({ id: 'nextSegment' });
    expect(findShortcut(altDown, page, false)).toEqual({ id: 'nextSegment' });
    expect(findShortcut(altDown, { ...page, inOtherField: true }, false)).toBeNull();
    expect(findShortcut(press({ key: 'ArrowUp', metaKey: true }), page, true)).toEqual({
      id: 'previousSegment',
    });
  });

  it('opens the help with "?" only outside text fields', () => {
    const question = press({ key: '?', code: 'Slash', shiftKey: true });
    expect(findShortcut(question, page, false)).toEqual({ id: 'showHelp' });
    expect(findShortcut(question, field, false)).toBeNull();
  });

  it('gives review keys to reviewers only', () => {
    const approve = press({ key: 'Enter', ctrlKey: true, shiftKey: true });
    expect(findShortcut(approve, field, false)).toBeNull();
    expect(findShortcut(approve, { ...field, reviewer: true }, false)).toEqual({ id: 'approve' });
  });

  it('ignores key presses while an input method composes', () => {
    expect(isComposing(press({ keyCode: 229 }))).toBe(true);
    const composing = press({ key: 'Enter', ctrlKey: true, isComposing: true });
    expect(findShortcut(composing, field, false)).toBeNull();
  });

  it('does not take a combo with an extra modifier', () => {
    expect(
      matchCombo(press({ key: 'Enter', ctrlKey: true, altKey: true }), 'Mod+Enter', false),
    ).toBe(false);
  });

  it('has no two shortcuts on the same keys in overlapping places', () => {
    const seen = new Map<string, string>();
    for (const shortcut of KEYMAP) {
      for (const combo of shortcut.keys) {
        expect(seen.get(combo)).toBeUndefined();
        seen.set(combo, shortcut.id);
      }
    }
  });

  it('labels combos for the help sheet', () => {
    const names = {
      mod: 'Ctrl',
      alt: 'Alt',
      shift: 'Shift',
      enter: 'Enter',
      escape: 'Esc',
      up: '↑',
      down: '↓',
      digit: '1…9',
    };
    expect(comboLabel('Mod+Shift+C', false, names)).toEqual(['Ctrl', 'Shift', 'C']);
    expect(comboLabel('Mod+Digit', true, names)).toEqual(['⌘', '1…9']);
    expect(comboLabel('Alt+ArrowDown', false, names)).toEqual(['Alt', '↓']);
  });
});
