import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CodedText, DiffText, diffWords, type Highlight } from '~/modules/placeables';
import { StateChip } from '~/ui/StateChip';
import type { Segment } from '../utils/segments';
import { CheckBadges } from './ChecksList';

export interface Dirs {
  sourceLang: string;
  sourceDir: 'ltr' | 'rtl';
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
}

const KIND_CLASS: Record<string, string> = {
  title: 'kind-title',
  heading: 'kind-heading',
  'list-item': 'kind-list-item',
  'table-cell': 'kind-table-cell',
};

/** What changed in the English since the translation was written, clinical changes loudest. */
export function SourceChange({ segment }: { segment: Segment }) {
  const { t } = useTranslation();
  if (!segment.changeRisk || segment.baseSource === null || segment.baseSource === segment.source) {
    return null;
  }
  return (
    <div className={`source-change risk-${segment.changeRisk}`}>
      <span className="source-change-label">{t('editor.sourceChanged')}</span>{' '}
      <DiffText
        ops={diffWords(segment.baseSource, segment.source)}
        removedLabel={t('editor.diffRemoved')}
        addedLabel={t('editor.diffAdded')}
      />
    </div>
  );
}

export function RiskBadge({ risk }: { risk: Segment['changeRisk'] }) {
  const { t } = useTranslation();
  if (!risk) return null;
  return (
    <span className={`badge risk risk-${risk}`}>
      {risk === 'clinical' ? t('editor.clinicalBadge') : t(`editor.risks.${risk}`)}
    </span>
  );
}

/**
 * One segment of the list: position, kind, state, change risk, checks; source beside target.
 * The active row gets the editor (`children`) in place of its target.
 */
export const SegmentRow = memo(function SegmentRow({
  segment,
  total,
  active,
  dirs,
  hasDraft,
  notSaved,
  onActivate,
  index,
  start,
  measureRef,
  highlights,
  children,
}: {
  /** Glossary terms to mark in the source (the active row). */
  highlights?: readonly Highlight[];
  index: number;
  start: number;
  measureRef: (element: Element | null) => void;
  segment: Segment;
  total: number;
  active: boolean;
  dirs: Dirs;
  hasDraft: boolean;
  notSaved: boolean;
  onActivate: (id: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const kindLabel = t(`editor.kinds.${segment.kind}`, { defaultValue: segment.kind });
  return (
    <div
      ref={measureRef}
      data-index={index}
      style={{ transform: `translateY(${start}px)` }}
      id={`segment-${segment.id}`}
      role="listitem"
      aria-label={t('editor.segmentLabel', { position: segment.position })}
      aria-posinset={segment.position + 1}
      aria-setsize={total}
      aria-current={active ? 'true' : undefined}
      tabIndex={active ? -1 : 0}
      className={`segment ${KIND_CLASS[segment.kind] ?? ''} ${active ? 'active' : ''} state-row-${segment.state}`}
      onClick={active ? undefined : () => onActivate(segment.id)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        // Enter on a row opens it; on the open row (after Esc) it goes back into the field.
        if (active) document.getElementById(`target-${segment.id}`)?.focus();
        else onActivate(segment.id);
      }}
    >
      <div className="segment-meta">
        <span className="segment-position">{segment.position}</span>
        <span className="segment-kind">{kindLabel}</span>
        <StateChip state={segment.state} />
        <RiskBadge risk={segment.changeRisk} />
        <CheckBadges checks={segment.checks} />
        {hasDraft && <span className="badge badge-draft">{t('editor.draftBadge')}</span>}
        {notSaved && <span className="badge badge-error">{t('editor.notSavedBadge')}</span>}
      </div>
      <div className="segment-body">
        <div className="segment-source" lang={dirs.sourceLang} dir={dirs.sourceDir}>
          <CodedText text={segment.source} highlights={highlights} />
          <SourceChange segment={segment} />
        </div>
        {children ? (
          <div className="segment-target">{children}</div>
        ) : segment.target === null ? (
          <div className="segment-target muted">{t('editor.noTranslation')}</div>
        ) : (
          <div className="segment-target" lang={dirs.targetLang} dir={dirs.targetDir}>
            <CodedText text={segment.target} />
          </div>
        )}
      </div>
    </div>
  );
});
