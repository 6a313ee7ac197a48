import { useTranslation } from 'react-i18next';
import { Dialog } from '~/ui/Dialog';
import { comboLabel, detectMac, KEYMAP, type KeyNames } from '../utils/keymap';

/** The help sheet, built from the same table as the key handlers. */
export function ShortcutsHelp({
  open,
  onClose,
  reviewer,
}: {
  open: boolean;
  onClose: () => void;
  reviewer: boolean;
}) {
  const { t } = useTranslation();
  const isMac = detectMac();
  const names: KeyNames = {
    mod: t('shortcuts.keys.ctrl'),
    alt: t('shortcuts.keys.alt'),
    shift: t('shortcuts.keys.shift'),
    enter: t('shortcuts.keys.enter'),
    escape: t('shortcuts.keys.escape'),
    up: '↑',
    down: '↓',
    digit: '1…9',
  };
  return (
    <Dialog open={open} title={t('shortcuts.title')} onClose={onClose}>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.action')}</th>
            <th scope="col">{t('shortcuts.keysHeading')}</th>
          </tr>
        </thead>
        <tbody>
          {KEYMAP.filter((s) => reviewer || !s.review).map((shortcut) => (
            <tr key={shortcut.id}>
              <td>{t(`shortcuts.actions.${shortcut.id}`)}</td>
              <td>
                {shortcut.keys.map((combo, i) => (
                  <span key={combo}>
                    {i > 0 && <span className="muted"> {t('shortcuts.or')} </span>}
                    {/* Key combinations read left to right in every interface language. */}
                    <bdi dir="ltr" className="combo">
                      {comboLabel(combo, isMac, names).map((part, j) => (
                        <span key={j}>
                          {j > 0 && '+'}
                          <kbd>{part}</kbd>
                        </span>
                      ))}
                    </bdi>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
