import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'wouter';
import { isApiError } from '~/api/errors';
import { useCurrentUser } from '~/modules/auth';
import type { ConflictInfo } from '~/modules/conflicts';
import {
  BatchApprove,
  batchApprovable,
  localeRights,
  reviewSegment,
  type BatchResult,
} from '~/modules/review';
import { detectMac, findShortcut, ShortcutsHelp } from '~/modules/shortcuts';
import { numberedTargets, suggestionKeys, termRanges } from '~/modules/suggestions';
import { ErrorBanner } from '~/ui/ErrorBanner';
import { Spinner } from '~/ui/Spinner';
import { editorKeys, fetchSegment, saveSegment, type EditorRoute } from './api';
import { ActiveEditor, type FieldHandle, type SaveProblem } from './components/ActiveEditor';
import { FilterBar } from './components/FilterBar';
import { Pretranslate } from './components/Pretranslate';
import { SegmentRow, type Dirs } from './components/SegmentRow';
import { SidePanel } from './components/SidePanel';
import { usePatches } from './hooks/usePatches';
import { draftIds, readDraft, removeDraft, writeDraft, type DraftScope } from './utils/drafts';
import { filterSegments, isFiltered, parseFilter, writeFilter, type Filter } from './utils/filters';
import {
  countSegments,
  mergeSegments,
  NEEDS_WORK,
  nextIndexIn,
  type Check,
  type Segment,
  type SegmentState,
} from './utils/segments';
import './editor.css';

/** The editor for one article and locale: /projects/:project/articles/:article/:locale. */
export default function EditorPage() {
  const params = useParams<{ project: string; article: string; locale: string }>();
  const route = useMemo<EditorRoute>(
    () => ({ project: params.project, article: params.article, locale: params.locale }),
    [params.project, params.article, params.locale],
  );
  return <EditorScreen key={`${route.project}/${route.article}/${route.locale}`} route={route} />;
}

/** What a reviewer works on: segments waiting for review. */
const REVIEW_WORK: readonly SegmentState[] = ['translated'];

/** A copy of the map with `id` set to `value` (removed when null); the same map when unchanged. */
function withEntry<V>(map: Map<string, V>, id: string, value: V | null): Map<string, V> {
  if (value === null && !map.has(id)) return map;
  const next = new Map(map);
  if (value === null) next.delete(id);
  else next.set(id, value);
  return next;
}

function localeLabel(code: string, lng: string, fallback?: string): string {
  try {
    return new Intl.DisplayNames([lng], { type: 'language' }).of(code) ?? fallback ?? code;
  } catch {
    return fallback ?? code;
  }
}

function EditorScreen({ route }: { route: EditorRoute }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const client = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();

  const filterKey = ['state', 'risk', 'q'].map((k) => searchParams.get(k) ?? '').join('|');
  const filter = useMemo(() => parseFilter(searchParams), [filterKey]);
  const rights = localeRights(me, route.project, route.locale);
  const reviewMode = rights.canReview && searchParams.get('mode') === 'review';
  const activeParam = searchParams.get('segment');

  const locales = useQuery(editorKeys.locales());
  const project = useQuery(editorKeys.project(route.project));
  const article = useQuery(editorKeys.article(route));
  const segments = useInfiniteQuery(editorKeys.segments(route));

  // The first page renders at once; the rest of a long article loads behind it.
  const { hasNextPage, isFetchingNextPage, isError: listFailed, fetchNextPage } = segments;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !listFailed) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, listFailed, fetchNextPage]);

  const loading = hasNextPage || isFetchingNextPage;

  const [store, patches] = usePatches();
  const all = useMemo(
    () => mergeSegments(segments.data?.pages ?? [], patches),
    [segments.data, patches],
  );
  const latest = useRef(new Map<string, Segment>());
  latest.current = useMemo(() => new Map(all.map((s) => [s.id, s])), [all]);

  // Rows that matched the filter once stay until it changes, so saving does not pull the row
  // from under the cursor.
  const keep = useRef({ key: '', ids: new Set<string>() });
  if (keep.current.key !== filterKey) keep.current = { key: filterKey, ids: new Set() };
  const rows = useMemo(() => {
    const shown = filterSegments(all, filter, keep.current.ids);
    if (isFiltered(filter)) for (const s of shown) keep.current.ids.add(s.id);
    return shown;
  }, [all, filter]);
  const counts = useMemo(() => countSegments(all), [all]);

  const workStates = reviewMode ? REVIEW_WORK : NEEDS_WORK;
  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1;
    const byParam = activeParam ? rows.findIndex((s) => s.id === activeParam) : -1;
    if (byParam >= 0) return byParam;
    const first = rows.findIndex((s) => workStates.includes(s.state));
    return first >= 0 ? first : 0;
  }, [rows, activeParam, workStates]);
  const active = activeIndex >= 0 ? rows[activeIndex] : undefined;

  // Glossary terms of the active segment, marked in its source (the panel shares this query).
  const suggestions = useQuery({
    ...suggestionKeys.segment(route, active?.id ?? ''),
    enabled: !!active,
  });
  const highlights = useMemo(() => {
    const glossary = suggestions.data?.glossary ?? [];
    if (!active || glossary.length === 0) return undefined;
    const byTerm = new Map(glossary.map((g) => [g.term.toLocaleLowerCase(), g]));
    return termRanges(active.source, glossary).map((range) => {
      const entry = byTerm.get(range.term.toLocaleLowerCase());
      return {
        start: range.start,
        end: range.end,
        title: entry?.doNotTranslate
          ? t('suggestions.doNotTranslate')
          : `${range.term} → ${entry?.translation ?? ''}`,
      };
    });
  }, [suggestions.data, active, t]);

  // Languages and directions: the source's and the locale's, whatever the interface language.
  const localeList = locales.data ?? [];
  const sourceLocale = project.data?.sourceLocale ?? 'en';
  const findLocale = (code: string) =>
    localeList.find((l) => l.code.toLowerCase() === code.toLowerCase());
  const targetInfo = findLocale(route.locale);
  const dirs = useMemo<Dirs>(
    () => ({
      sourceLang: sourceLocale,
      sourceDir: findLocale(sourceLocale)?.direction ?? 'ltr',
      targetLang: targetInfo?.code ?? route.locale,
      targetDir: targetInfo?.direction ?? 'ltr',
    }),
    [locales.data, sourceLocale, route.locale],
  );
  const localeName = localeLabel(route.locale, i18n.language, targetInfo?.nativeName);
  const requireReview = project.data?.requireReview ?? true;

  // Drafts kept in this browser for this article and locale.
  const draftScope = useMemo<DraftScope>(() => ({ ...route }), [route]);
  const [drafts, setDrafts] = useState(() => new Set(draftIds(localStorage, draftScope)));
  // Drafts found when the editor opened get an "Unsaved draft restored" note.
  const [earlierDrafts, setEarlierDrafts] = useState(() => new Set(drafts));
  const onDraftNoticeSeen = useCallback(
    (id: string) =>
      setEarlierDrafts((prev) => {
        if (!prev.has(id)) return prev;
        const next = new Set(prev);
        next.delete(id);
        return next;
      }),
    [],
  );
  const onDraftChange = useCallback((id: string, has: boolean) => {
    setDrafts((prev) => {
      if (prev.has(id) === has) return prev;
      const next = new Set(prev);
      if (has) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (draftIds(localStorage, draftScope).length === 0) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [draftScope]);

  const [conflicts, setConflicts] = useState(new Map<string, ConflictInfo>());
  const [problems, setProblems] = useState(new Map<string, SaveProblem>());
  const setConflict = (id: string, value: ConflictInfo | null) =>
    setConflicts((prev) => withEntry(prev, id, value));
  const setProblem = (id: string, value: SaveProblem | null) =>
    setProblems((prev) => withEntry(prev, id, value));

  /**
   * The server has `text` at `revision`: the draft goes, unless the user typed on since, and
   * then it is based on this revision (their own), not on the one before.
   */
  const settleDraft = (id: string, text: string, revision: number) => {
    const draft = readDraft(localStorage, draftScope, id);
    if (draft && draft.text !== text) {
      writeDraft(localStorage, draftScope, id, { ...draft, revision });
      return;
    }
    removeDraft(localStorage, draftScope, id);
    onDraftChange(id, false);
  };

  const save = useMutation({
    // Saves of one segment queue behind each other; each reads the revision when it runs.
    scope: { id: `save:${active?.id ?? ''}` },
    mutationFn: async (vars: { id: string; target: string }) => {
      const current = latest.current.get(vars.id);
      return saveSegment(route, vars.id, { target: vars.target, revision: current?.revision ?? 0 });
    },
    onMutate: (vars) => {
      const previous = store.get(vars.id);
      const current = latest.current.get(vars.id);
      setProblem(vars.id, null);
      setConflict(vars.id, null);
      if (current) {
        const checked = client.getQueryData<Check[]>(
          editorKeys.check(route, vars.id, vars.target).queryKey,
        );
        store.set({
          ...current,
          target: vars.target,
          state: requireReview ? 'translated' : 'approved',
          checks: checked ?? current.checks,
          updatedBy: { id: me.id, name: me.name },
        });
      }
      return { previous };
    },
    onError: (error, vars, context) => {
      if (context?.previous) store.set(context.previous);
      else store.delete(vars.id);
      if (isApiError(error, 'TRANSLATION_CONFLICT')) {
        const theirs = error.details.segment as Segment | undefined;
        if (theirs) {
          store.set(theirs);
          // Someone saved exactly this text: nothing to decide.
          if (theirs.target === vars.target) {
            settleDraft(vars.id, vars.target, theirs.revision);
            return;
          }
          setConflict(vars.id, { kind: 'save', mine: vars.target, theirs });
          // Save-and-next has moved on: back to the segment, where the panel asks what to keep.
          setActive(vars.id);
          return;
        }
      }
      if (isApiError(error, 'CHECK_FAILED')) {
        setProblem(vars.id, { checks: (error.details.checks as Check[] | undefined) ?? [] });
        return;
      }
      if (isApiError(error, 'SOURCE_CHANGED')) void segments.refetch();
      setProblem(vars.id, { message: error instanceof Error ? error.message : String(error) });
    },
    onSuccess: (saved, vars) => {
      store.set(saved);
      settleDraft(vars.id, vars.target, saved.revision);
      void client.invalidateQueries({ queryKey: [...editorKeys.all(route), 'history', vars.id] });
      for (const id of saved.propagated ?? []) {
        void fetchSegment(route, id).then(
          (s) => store.set(s),
          () => undefined,
        );
      }
    },
  });

  const review = useMutation({
    mutationFn: (vars: {
      id: string;
      decision: 'approve' | 'reject';
      revision: number;
      comment?: string;
      shown: string;
    }) =>
      reviewSegment<Segment>(route, vars.id, {
        decision: vars.decision,
        revision: vars.revision,
        ...(vars.comment ? { comment: vars.comment } : {}),
      }),
    onMutate: (vars) => {
      setProblem(vars.id, null);
      setConflict(vars.id, null);
    },
    onSuccess: (segment, vars) => {
      store.set(segment);
      void client.invalidateQueries({ queryKey: [...editorKeys.all(route), 'history', vars.id] });
    },
    onError: (error, vars) => {
      if (isApiError(error, 'TRANSLATION_CONFLICT') && error.details.segment) {
        const theirs = error.details.segment as Segment;
        store.set(theirs);
        setConflict(vars.id, { kind: 'review', mine: vars.shown, theirs });
        setActive(vars.id);
        return;
      }
      setProblem(vars.id, { message: error instanceof Error ? error.message : String(error) });
    },
  });

  // Moving: change the index, scroll the virtualizer to it, then focus the row or its field.
  const focusRequest = useRef<{ id: string; field: boolean } | null>(null);
  const setActive = useCallback(
    (id: string, field = true) => {
      focusRequest.current = { id, field };
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('segment', id);
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );
  const onActivate = useCallback((id: string) => setActive(id, true), [setActive]);

  const moveBy = (delta: number) => {
    const index = Math.min(rows.length - 1, Math.max(0, activeIndex + delta));
    if (rows[index]) setActive(rows[index].id);
  };
  const moveToNextWork = () => {
    const next = nextIndexIn(rows, activeIndex, workStates);
    if (next >= 0) setActive(rows[next].id);
    else if (activeIndex + 1 < rows.length) setActive(rows[activeIndex + 1].id);
  };

  const field = useRef<FieldHandle | null>(null);
  const doSave = (text: string) => {
    if (!active || !rights.canTranslate) return;
    save.mutate({ id: active.id, target: text });
    onDraftNoticeSeen(active.id);
    // Stay when the checks already known for this text block it: the 422 will show them here.
    const known = client.getQueryData<Check[]>(editorKeys.check(route, active.id, text).queryKey);
    if (!known?.some((c) => c.severity === 'error')) moveToNextWork();
  };
  const doApprove = () => {
    if (!active || !reviewMode) return;
    review.mutate({
      id: active.id,
      decision: 'approve',
      revision: active.revision,
      shown: active.target ?? '',
    });
    moveToNextWork();
  };
  const doReject = (comment: string) => {
    if (!active || !reviewMode) return;
    review.mutate({
      id: active.id,
      decision: 'reject',
      revision: active.revision,
      comment,
      shown: active.target ?? '',
    });
    moveToNextWork();
  };
  const insertSuggestion = (n: number) => {
    if (!active) return;
    const data = client.getQueryData(suggestionKeys.segment(route, active.id).queryKey);
    const text = numberedTargets(data)[n - 1];
    if (text !== undefined) field.current?.replace(text);
  };

  const [helpOpen, setHelpOpen] = useState(false);
  const isMac = useMemo(detectMac, []);
  const handlers = useRef<(event: KeyboardEvent) => void>(() => undefined);
  handlers.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
    const target = event.target as HTMLElement | null;
    const inField = !!target?.matches?.('[data-target-field]');
    const inOtherField =
      !inField && !!target?.matches?.('input, textarea, select, [contenteditable="true"]');
    const match = findShortcut(event, { inField, inOtherField, reviewer: reviewMode }, isMac);
    if (!match) return;
    event.preventDefault();
    switch (match.id) {
      case 'save':
        doSave(field.current?.text() ?? '');
        break;
      case 'nextSegment':
        moveBy(1);
        break;
      case 'previousSegment':
        moveBy(-1);
        break;
      case 'leaveField':
        if (active) document.getElementById(`segment-${active.id}`)?.focus();
        break;
      case 'copySource':
        field.current?.copySource();
        break;
      case 'insertCode':
        field.current?.insertCode(match.digit ?? 1);
        break;
      case 'insertSuggestion':
        insertSuggestion(match.digit ?? 1);
        break;
      case 'approve':
        doApprove();
        break;
      case 'reject':
        field.current?.startReject();
        break;
      case 'showHelp':
        setHelpOpen(true);
        break;
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => handlers.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  // The virtualized list: measured rows, a loader row while pages are still arriving.
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (loading ? 1 : 0),
    getScrollElement: () => listRef.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (index) => rows[index]?.id ?? 'loader',
  });

  // Once the segment to start on is known, its field takes the focus (keyboard-first) and its id
  // goes into the URL, so pages arriving later do not move the cursor: the one in ?segment= once
  // its page is loaded, else the first segment needing work (all pages loaded if none is yet).
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusedOnce.current || !active) return;
    if (loading && activeParam && active.id !== activeParam) return;
    if (loading && !activeParam && !workStates.includes(active.state)) return;
    focusedOnce.current = true;
    setActive(active.id, true);
  }, [active, activeParam, loading, workStates, setActive]);

  useEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    const index = rows.findIndex((s) => s.id === request.id);
    if (index < 0) return;
    focusRequest.current = null;
    virtualizer.scrollToIndex(index, { align: 'center' });
    let tries = 0;
    const focus = () => {
      const element = request.field
        ? (document.getElementById(`target-${request.id}`) ??
          document.getElementById(`segment-${request.id}`))
        : document.getElementById(`segment-${request.id}`);
      if (element) element.focus({ preventScroll: true });
      else if (tries++ < 10) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }, [activeParam, rows, virtualizer]);

  const onFilter = useCallback(
    (next: Filter) => setSearchParams((prev) => writeFilter(prev, next), { replace: true }),
    [setSearchParams],
  );
  const toggleReview = () =>
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      if (next.get('mode') === 'review') next.delete('mode');
      else next.set('mode', 'review');
      return next;
    });

  const candidates = useMemo(
    () => (reviewMode ? batchApprovable(all, me.id, requireReview) : []),
    [reviewMode, all, me.id, requireReview],
  );
  const onBatchDone = (result: BatchResult<Segment>) => {
    for (const item of result.results) if (item.segment) store.set(item.segment);
  };

  if (segments.isPending) return <Spinner label={t('editor.loading')} />;
  if (segments.isError && !segments.data)
    return (
      <section className="page">
        <ErrorBanner error={segments.error} onRetry={() => void segments.refetch()} />
      </section>
    );

  const total = article.data?.segmentCount ?? all.length;
  const items = virtualizer.getVirtualItems();

  return (
    <section className="editor-page" aria-labelledby="editor-title">
      <header className="editor-header">
        <nav aria-label={t('editor.breadcrumb')} className="breadcrumb">
          <Link href={`/projects/${encodeURIComponent(route.project)}`}>
            {project.data?.name ?? route.project}
          </Link>
        </nav>
        <div className="editor-title-row">
          <h1 id="editor-title">
            <span>{article.data?.title ?? route.article}</span>{' '}
            <span className="editor-locale">
              {t('editor.direction', {
                source: localeLabel(sourceLocale, i18n.language),
                target: localeName,
              })}
            </span>
          </h1>
          <div className="actions editor-tools">
            {rights.canReview && (
              <button type="button" aria-pressed={reviewMode} onClick={toggleReview}>
                {t('review.mode')}
              </button>
            )}
            {rights.canTranslate && (
              <Pretranslate
                route={route}
                onDone={() =>
                  void client.invalidateQueries({ queryKey: editorKeys.segments(route).queryKey })
                }
              />
            )}
            {reviewMode && (
              <BatchApprove<Segment>
                route={route}
                candidates={loading ? [] : candidates}
                onDone={onBatchDone}
              />
            )}
            <button type="button" onClick={() => setHelpOpen(true)}>
              {t('shortcuts.open')}
            </button>
            {loading && (
              <span className="muted" role="status">
                {t('editor.loadingMore', { loaded: all.length, total })}
              </span>
            )}
          </div>
        </div>
        {segments.isFetchNextPageError && (
          <ErrorBanner error={segments.error} onRetry={() => void fetchNextPage()} />
        )}
        <FilterBar
          filter={filter}
          counts={counts}
          shown={rows.length}
          total={all.length}
          onChange={onFilter}
        />
      </header>
      <div className="editor-body">
        <div ref={listRef} className="segment-scroll">
          {rows.length === 0 && !loading ? (
            <p className="muted empty">{t('editor.noMatches')}</p>
          ) : (
            <div
              role="list"
              aria-label={t('editor.segments')}
              className="segment-list"
              style={{ blockSize: virtualizer.getTotalSize() }}
            >
              {items.map((item) => {
                const segment = rows[item.index];
                if (!segment)
                  return (
                    <div
                      key="loader"
                      role="listitem"
                      ref={virtualizer.measureElement}
                      data-index={item.index}
                      className="segment loader-row"
                      style={{ transform: `translateY(${item.start}px)` }}
                    >
                      {t('editor.loadingRows')}
                    </div>
                  );
                const isActive = segment.id === active?.id;
                return (
                  <SegmentRow
                    key={segment.id}
                    index={item.index}
                    start={item.start}
                    measureRef={virtualizer.measureElement}
                    highlights={isActive ? highlights : undefined}
                    segment={segment}
                    total={all.length}
                    active={isActive}
                    dirs={dirs}
                    hasDraft={drafts.has(segment.id)}
                    notSaved={problems.has(segment.id)}
                    onActivate={onActivate}
                  >
                    {isActive ? (
                      <ActiveEditor
                        key={`${segment.id}`}
                        route={route}
                        segment={segment}
                        lang={dirs.targetLang}
                        dir={dirs.targetDir}
                        localeName={localeName}
                        draftScope={draftScope}
                        draftFromEarlier={earlierDrafts.has(segment.id)}
                        onDraftNoticeSeen={onDraftNoticeSeen}
                        canTranslate={rights.canTranslate}
                        reviewMode={reviewMode}
                        meId={me.id}
                        requireReview={requireReview}
                        conflict={conflicts.get(segment.id)}
                        problem={problems.get(segment.id)}
                        busy={review.isPending}
                        handleRef={field}
                        onSave={doSave}
                        onApprove={doApprove}
                        onReject={doReject}
                        onKeepMine={(text) => {
                          save.mutate({ id: segment.id, target: text });
                          field.current?.focus();
                        }}
                        onTakeTheirs={() => setConflict(segment.id, null)}
                        onDraftChange={onDraftChange}
                        onStaleDraft={(id, text) =>
                          setConflict(id, { kind: 'save', mine: text, theirs: segment })
                        }
                      />
                    ) : undefined}
                  </SegmentRow>
                );
              })}
            </div>
          )}
        </div>
        <SidePanel
          route={route}
          segment={active}
          dirs={dirs}
          canTranslate={rights.canTranslate}
          onInsert={(text) => {
            field.current?.replace(text);
            field.current?.focus();
          }}
        />
      </div>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} reviewer={reviewMode} />
    </section>
  );
}
