import { useTranslation } from 'react-i18next';
import { diffWords } from '../utils/diff';
import { splitCodes } from '../utils/codes';

/** Text with its inline codes as isolated left-to-right chips, everything else as plain text. */
export function CodedText({ text }: { text: string }) {
  return (
    <>
      {splitCodes(text).map((piece, i) =>
        piece.code ? (
          <bdi key={i} dir="ltr" className="code-token">
            {piece.text}
          </bdi>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The word-level change from `before` to `after`: deleted words struck through, inserted words
 * underlined, both also announced as such (the colour is never the only signal).
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
        if (part.op === 'equal') return <CodedText key={i} text={part.text} />;
        if (part.op === 'delete') {
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
