export { ShortcutsHelp } from './components/ShortcutsHelp';
export {
  KEYMAP,
  findShortcut,
  isComposing,
  detectMac,
  comboLabel,
  type ShortcutId,
  type ShortcutMatch,
} from './utils/keymap';
