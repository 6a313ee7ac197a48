import { useTranslation } from 'react-i18next';
import { CodedText, diffWords } from '~/modules/placeables';

export { CodedText };

/**
 * The word-level change from `before` to `after` (the placeables module's diff): deleted words
 * struck through, inserted words underlined, both also announced as such (the colour is never
 * the only signal).
 */
export function DiffText({
  before,
  after,
  lang,
  dir,
}: {
  before: string;
  after: string;
  lang: string;
  dir: 'ltr' | 'rtl';
}) {
  const { t } = useTranslation();
  return (
    <span className="admin-diff" lang={lang} dir={dir}>
      {diffWords(before, after).map((part, i) => {
        if (part.type === 'equal') return <CodedText key={i} text={part.text} />;
        if (part.type === 'delete') {
          return (
            <del key={i}>
              <span className="visually-hidden">{t('admin.diff.removedStart')}</span>
              <CodedText text={part.text} />
              <span className="visually-hidden">{t('admin.diff.removedEnd')}</span>
            </del>
          );
        }
        return (
          <ins key={i}>
            <span className="visually-hidden">{t('admin.diff.addedStart')}</span>
            <CodedText text={part.text} />
            <span className="visually-hidden">{t('admin.diff.addedEnd')}</span>
          </ins>
        );
      })}
    </span>
  );
}
