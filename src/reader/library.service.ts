import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, notFound } from '../common/domain-error';
import {
  DEFAULT_PAGE_LIMIT,
  decodeCursor,
  encodeCursor,
  Page,
  PageQuery,
} from '../common/pagination';
import { APP_CONFIG, AppConfig } from '../config/config';
import { canonicalLocale, findLocale } from '../languages/language-catalog';
import { encodeBody } from './encoding';
import { readerI18n } from './i18n';
import {
  isListingCursor,
  LibraryArticle,
  LibraryListing,
  listArticles,
  pageOfListing,
  publishedLocales,
} from './library';
import { requestedLocale } from './negotiation';
import { LocaleLink, renderLibraryPage } from './page';
import { libraryHomePath, libraryPath } from './paths';
import {
  CACHE_CONTROL,
  ConditionalRequest,
  negotiatedResponse,
  notFoundResponse,
  PreparedPage,
  preparePage,
  ReaderResponse,
  respond,
  SHORT_CACHE_CONTROL,
} from './prepared-page';
import { STATE_STALE_LIMIT_MS, STATE_TTL_MS, UNWATCHED_TTL_MS } from './reader.service';
import { renderSitemap } from './sitemap';
import { ViewCache } from './view-cache';

interface Library {
  project: string;
  sourceLocale: string;
  articles: LibraryArticle[];
  /** The index in every locale that has a publication, source first. */
  locales: LocaleLink[];
  /** Everything the index pages are made from: equal signatures, equal pages. */
  signature: string;
  /** Index pages prepared from this view, by canonical locale. */
  prepared: Map<string, PreparedPage>;
  /** Listings sorted from this view, by canonical locale. */
  listings: Map<string, LibraryListing>;
}

export interface PublicLibraryItem {
  slug: string;
  /** The locale the article is offered in: the one asked for, or the source when untranslated. */
  locale: string;
  title: string;
  url: string;
  stale: boolean;
}

export interface PublicLibrary extends Page<PublicLibraryItem> {
  locale: string;
  availableLocales: Array<{ code: string; nativeName: string; url: string }>;
}

interface PublishedTitleRow {
  slug: string;
  currentVersion: number;
  locale: string;
  title: string;
  sourceVersion: number;
  publishedAt: Date;
}

/**
 * The reader site's library index (`/read/:project` and `/read/:project/:locale/`): every
 * article published in a locale, by title, and those not translated into it yet, offered in
 * the source language. A project's view is cached like an article's (ViewCache); each
 * locale's page is rendered and compressed once per view.
 */
@Injectable()
export class LibraryService {
  private readonly i18n = readerI18n();
  private readonly libraries = new ViewCache<Library>(
    { ttlMs: UNWATCHED_TTL_MS, staleLimitMs: STATE_STALE_LIMIT_MS, max: 1000 },
    (project) => this.load(project),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Drops this process's view of the project's library (LISTEN tms_reader). */
  invalidate(project: string): void {
    this.libraries.invalidate((key) => key === project);
  }

  /** As ReaderService.resetViews. */
  resetViews(watched: boolean): void {
    this.libraries.setTtl(watched ? STATE_TTL_MS : UNWATCHED_TTL_MS);
    this.libraries.invalidate();
  }

  /** GET /read/:project → 302 to the index in the reader's language. */
  async negotiate(
    project: string,
    headers: { cookie?: string; acceptLanguage?: string },
  ): Promise<ReaderResponse> {
    const library = await this.library(project);
    return negotiatedResponse(
      headers,
      library && {
        available: library.locales.map((l) => l.code),
        fallback: library.sourceLocale,
      },
      this.i18n.languages,
      (locale) => libraryPath(project, locale),
      (lang) => this.notFound(lang, project, library),
    );
  }

  /** GET /read/:project/:locale/ */
  async page(
    project: string,
    localeParam: string,
    request: ConditionalRequest,
  ): Promise<ReaderResponse> {
    const locale = canonicalLocale(localeParam);
    const library = await this.library(project);
    if (library && locale && locale !== localeParam)
      return { status: 301, headers: { location: libraryPath(project, locale) }, body: '' };
    if (!library || !locale || !library.locales.some((l) => l.code === locale))
      return this.notFound(locale ?? 'en', project, library);
    let prepared = library.prepared.get(locale);
    if (!prepared) {
      const body = Buffer.from(this.render(library, locale));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 24);
      const bodies = await encodeBody(body);
      prepared = preparePage(locale, `"${hash}-${locale}"`, bodies);
      library.prepared.set(locale, prepared);
    }
    return respond(prepared, request);
  }

  /**
   * GET /read/:project/sitemap.xml: every published page of the project and each locale's
   * index, with their language versions, made from the same view as the index.
   */
  async sitemap(project: string): Promise<ReaderResponse> {
    const library = await this.library(project);
    if (!library) {
      return {
        status: 404,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': SHORT_CACHE_CONTROL,
        },
        body: 'No such project',
      };
    }
    const articles = library.articles.map((a) => ({
      slug: a.slug,
      locales: [...a.published].map(([code, p]) => ({ code, lastPublished: p.publishedAt })),
    }));
    return {
      status: 200,
      headers: {
        'content-type': 'application/xml; charset=utf-8',
        'cache-control': CACHE_CONTROL,
        'x-content-type-options': 'nosniff',
      },
      body: renderSitemap(this.config.publicUrl, project, articles),
    };
  }

  /**
   * GET /api/public/projects/:project/articles?locale=: the library index as JSON, a page at a
   * time, in the same order and with the same availability and staleness as the HTML page.
   */
  async publicList(
    project: string,
    localeParam: string | undefined,
    acceptLanguage: string | undefined,
    page: PageQuery,
  ): Promise<PublicLibrary> {
    const library = await this.library(project);
    if (!library || library.locales.length === 0) throw notFound('Published article', { project });
    const availableLocales = library.locales.map((l) => ({
      code: l.code,
      nativeName: l.nativeName,
      url: l.url,
    }));
    const locale = requestedLocale(localeParam, {
      acceptLanguage,
      available: library.locales.map((l) => l.code),
      fallback: library.sourceLocale,
    });
    if (!locale || !library.locales.some((l) => l.code === locale))
      throw new DomainError('NOT_FOUND', `No articles in ${localeParam}`, { availableLocales });
    const { items, next } = pageOfListing(
      this.listing(library, locale),
      locale,
      library.sourceLocale,
      page.limit ?? DEFAULT_PAGE_LIMIT,
      decodeCursor(page.cursor, isListingCursor),
    );
    return {
      locale,
      items: items.map((a) => ({
        slug: a.slug,
        locale: a.lang,
        title: a.title,
        url: this.config.publicUrl + a.path,
        stale: a.stale,
      })),
      nextCursor: next ? encodeCursor(next) : null,
      availableLocales,
    };
  }

  private listing(library: Library, locale: string): LibraryListing {
    let listing = library.listings.get(locale);
    if (!listing) {
      listing = listArticles(library.project, library.sourceLocale, library.articles, locale);
      library.listings.set(locale, listing);
    }
    return listing;
  }

  private render(library: Library, locale: string): string {
    const lang = locale;
    const base = this.config.publicUrl;
    return renderLibraryPage({
      lang,
      dir: findLocale(lang)?.direction ?? 'ltr',
      t: this.i18n.t(lang),
      canonicalUrl: base + libraryPath(library.project, locale),
      xDefaultUrl: base + libraryHomePath(library.project),
      alternates: library.locales,
      listing: this.listing(library, locale),
      sourceDir: findLocale(library.sourceLocale)?.direction ?? 'ltr',
    });
  }

  private notFound(lang: string, project: string, library: Library | null): ReaderResponse {
    return notFoundResponse(this.i18n, lang, {
      available: library?.locales ?? [],
      home: libraryHomePath(project),
      reason: library ? 'library' : 'missing',
    });
  }

  private library(project: string): Promise<Library | null> {
    return this.libraries.get(project);
  }

  private async load(project: string): Promise<Library | null> {
    const projects = await this.dataSource.query<
      Array<{ id: string; sourceLocale: string; targetLocales: string[] }>
    >(
      `SELECT p.id, p.source_locale AS "sourceLocale",
              COALESCE((SELECT array_agg(l.locale ORDER BY l.position, l.locale) FROM project_locales l
                         WHERE l.project_id = p.id AND l.active), '{}') AS "targetLocales"
         FROM projects p WHERE p.slug = $1`,
      [project],
    );
    if (projects.length === 0) return null;
    const { id, sourceLocale, targetLocales } = projects[0];
    const rows = await this.dataSource.query<PublishedTitleRow[]>(
      `SELECT a.slug, a.current_version AS "currentVersion", pu.locale, pu.title,
              pu.source_version AS "sourceVersion", pu.published_at AS "publishedAt"
         FROM articles a
         JOIN LATERAL (SELECT DISTINCT ON (locale) locale, number, title, source_version, published_at
                         FROM publications WHERE article_id = a.id
                        ORDER BY locale, number DESC) pu ON true
        WHERE a.project_id = $1
          AND (pu.locale = $2 OR pu.locale = ANY($3))
          AND NOT EXISTS (SELECT 1 FROM publication_withdrawals w
                           WHERE w.article_id = a.id AND w.locale = pu.locale
                             AND w.publication_number = pu.number AND w.cause = 'request')
        ORDER BY a.slug, pu.locale`,
      [id, sourceLocale, targetLocales],
    );
    const bySlug = new Map<string, LibraryArticle>();
    for (const row of rows) {
      let article = bySlug.get(row.slug);
      if (!article)
        bySlug.set(
          row.slug,
          (article = { slug: row.slug, currentVersion: row.currentVersion, published: new Map() }),
        );
      article.published.set(row.locale, {
        title: row.title,
        sourceVersion: row.sourceVersion,
        publishedAt: new Date(row.publishedAt),
      });
    }
    const articles = [...bySlug.values()];
    const locales = publishedLocales(articles, [sourceLocale, ...targetLocales]).map(
      (code): LocaleLink => {
        const info = findLocale(code);
        const path = libraryPath(project, code);
        return {
          code,
          nativeName: info?.nativeName ?? code,
          dir: info?.direction ?? 'ltr',
          url: this.config.publicUrl + path,
          path,
        };
      },
    );
    return {
      project,
      sourceLocale,
      articles,
      locales,
      signature: JSON.stringify([
        sourceLocale,
        locales.map((l) => l.code),
        rows.map((r) => [
          r.slug,
          r.currentVersion,
          r.locale,
          r.title,
          r.sourceVersion,
          r.publishedAt,
        ]),
      ]),
      prepared: new Map(),
      listings: new Map(),
    };
  }
}
