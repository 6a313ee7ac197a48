import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { DomainError, notFound } from '../common/domain-error';
import { SingleFlight } from '../common/single-flight';
import { APP_CONFIG, AppConfig } from '../config/config';
import { canonicalLocale, findLocale } from '../languages/language-catalog';
import { EncodedBodies, encodeBody } from './encoding';
import { readerI18n } from './i18n';
import { requestedLocale } from './negotiation';
import { LocaleLink, renderArticlePage } from './page';
import { articlePath, libraryHomePath, libraryPath, pagePath } from './paths';
import {
  ConditionalRequest,
  negotiatedResponse,
  notFoundResponse,
  PreparedPage,
  PreparedResponse,
  preparePage,
  ReaderResponse,
  respond,
  withdrawnResponse,
} from './prepared-page';
import { ViewCache } from './view-cache';

/**
 * How long one process trusts its view of an article's publications while it receives the
 * database's notifications (ReaderInvalidation drops a view the moment something it shows
 * changes, so this is only a safety net), and, UNWATCHED_TTL_MS, while it does not. After that
 * the view is reloaded in the background while requests go on being answered from it
 * (stale-while-revalidate), up to STATE_STALE_LIMIT_MS, after which a request waits for the
 * reload: a steady stream of readers never queues behind the database.
 */
export const STATE_TTL_MS = 10_000;
export const UNWATCHED_TTL_MS = 2000;
export const STATE_STALE_LIMIT_MS = 30_000;
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

interface PublicationMeta {
  id: string;
  locale: string;
  number: number;
  sourceVersion: number;
  kind: 'source' | 'complete' | 'fallback';
  publishedAt: Date;
  reviewedAt: Date | null;
  hash: string;
  /** When the English version this was made from was created. */
  sourceAt: Date;
  /** A later source version changed a segment clinically. */
  clinical: boolean;
}

interface ArticleState {
  articleId: string;
  project: string;
  article: string;
  sourceLocale: string;
  stalePolicy: 'keep' | 'withdraw-on-clinical';
  currentVersion: number;
  currentAt: Date;
  latest: Map<string, PublicationMeta>;
  available: LocaleLink[];
  /**
   * Locales with a publication that nobody is served: withdrawn, or no longer a target of the
   * project. Their URLs answer 410.
   */
  unavailable: Set<string>;
  signature: string;
  /**
   * 200 responses prepared from this state, by `locale|v` (the URL's locale, canonical): body,
   * ETag and headers are computed once per state, so a request that hits is one Map lookup.
   */
  prepared: Map<string, PreparedPage>;
}

export interface PageRequest extends ConditionalRequest {
  /** `?v=N`: an older publication of the locale. */
  v?: string;
}

export interface PublicArticle {
  locale: string;
  title: string;
  html: string;
  sourceVersion: number;
  publishedAt: string;
  stale: boolean;
  withdrawn: boolean;
  availableLocales: Array<{ code: string; nativeName: string; url: string }>;
}

interface CachedPage {
  bodies: EncodedBodies;
}

interface Resolved {
  state: ArticleState;
  locale: string;
  /** What is shown (the source publication when the translation is withdrawn). */
  shown: PublicationMeta;
  requested: PublicationMeta;
  stale: boolean;
  withdrawn: boolean;
  older: boolean;
}

function stateKey(project: string, article: string): string {
  return `${project}\u0000${article}`;
}

/** The key of `ArticleState.prepared`: the URL's locale (as written) and its `?v=`. */
function preparedKey(locale: string, v: string | undefined): string {
  return `${locale}|${v ?? ''}`;
}

/**
 * The reader site's read model. Publications are immutable, so a rendered page is cached by
 * publication id + interface language + what surrounds it (other locales, staleness); the
 * lookup of an article's latest publications is cached for STATE_TTL_MS per process.
 */
@Injectable()
export class ReaderService {
  private readonly i18n = readerI18n();
  /** Article views by project and slug (`stateKey`). */
  private readonly states = new ViewCache<ArticleState>(
    { ttlMs: UNWATCHED_TTL_MS, staleLimitMs: STATE_STALE_LIMIT_MS, max: 10_000 },
    (key) => {
      const [project, article] = key.split('\u0000');
      return this.loadState(project, article);
    },
  );
  /**
   * Pages being rendered and compressed: the readers who ask for a page while it is being made
   * (a burst after a publication, say) wait for that one instead of each rendering it again.
   */
  private readonly rendering = new SingleFlight<CachedPage>();
  private readonly olderVersions = new LRUCache<string, PublicationMeta>({ max: 5_000 });
  private readonly pages = new LRUCache<string, CachedPage>({
    maxSize: PAGE_CACHE_BYTES,
    sizeCalculation: ({ bodies }) =>
      bodies.identity.length + bodies.br.length + bodies.gzip.length + 64,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The hot path of GET /read/:project/:locale/:article, synchronous: the response when this
   * process has already prepared the page for the article's current (cached) state, else
   * undefined and the caller goes through `page()`.
   */
  cachedPage(
    project: string,
    locale: string,
    article: string,
    options: PageRequest,
  ): PreparedResponse | undefined {
    const state = this.cachedState(project, article);
    const page = state?.prepared.get(preparedKey(locale, options.v));
    return page ? respond(page, options) : undefined;
  }

  /**
   * Drops this process's view of an article (or of every article of the project): another
   * process published or withdrew something (LISTEN tms_reader). Pages rendered from the old
   * view go with it.
   */
  invalidate(project: string, article?: string): void {
    if (article !== undefined) {
      const key = stateKey(project, article);
      this.states.invalidate((k) => k === key);
    } else {
      const prefix = stateKey(project, '');
      this.states.invalidate((k) => k.startsWith(prefix));
    }
  }

  /**
   * Drops every view and sets how long views are trusted: STATE_TTL_MS while `watched` (the
   * invalidation channel is up), else UNWATCHED_TTL_MS.
   */
  resetViews(watched: boolean): void {
    this.states.setTtl(watched ? STATE_TTL_MS : UNWATCHED_TTL_MS);
    this.states.invalidate();
  }

  /** GET /read/:project/:article → 302 to the negotiated locale. */
  async negotiate(
    project: string,
    article: string,
    headers: { cookie?: string; acceptLanguage?: string },
  ): Promise<ReaderResponse> {
    const state = await this.state(project, article);
    return negotiatedResponse(
      headers,
      state && { available: state.available.map((l) => l.code), fallback: state.sourceLocale },
      this.i18n.languages,
      (locale) => pagePath(project, locale, article),
      (lang) => this.notFound(lang, project, state),
    );
  }

  /** GET /read/:project/:locale/:article[?v=N] */
  async page(
    project: string,
    localeParam: string,
    article: string,
    options: PageRequest,
  ): Promise<ReaderResponse> {
    const locale = canonicalLocale(localeParam);
    const state = await this.state(project, article);
    if (locale && locale !== localeParam && state) {
      const query = options.v ? `?v=${encodeURIComponent(options.v)}` : '';
      return {
        status: 301,
        headers: { location: pagePath(project, locale, article) + query },
        body: '',
      };
    }
    const lang = locale ?? 'en';
    if (state && locale && state.unavailable.has(locale)) return this.withdrawn(lang, state);
    const resolved = state && locale ? await this.resolve(state, locale, options.v) : null;
    if (!state || !resolved) return this.notFound(lang, project, state);

    const key = preparedKey(localeParam, options.v);
    let prepared = state.prepared.get(key);
    if (!prepared) {
      const variant = `${state.signature}|${state.currentVersion}|${resolved.withdrawn ? 'w' : ''}${resolved.older ? 'o' : ''}`;
      const etag = `"${resolved.shown.hash.slice(0, 24)}-${lang}-${createHash('sha1').update(variant).digest('hex').slice(0, 12)}"`;
      const pageKey = `${resolved.shown.id}|${lang}|${variant}|${resolved.requested.id}`;
      const page =
        this.pages.get(pageKey) ??
        (await this.rendering.run(pageKey, async () => {
          const rendered = Buffer.from(await this.renderPage(resolved, lang));
          const made = { bodies: await encodeBody(rendered) };
          this.pages.set(pageKey, made);
          return made;
        }));
      prepared = preparePage(lang, etag, page.bodies);
      // Kept with the state it was made from, so it expires with it (STATE_TTL_MS).
      state.prepared.set(key, prepared);
    }
    return respond(prepared, options);
  }

  /** GET /api/public/projects/:project/articles/:article?locale= */
  async publicArticle(
    project: string,
    article: string,
    localeParam: string | undefined,
    acceptLanguage: string | undefined,
  ): Promise<PublicArticle> {
    const state = await this.state(project, article);
    if (!state || state.available.length === 0)
      throw notFound('Published article', { project, article });
    const availableLocales = state.available.map((l) => ({
      code: l.code,
      nativeName: l.nativeName,
      url: this.config.publicUrl + l.url,
    }));
    const locale = requestedLocale(localeParam, {
      acceptLanguage,
      available: state.available.map((l) => l.code),
      fallback: state.sourceLocale,
    });
    if (locale && state.unavailable.has(locale))
      throw new DomainError(
        'PUBLICATION_WITHDRAWN',
        `The ${locale} publication of ${article} has been withdrawn`,
        { locale, availableLocales },
      );
    const resolved = locale ? await this.resolve(state, locale, undefined) : null;
    if (!resolved)
      throw new DomainError('NOT_FOUND', `No publication in ${localeParam}`, { availableLocales });
    const body = await this.publicationBody(resolved.shown.id);
    return {
      locale: resolved.shown.locale,
      title: body.title,
      html: body.html,
      sourceVersion: resolved.shown.sourceVersion,
      publishedAt: new Date(resolved.shown.publishedAt).toISOString(),
      stale: resolved.stale,
      withdrawn: resolved.withdrawn,
      availableLocales,
    };
  }

  private async resolve(
    state: ArticleState,
    locale: string,
    v: string | undefined,
  ): Promise<Resolved | null> {
    let requested = state.latest.get(locale);
    if (!requested) return null;
    let older = false;
    if (v !== undefined) {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) return null;
      if (n !== requested.number) {
        const found = await this.olderVersion(state.articleId, locale, n);
        if (!found) return null;
        requested = found;
        older = true;
      }
    }
    const isSource = locale === state.sourceLocale;
    const stale = !isSource && requested.sourceVersion < state.currentVersion;
    const source = state.latest.get(state.sourceLocale);
    const withdrawn =
      stale &&
      !older &&
      state.stalePolicy === 'withdraw-on-clinical' &&
      requested.clinical &&
      source !== undefined;
    return {
      state,
      locale,
      requested,
      shown: withdrawn && source ? source : requested,
      stale,
      withdrawn,
      older,
    };
  }

  private async renderPage(r: Resolved, lang: string): Promise<string> {
    const { state } = r;
    const body = await this.publicationBody(r.shown.id);
    const info = findLocale(lang);
    const contentInfo = findLocale(r.shown.locale);
    const sourcePath = pagePath(state.project, state.sourceLocale, state.article);
    const isSource = r.locale === state.sourceLocale;
    return renderArticlePage({
      lang,
      dir: info?.direction ?? 'ltr',
      t: this.i18n.t(lang),
      formatDate: (d) => this.i18n.formatDate(lang, new Date(d)),
      title: body.title,
      bodyHtml: body.html,
      contentLang: r.shown.locale,
      contentDir: contentInfo?.direction ?? 'ltr',
      canonicalUrl: this.config.publicUrl + pagePath(state.project, r.locale, state.article),
      xDefaultUrl: this.config.publicUrl + articlePath(state.project, state.article),
      alternates: state.available.map((l) => ({
        ...l,
        url: this.config.publicUrl + l.url,
        path: l.url,
      })),
      homePath: libraryPath(state.project, r.locale),
      number: r.requested.number,
      publishedAt: new Date(r.requested.publishedAt),
      translatedFromDate: isSource ? null : new Date(r.requested.sourceAt),
      reviewedAt: r.requested.reviewedAt ? new Date(r.requested.reviewedAt) : null,
      stale:
        r.stale && !r.older
          ? { sourceDate: new Date(state.currentAt), sourceUrl: sourcePath }
          : null,
      withdrawn: r.withdrawn ? { sourceUrl: sourcePath } : null,
      older: r.older ? { latestUrl: pagePath(state.project, r.locale, state.article) } : null,
      fallback: r.shown.kind === 'fallback',
    });
  }

  private notFound(lang: string, project: string, state: ArticleState | null): ReaderResponse {
    return notFoundResponse(this.i18n, lang, {
      available: state?.available ?? [],
      home: libraryHomePath(project),
      reason: state ? 'article' : 'missing',
      libraryPath: libraryHomePath(project),
    });
  }

  private withdrawn(lang: string, state: ArticleState): ReaderResponse {
    return withdrawnResponse(this.i18n, lang, {
      available: state.available,
      home: libraryHomePath(state.project),
      libraryPath: libraryHomePath(state.project),
    });
  }

  private async publicationBody(id: string): Promise<{ title: string; html: string }> {
    const rows = await this.dataSource.query<Array<{ title: string; html: string }>>(
      `SELECT title, html FROM publications WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  private async olderVersion(
    articleId: string,
    locale: string,
    number: number,
  ): Promise<PublicationMeta | null> {
    const key = `${articleId}|${locale}|${number}`;
    const cached = this.olderVersions.get(key);
    if (cached) return cached;
    const rows = await this.dataSource.query<PublicationMeta[]>(
      `${PUBLICATION_SQL} WHERE pu.article_id = $1 AND pu.locale = $2 AND pu.number = $3
          AND NOT EXISTS (SELECT 1 FROM publication_withdrawals w
                           WHERE w.article_id = pu.article_id AND w.locale = pu.locale
                             AND w.publication_number = pu.number AND w.cause = 'request')`,
      [articleId, locale, number],
    );
    if (rows.length === 0) return null;
    this.olderVersions.set(key, rows[0]);
    return rows[0];
  }

  private state(project: string, article: string): Promise<ArticleState | null> {
    return this.states.get(stateKey(project, article));
  }

  private cachedState(project: string, article: string): ArticleState | null | undefined {
    return this.states.cached(stateKey(project, article));
  }

  private async loadState(project: string, article: string): Promise<ArticleState | null> {
    const rows = await this.dataSource.query<
      Array<{
        articleId: string;
        sourceLocale: string;
        stalePolicy: 'keep' | 'withdraw-on-clinical';
        currentVersion: number;
        currentAt: Date | null;
        targetLocales: string[];
      }>
    >(
      `SELECT a.id AS "articleId", p.source_locale AS "sourceLocale", p.stale_policy AS "stalePolicy",
              a.current_version AS "currentVersion", sv.created_at AS "currentAt",
              COALESCE((SELECT array_agg(l.locale ORDER BY l.position, l.locale) FROM project_locales l
                         WHERE l.project_id = p.id AND l.active), '{}') AS "targetLocales"
         FROM articles a JOIN projects p ON p.id = a.project_id
         LEFT JOIN source_versions sv ON sv.article_id = a.id AND sv.version = a.current_version
        WHERE p.slug = $1 AND a.slug = $2`,
      [project, article],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    const publications = await this.dataSource.query<
      Array<PublicationMeta & { withdrawn: boolean }>
    >(
      `SELECT DISTINCT ON (pu.locale) ${PUBLICATION_COLUMNS},
              EXISTS (SELECT 1 FROM publication_withdrawals w
                       WHERE w.article_id = pu.article_id AND w.locale = pu.locale
                         AND w.publication_number = pu.number AND w.cause = 'request') AS withdrawn
         FROM publications pu
         JOIN source_versions sv ON sv.article_id = pu.article_id AND sv.version = pu.source_version
        WHERE pu.article_id = $1 ORDER BY pu.locale, pu.number DESC`,
      [row.articleId],
    );
    const served = (p: { locale: string; withdrawn: boolean }): boolean =>
      !p.withdrawn && (p.locale === row.sourceLocale || row.targetLocales.includes(p.locale));
    const latest = new Map(
      publications.filter(served).map(({ withdrawn: _w, ...p }) => [p.locale, p]),
    );
    const unavailable = new Set(publications.filter((p) => !served(p)).map((p) => p.locale));
    const order = [row.sourceLocale, ...row.targetLocales];
    const rank = (code: string): number => {
      const i = order.indexOf(code);
      return i < 0 ? order.length : i;
    };
    const available: LocaleLink[] = [...latest.keys()]
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      .map((code) => {
        const info = findLocale(code);
        return {
          code,
          nativeName: info?.nativeName ?? code,
          dir: info?.direction ?? 'ltr',
          url: pagePath(project, code, article),
        };
      });
    return {
      articleId: row.articleId,
      project,
      article,
      sourceLocale: row.sourceLocale,
      stalePolicy: row.stalePolicy,
      currentVersion: row.currentVersion,
      currentAt: row.currentAt ?? new Date(),
      latest,
      available,
      // Everything a page is made from besides the publications' own content: equal
      // signatures mean equal pages.
      unavailable,
      signature: JSON.stringify([
        publications.map((p) => [p.locale, p.number, p.clinical, served(p)]),
        available.map((l) => l.code),
        row.currentVersion,
        row.currentAt,
        row.sourceLocale,
        row.stalePolicy,
      ]),
      prepared: new Map(),
    };
  }
}

const PUBLICATION_COLUMNS = `
  pu.id, pu.locale, pu.number, pu.source_version AS "sourceVersion", pu.kind,
  pu.published_at AS "publishedAt", pu.reviewed_at AS "reviewedAt", pu.content_hash AS hash,
  sv.created_at AS "sourceAt",
  EXISTS (SELECT 1 FROM source_versions later JOIN source_segments ss ON ss.version_id = later.id
           WHERE later.article_id = pu.article_id AND later.version > pu.source_version
             AND ss.change_risk = 'clinical') AS clinical`;

const PUBLICATION_SQL = `
  SELECT ${PUBLICATION_COLUMNS}
    FROM publications pu
    JOIN source_versions sv ON sv.article_id = pu.article_id AND sv.version = pu.source_version`;
