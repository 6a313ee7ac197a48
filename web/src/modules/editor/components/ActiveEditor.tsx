import { useEffect, useLayoutEffect, useRef, useState, type MutableRefObject } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CodedText,
  CodeChip,
  codeDeletionRange,
  insertCode,
  protectCodes,
  sourceCodes,
  type Edit,
} from '~/modules/placeables';
import { ConflictPanel, type ConflictInfo } from '~/modules/conflicts';
import { ReviewActions, approveBlock } from '~/modules/review';
import { detectMac } from '~/modules/shortcuts';
import { editorKeys, type EditorRoute } from '../api';
import { readDraft, removeDraft, writeDraft, type DraftScope } from '../utils/drafts';
import type { Check, Segment } from '../utils/segments';
import { ChecksList } from './ChecksList';

/** What the page's key handlers may do to the open field. */
export interface FieldHandle {
  segmentId: string;
  text: () => string;
  focus: () => void;
  insertCode: (n: number) => void;
  replace: (text: string) => void;
  copySource: () => void;
  startReject: () => void;
}

export interface SaveProblem {
  checks?: Check[];
  message?: string;
}

const CHECK_DELAY_MS = 300;

/**
 * The active segment's editor: a <textarea> in the locale's language and direction in which
 * inline codes are text (`{1}`) but cannot be broken, the source's codes above it (Mod+n
 * inserts the nth), checks as the user types, the save and review buttons, a conflict panel.
 * Every keystroke is kept as a draft in the browser until the server has the text.
 */
export function ActiveEditor({
  route,
  segment,
  lang,
  dir,
  localeName,
  draftScope,
  draftFromEarlier,
  onDraftNoticeSeen,
  canTranslate,
  reviewMode,
  meId,
  requireReview,
  conflict,
  problem,
  busy,
  handleRef,
  onSave,
  onApprove,
  onReject,
  onKeepMine,
  onTakeTheirs,
  onDraftChange,
  onStaleDraft,
}: {
  route: EditorRoute;
  segment: Segment;
  lang: string;
  dir: 'ltr' | 'rtl';
  localeName: string;
  draftScope: DraftScope;
  /** A draft of this segment was in the browser when the editor opened (a reload, a crash). */
  draftFromEarlier: boolean;
  onDraftNoticeSeen: (id: string) => void;
  canTranslate: boolean;
  reviewMode: boolean;
  meId: string;
  requireReview: boolean;
  conflict: ConflictInfo | undefined;
  problem: SaveProblem | undefined;
  busy: boolean;
  handleRef: MutableRefObject<FieldHandle | null>;
  onSave: (text: string) => void;
  onApprove: () => void;
  onReject: (comment: string) => void;
  onKeepMine: (text: string) => void;
  onTakeTheirs: () => void;
  onDraftChange: (id: string, hasDraft: boolean) => void;
  /** A kept draft was typed on an older revision than the segment's: someone saved meanwhile. */
  onStaleDraft: (id: string, draftText: string) => void;
}) {
  const { t } = useTranslation();
  const [isMac] = useState(detectMac);
  const saved = segment.target ?? '';
  const [initial] = useState(() => {
    const draft = readDraft(localStorage, draftScope, segment.id);
    return draft && draft.text !== saved ? draft : null;
  });
  const [text, setText] = useState(initial?.text ?? saved);
  const [restored, setRestored] = useState(initial !== null && draftFromEarlier);
  const [rejecting, setRejecting] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<Edit | null>(null);
  const textRef = useRef(text);
  textRef.current = text;

  // The saved target changed under us (a save answered, their text taken): follow it unless
  // the user has typed something else.
  const lastSaved = useRef(saved);
  useEffect(() => {
    if (lastSaved.current === saved) return;
    const wasClean = textRef.current === lastSaved.current || textRef.current === saved;
    lastSaved.current = saved;
    if (wasClean) setText(saved);
  }, [saved]);

  // A draft typed on an older revision is not saved over someone else's text without asking.
  useEffect(() => {
    if (initial && initial.revision < segment.revision) onStaleDraft(segment.id, initial.text);
    // Only when the editor opens on this segment.
  }, []);

  const codes = sourceCodes(segment.source);

  const apply = (edit: Edit) => {
    pendingSelection.current = edit;
    change(edit.value);
  };
  const change = (value: string) => {
    setText(value);
    if (value === saved) {
      removeDraft(localStorage, draftScope, segment.id);
      onDraftChange(segment.id, false);
    } else {
      writeDraft(localStorage, draftScope, segment.id, {
        text: value,
        revision: segment.revision,
        savedAt: Date.now(),
      });
      onDraftChange(segment.id, true);
    }
  };

  useLayoutEffect(() => {
    const edit = pendingSelection.current;
    const field = fieldRef.current;
    if (!edit || !field) return;
    pendingSelection.current = null;
    field.setSelectionRange(edit.selectionStart, edit.selectionEnd);
  });

  const selection = () => {
    const field = fieldRef.current;
    return field
      ? [field.selectionStart, field.selectionEnd]
      : [textRef.current.length, textRef.current.length];
  };

  handleRef.current = {
    segmentId: segment.id,
    text: () => textRef.current,
    focus: () => fieldRef.current?.focus(),
    insertCode: (n) => {
      const code = codes[n - 1];
      if (!code || !canTranslate) return;
      const [from, to] = selection();
      apply(insertCode(textRef.current, from, to, code));
    },
    replace: (value) => {
      if (!canTranslate) return;
      apply({ value, selectionStart: value.length, selectionEnd: value.length });
    },
    copySource: () => {
      if (!canTranslate) return;
      apply({
        value: segment.source,
        selectionStart: segment.source.length,
        selectionEnd: segment.source.length,
      });
    },
    startReject: () => setRejecting(true),
  };

  // Checks as the user types: the server's own checks, without saving, 300 ms after the last key.
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const dirty = debounced !== saved;
  const checkQuery = useQuery({
    ...editorKeys.check(route, segment.id, debounced),
    enabled: canTranslate && dirty && debounced.trim() !== '',
    placeholderData: keepPreviousData,
  });
  const shownChecks: Check[] =
    problem?.checks ??
    (text === saved ? segment.checks : dirty && checkQuery.data ? checkQuery.data : []);

  // A rejected segment shows the reviewer's reason above the field.
  const history = useQuery({
    ...editorKeys.history(route, segment.id),
    enabled: segment.state === 'rejected',
  });
  const rejection =
    segment.state === 'rejected'
      ? history.data?.find((item) => item.action === 'reject' && item.comment)
      : undefined;

  const block = approveBlock(segment, meId, requireReview);
  const fieldId = `target-${segment.id}`;
  const codesId = `codes-${segment.id}`;

  return (
    <div className="active-editor">
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          lang={lang}
          dir={dir}
          busy={busy}
          onKeepMine={conflict.kind === 'save' ? () => onKeepMine(conflict.mine) : undefined}
          onTakeTheirs={() => {
            removeDraft(localStorage, draftScope, segment.id);
            onDraftChange(segment.id, false);
            setText(conflict.theirs.target ?? '');
            onTakeTheirs();
          }}
        />
      )}
      {problem && (
        <div className="error" role="alert">
          {problem.checks ? t('editor.checkFailed') : problem.message}
        </div>
      )}
      {rejection && (
        <p className="rejection" role="note">
          <strong>
            {t('editor.rejectedBy', { name: rejection.author?.name ?? t('editor.system') })}
          </strong>{' '}
          <span dir="auto">{rejection.comment}</span>
        </p>
      )}
      {restored && (
        <p className="notice draft-note" role="status">
          {t('editor.draftRestored')}
          <button
            type="button"
            onClick={() => {
              setRestored(false);
              onDraftNoticeSeen(segment.id);
              change(saved);
            }}
          >
            {t('editor.discardDraft')}
          </button>
        </p>
      )}
      {codes.length > 0 && (
        <div className="codes-list" id={codesId}>
          <span className="muted">{t('placeables.sourceCodes')}</span>
          {codes.map((code, i) => (
            <button
              key={code.id}
              type="button"
              className="code-button"
              disabled={!canTranslate || i >= 9}
              aria-label={t('placeables.insert', {
                number: i + 1,
                code: code.close ? `${code.open}…${code.close}` : code.open,
              })}
              onClick={() => {
                handleRef.current?.insertCode(i + 1);
                fieldRef.current?.focus();
              }}
            >
              <span className="code-number" aria-hidden="true">
                {i + 1}
              </span>
              <CodeChip raw={code.open} />
              {code.close && (
                <>
                  …<CodeChip raw={code.close} />
                </>
              )}
            </button>
          ))}
        </div>
      )}
      <textarea
        ref={fieldRef}
        id={fieldId}
        className="target-field"
        data-target-field=""
        lang={lang}
        dir={dir}
        rows={Math.min(8, Math.max(2, Math.ceil(text.length / 60)))}
        value={text}
        readOnly={!canTranslate}
        spellCheck
        aria-label={t('editor.targetField', { locale: localeName })}
        aria-describedby={codes.length ? codesId : undefined}
        onChange={(e) => {
          const field = e.currentTarget;
          const edit = protectCodes(textRef.current, field.value, field.selectionStart);
          if (edit.value !== field.value) pendingSelection.current = edit;
          change(edit.value);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          if (e.key !== 'Backspace' && e.key !== 'Delete') return;
          if (e.ctrlKey || e.metaKey || e.altKey) return;
          const field = e.currentTarget;
          const range = codeDeletionRange(
            field.value,
            field.selectionStart,
            field.selectionEnd,
            e.key,
          );
          if (!range) return;
          e.preventDefault();
          const value = field.value.slice(0, range[0]) + field.value.slice(range[1]);
          apply({ value, selectionStart: range[0], selectionEnd: range[0] });
        }}
      />
      {codes.length > 0 && text !== '' && (
        <p className="target-preview">
          <span className="muted">{t('placeables.rendered')}</span>{' '}
          <span lang={lang} dir={dir}>
            <CodedText text={text} />
          </span>
        </p>
      )}
      <ChecksList checks={shownChecks} live />
      <div className="actions editor-actions">
        {canTranslate && (
          <button
            type="button"
            className="primary"
            onClick={() => onSave(text)}
            disabled={busy}
            aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
          >
            {t('editor.save')}
          </button>
        )}
        {canTranslate && (
          <button
            type="button"
            onClick={() => handleRef.current?.copySource()}
            aria-keyshortcuts={isMac ? 'Meta+Shift+C' : 'Control+Shift+C'}
          >
            {t('editor.copySource')}
          </button>
        )}
        {!canTranslate && <span className="muted">{t('editor.readOnly')}</span>}
      </div>
      {reviewMode && (
        <ReviewActions
          revision={segment.revision}
          block={block}
          busy={busy}
          rejecting={rejecting}
          onRejecting={setRejecting}
          onApprove={onApprove}
          onReject={(comment) => {
            setRejecting(false);
            onReject(comment);
          }}
        />
      )}
    </div>
  );
}
