/**
 * The editor's one keymap: the key handlers and the help sheet both read this table, so what the
 * sheet says is what the keys do. `Mod` is ⌘ on a Mac and Ctrl elsewhere. Letters and digits
 * match the physical key (`event.code`), so they work with Arabic, Chinese or any other layout,
 * and with Shift held (Shift+1 types "!").
 */

export type ShortcutId =
  | 'save'
  | 'nextSegment'
  | 'previousSegment'
  | 'leaveField'
  | 'copySource'
  | 'insertCode'
  | 'insertSuggestion'
  | 'approve'
  | 'reject'
  | 'showHelp';

/**
 * Where a shortcut works: `field` only in the translation field, `page` only when focus is not
 * in a text field (plain keys such as "?"), `anywhere` in both.
 */
export type ShortcutScope = 'field' | 'page' | 'anywhere';

export interface Shortcut {
  id: ShortcutId;
  /** Alternatives; `Digit` stands for 1…9 and passes the digit to the handler. */
  keys: string[];
  scope: ShortcutScope;
  /** Only for reviewers. */
  review?: boolean;
}

export const KEYMAP: readonly Shortcut[] = [
  { id: 'save', keys: ['Mod+Enter'], scope: 'field' },
  { id: 'nextSegment', keys: ['Alt+ArrowDown', 'Mod+ArrowDown'], scope: 'anywhere' },
  { id: 'previousSegment', keys: ['Alt+ArrowUp', 'Mod+ArrowUp'], scope: 'anywhere' },
  { id: 'leaveField', keys: ['Escape'], scope: 'field' },
  { id: 'copySource', keys: ['Mod+Shift+C'], scope: 'field' },
  { id: 'insertCode', keys: ['Mod+Digit'], scope: 'field' },
  { id: 'insertSuggestion', keys: ['Alt+Digit', 'Mod+Shift+Digit'], scope: 'field' },
  { id: 'approve', keys: ['Mod+Shift+Enter'], scope: 'anywhere', review: true },
  { id: 'reject', keys: ['Mod+Shift+X'], scope: 'anywhere', review: true },
  { id: 'showHelp', keys: ['?'], scope: 'page' },
];

export interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

/** An input method (Arabic, Chinese, Japanese…) is composing: its keys are not ours. */
export function isComposing(event: KeyEventLike): boolean {
  return event.isComposing === true || event.keyCode === 229;
}

interface Combo {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

export function parseCombo(combo: string): Combo {
  // "?" and "+" are keys too: split on "+" only between parts.
  const parts = combo === '+' ? ['+'] : combo.split('+');
  const key = parts[parts.length - 1];
  const mods = new Set(parts.slice(0, -1));
  return { mod: mods.has('Mod'), shift: mods.has('Shift'), alt: mods.has('Alt'), key };
}

/** The digit 1…9 of a digit key (top row or keypad), else null. */
function digitOf(code: string): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  return match ? Number(match[1]) : null;
}

/** Does the event press this combo? Returns the digit for `Digit` combos, true, or false. */
export function matchCombo(event: KeyEventLike, combo: string, isMac: boolean): number | boolean {
  const want = parseCombo(combo);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  if (want.mod !== mod || otherMod || want.alt !== event.altKey) return false;
  if (want.key === '?') return event.key === '?' && !mod && !event.altKey;
  if (want.shift !== event.shiftKey) return false;
  if (want.key === 'Digit') return digitOf(event.code) ?? false;
  if (/^[A-Z]$/.test(want.key)) return event.code === `Key${want.key}`;
  return event.key === want.key;
}

export interface ShortcutContext {
  /** Focus is in the translation field. */
  inField: boolean;
  /** Focus is in some other text field (search box, comment). */
  inOtherField: boolean;
  reviewer: boolean;
}

export interface ShortcutMatch {
  id: ShortcutId;
  digit?: number;
}

/** The shortcut a key press means where it happened, if any. */
export function findShortcut(
  event: KeyEventLike,
  context: ShortcutContext,
  isMac: boolean,
  keymap: readonly Shortcut[] = KEYMAP,
): ShortcutMatch | null {
  if (isComposing(event)) return null;
  for (const shortcut of keymap) {
    if (shortcut.review && !context.reviewer) continue;
    if (shortcut.scope === 'field' && !context.inField) continue;
    if (shortcut.scope === 'page' && (context.inField || context.inOtherField)) continue;
    if (shortcut.scope === 'anywhere' && context.inOtherField) continue;
    for (const combo of shortcut.keys) {
      const matched = matchCombo(event, combo, isMac);
      if (matched === false) continue;
      return typeof matched === 'number'
        ? { id: shortcut.id, digit: matched }
        : { id: shortcut.id };
    }
  }
  return null;
}

export type KeyNames = Record<
  'mod' | 'alt' | 'shift' | 'enter' | 'escape' | 'up' | 'down' | 'digit',
  string
>;

/** A combo as the help sheet shows it, e.g. ["Ctrl", "Shift", "C"] or ["⌘", "1…9"]. */
export function comboLabel(combo: string, isMac: boolean, names: KeyNames): string[] {
  const { mod, shift, alt, key } = parseCombo(combo);
  const out: string[] = [];
  if (mod) out.push(isMac ? '⌘' : names.mod);
  if (alt) out.push(isMac ? '⌥' : names.alt);
  if (shift) out.push(isMac ? '⇧' : names.shift);
  const keyNames: Record<string, string> = {
    Enter: names.enter,
    Escape: names.escape,
    ArrowUp: names.up,
    ArrowDown: names.down,
    Digit: names.digit,
  };
  out.push(keyNames[key] ?? key);
  return out;
}

export function detectMac(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    '';
  return /mac|iphone|ipad/i.test(platform);
}
