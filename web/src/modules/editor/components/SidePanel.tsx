import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CodedText } from '~/modules/placeables';
import { SuggestionsPanel } from '~/modules/suggestions';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { StateChip } from '~/ui/StateChip';
import { editorKeys, postComment, type EditorRoute } from '../api';
import type { Segment } from '../utils/segments';
import type { Dirs } from './SegmentRow';
import previewStylesheet from '../preview-frame.css?url';

const TABS = ['suggestions', 'history', 'comments', 'preview'] as const;
type Tab = (typeof TABS)[number];

function formatDate(value: string, lng: string): string {
  try {
    return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(value),
    );
  } catch {
    return value;
  }
}

/** The active segment's suggestions, history and comments, and the locale's preview. */
export function SidePanel({
  route,
  segment,
  dirs,
  canTranslate,
  onInsert,
}: {
  route: EditorRoute;
  segment: Segment | undefined;
  dirs: Dirs;
  canTranslate: boolean;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('suggestions');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
    suggestions: null,
    history: null,
    comments: null,
    preview: null,
  });

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    let next: number | null = null;
    if (e.key === (rtl ? 'ArrowLeft' : 'ArrowRight')) next = (i + 1) % TABS.length;
    if (e.key === (rtl ? 'ArrowRight' : 'ArrowLeft')) next = (i - 1 + TABS.length) % TABS.length;
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    setTab(TABS[next]);
    tabRefs.current[TABS[next]]?.focus();
  };

  return (
    <aside className="side-panel" aria-label={t('editor.sidePanel')}>
      <div role="tablist" aria-label={t('editor.sidePanel')} className="tabs" onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`editor.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'preview' ? (
          <Preview route={route} />
        ) : !segment ? (
          <p className="muted">{t('editor.noActive')}</p>
        ) : tab === 'suggestions' ? (
          <SuggestionsPanel
            route={route}
            segmentId={segment.id}
            source={segment.source}
            lang={dirs.targetLang}
            dir={dirs.targetDir}
            sourceLang={dirs.sourceLang}
            canInsert={canTranslate}
            onInsert={onInsert}
          />
        ) : tab === 'history' ? (
          <History route={route} segment={segment} dirs={dirs} />
        ) : (
          <Comments route={route} segmentId={segment.id} />
        )}
      </div>
    </aside>
  );
}

function History({ route, segment, dirs }: { route: EditorRoute; segment: Segment; dirs: Dirs }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({ ...editorKeys.history(route, segment.id), staleTime: 0 });
  if (query.isPending) return <Spinner label={t('app.loading')} />;
  if (query.isError)
    return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) return <p className="muted">{t('editor.noHistory')}</p>;
  return (
    <ol className="history">
      {query.data.map((item) => (
        <li key={`${item.segmentId}-${item.revision}`}>
          <div className="history-meta">
            <StateChip state={item.state} />
            <span>{t(`editor.actions.${item.action}`, { defaultValue: item.action })}</span>
            {(item.origin === 'tm' || item.origin === 'mt') && (
              <span className="badge">{t(`editor.origins.${item.origin}`)}</span>
            )}
            <span className="muted">
              {t('editor.historyBy', {
                name: item.author?.name ?? t('editor.system'),
                date: formatDate(item.createdAt, i18n.language),
              })}
            </span>
            <span className="muted">{t('review.revision', { revision: item.revision })}</span>
          </div>
          <p lang={dirs.targetLang} dir={dirs.targetDir}>
            <CodedText text={item.target} />
          </p>
          {item.sourceText !== segment.source && (
            <p className="muted history-source" lang={dirs.sourceLang} dir={dirs.sourceDir}>
              {t('editor.writtenAgainst')} <CodedText text={item.sourceText} />
            </p>
          )}
          {item.comment && (
            <p className="history-comment" dir="auto">
              {item.comment}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

function Comments({ route, segmentId }: { route: EditorRoute; segmentId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const query = useQuery(editorKeys.comments(route, segmentId));
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: (text: string) => postComment(route, segmentId, text),
    onSuccess: () => {
      setBody('');
      return client.invalidateQueries({ queryKey: editorKeys.comments(route, segmentId).queryKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) add.mutate(body.trim());
  };
  return (
    <div className="comments">
      {query.isPending && <Spinner label={t('app.loading')} />}
      {query.isError && <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && query.data.length === 0 && <p className="muted">{t('editor.noComments')}</p>}
      {query.data && query.data.length > 0 && (
        <ul className="comment-list">
          {query.data.map((comment) => (
            <li key={comment.id}>
              <div className="muted">
                {t('editor.historyBy', {
                  name: comment.author.name,
                  date: formatDate(comment.createdAt, i18n.language),
                })}
              </div>
              <p dir="auto">{comment.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="form">
        <label>
          {t('editor.newComment')}
          <textarea dir="auto" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        {add.isError && <ErrorBanner error={add.error} />}
        <div className="actions">
          <button type="submit" disabled={add.isPending || !body.trim()}>
            {t('editor.addComment')}
          </button>
        </div>
      </form>
    </div>
  );
}

function Preview({ route }: { route: EditorRoute }) {
  const { t } = useTranslation();
  const query = useQuery(editorKeys.preview(route));
  if (query.isPending) return <Spinner label={t('app.loading')} />;
  if (query.isError)
    return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const { html, title } = query.data;
  const locale = query.data.locale.replace(/[^A-Za-z0-9-]/g, '');
  const direction = query.data.direction === 'rtl' ? 'rtl' : 'ltr';
  // The server sanitized this HTML; it is still shown in a sandbox with no scripts at all.
  const escapeAttr = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  const doc =
    `<!doctype html><html lang="${locale}" dir="${direction}"><head><meta charset="utf-8">` +
    `<title>${escapeAttr(title)}</title>` +
    `<link rel="stylesheet" href="${escapeAttr(new URL(previewStylesheet, location.href).href)}">` +
    `</head><body><h1>${escapeAttr(title)}</h1>${html}</body></html>`;
  return (
    <div className="preview">
      <div className="actions">
        <button type="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {t('editor.refreshPreview')}
        </button>
      </div>
      <iframe
        className="preview-frame"
        sandbox=""
        srcDoc={doc}
        title={t('editor.previewTitle', { title })}
      />
    </div>
  );
}
