import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { ArticlesService } from '../articles/articles.service';
import { DomainError } from '../common/domain-error';
import { findLocale } from '../languages/language-catalog';
import {
  ExportSegment,
  SegmentScope,
  TranslationsService,
} from '../translations/translations.service';
import { coalesce } from './formats/chunks';
import { codeMarkupBySegment } from './formats/code-markup';
import {
  ChunkStream,
  CodeMarkup,
  InterchangeFile,
  InterchangeUnit,
  UnitState,
  writeI18next,
  writePo,
  writeXliff12,
  writeXliff2,
} from './formats';
import type { ArticleExportQuery, ExportFormat, ProjectExportQuery } from './interchange.dto';

/** Per article: what went into the export, filled in as the file is written. */
export interface ExportedFile {
  article: string;
  file: string;
  sourceVersion: number;
  segments: number;
  words: number;
}

/** A download ready to stream: headers are known before the first byte. */
export interface ExportDownload {
  fileName: string;
  contentType: string;
  /** Segments and source words in the export (counted before writing). */
  segments: number;
  words: number;
  body: Readable;
  /** Filled in while `body` is read; complete once it has ended. */
  files: ExportedFile[];
}

const EXTENSION: Record<ExportFormat, string> = {
  xliff2: 'xlf',
  xliff12: 'xlf',
  po: 'po',
  i18next: 'json',
};

const CONTENT_TYPE: Record<ExportFormat, string> = {
  xliff2: 'application/xliff+xml; charset=utf-8',
  xliff12: 'application/xliff+xml; charset=utf-8',
  po: 'text/x-gettext-translation; charset=utf-8',
  i18next: 'application/json; charset=utf-8',
};

const NO_CODES: ReadonlyMap<number, CodeMarkup> = new Map();

function parseStates(state: string | undefined): string[] | null {
  return state ? [...new Set(state.split(','))] : null;
}

function toUnit(segment: ExportSegment, codes: ReadonlyMap<number, CodeMarkup>): InterchangeUnit {
  return {
    id: segment.id,
    position: segment.position,
    kind: segment.kind,
    source: segment.source,
    target: segment.target,
    state: segment.state as UnitState,
    revision: segment.revision,
    previousSource: segment.previousSource,
    changeRisk: segment.changeRisk,
    codes,
    comments: segment.comments.map((c) => ({ author: c.author, text: c.body })),
    checks: segment.checks.map(({ code, severity, message }) => ({ code, severity, message })),
    words: segment.words,
  };
}

/**
 * Exports of an article, or of many articles of a project, in one target locale as XLIFF 2.0,
 * XLIFF 1.2, PO or i18next JSON (writers in formats/). Everything is streamed: segments are
 * read a page at a time through TranslationsService and written as they come, so a project
 * of any size goes out in one download with little memory.
 */
@Injectable()
export class InterchangeService {
  private readonly logger = new Logger(InterchangeService.name);

  constructor(
    private readonly translations: TranslationsService,
    private readonly articles: ArticlesService,
  ) {}

  async exportArticle(
    projectSlug: string,
    articleSlug: string,
    localeParam: string,
    query: ArticleExportQuery,
  ): Promise<ExportDownload> {
    const states = parseStates(query.state);
    const scopes = await this.translations.exportScopes(projectSlug, localeParam, [articleSlug]);
    const counts = await this.translations.exportCounts(scopes, states);
    const files: ExportedFile[] = [];
    const name = `${projectSlug}-${articleSlug}.${scopes[0].locale}.${EXTENSION[query.format]}`;
    const chunks = this.document(query.format, scopes, states, files);
    return {
      fileName: name,
      contentType: CONTENT_TYPE[query.format],
      ...counts,
      body: this.readable(coalesce(chunks)),
      files,
    };
  }

  async exportProject(
    projectSlug: string,
    localeParam: string,
    query: ProjectExportQuery,
  ): Promise<ExportDownload> {
    const xliff = query.format === 'xliff2' || query.format === 'xliff12';
    const bundle = query.bundle ?? (xliff ? 'file' : 'zip');
    if (bundle === 'file' && !xliff)
      throw new DomainError(
        'VALIDATION_FAILED',
        `A project export in ${query.format} is a zip with one file per article (bundle=zip)`,
        { bundle: query.bundle, format: query.format },
      );
    const states = parseStates(query.state);
    const slugs = query.articles ? query.articles.split(',') : null;
    const scopes = await this.translations.exportScopes(projectSlug, localeParam, slugs);
    const counts = await this.translations.exportCounts(scopes, states);
    const locale = scopes[0]?.locale ?? localeParam;
    const files: ExportedFile[] = [];
    if (bundle === 'file') {
      const chunks = this.document(query.format, scopes, states, files);
      return {
        fileName: `${projectSlug}.${locale}.${EXTENSION[query.format]}`,
        contentType: CONTENT_TYPE[query.format],
        ...counts,
        body: this.readable(coalesce(chunks)),
        files,
      };
    }
    return {
      fileName: `${projectSlug}.${locale}.${query.format}.zip`,
      contentType: 'application/zip',
      ...counts,
      body: this.zip(query, projectSlug, locale, scopes, states, files),
      files,
    };
  }

  /** One document: XLIFF holds every article as a <file>; PO and i18next hold one article. */
  private document(
    format: ExportFormat,
    scopes: readonly SegmentScope[],
    states: string[] | null,
    files: ExportedFile[],
  ): ChunkStream {
    const first = scopes[0];
    const sourceLocale = first?.project.sourceLocale ?? 'en';
    const targetLocale = first?.locale ?? '';
    const inputs = this.files(scopes, states, files, EXTENSION[format]);
    if (format === 'xliff2') return writeXliff2({ sourceLocale, targetLocale, files: inputs });
    if (format === 'xliff12') return writeXliff12({ sourceLocale, targetLocale, files: inputs });
    return this.single(format, inputs);
  }

  private async *single(
    format: 'po' | 'i18next',
    inputs: AsyncIterable<InterchangeFile>,
  ): ChunkStream {
    for await (const file of inputs) yield* format === 'po' ? writePo(file) : writeI18next(file);
  }

  /** The articles as writer input, each read only when the writer gets to it. */
  private async *files(
    scopes: readonly SegmentScope[],
    states: string[] | null,
    exported: ExportedFile[],
    extension: string,
  ): AsyncGenerator<InterchangeFile, void, undefined> {
    for (const scope of scopes) {
      const source = await this.articles.exportSource(scope.articleId, scope.currentVersion);
      const codes = codeMarkupBySegment(source.tree);
      const record: ExportedFile = {
        article: scope.articleSlug,
        file: `${scope.articleSlug}.${scope.locale}.${extension}`,
        sourceVersion: scope.currentVersion,
        segments: 0,
        words: 0,
      };
      exported.push(record);
      const translations = this.translations;
      yield {
        article: scope.articleSlug,
        title: source.title,
        sourceVersion: scope.currentVersion,
        sourceFormat: source.format,
        sourceLocale: scope.project.sourceLocale,
        targetLocale: scope.locale,
        targetDirection: findLocale(scope.locale)?.direction ?? 'ltr',
        units: (async function* () {
          for await (const segment of translations.exportSegments(scope, states)) {
            record.segments += 1;
            record.words += segment.words;
            yield toUnit(segment, codes.get(segment.position) ?? NO_CODES);
          }
        })(),
      };
    }
  }

  /**
   * A zip with one file per article and manifest.json (word counts per file), streamed: an
   * entry is added once the previous one is written, so one article is in memory at a time.
   */
  private zip(
    query: ProjectExportQuery,
    project: string,
    locale: string,
    scopes: readonly SegmentScope[],
    states: string[] | null,
    files: ExportedFile[],
  ): Readable {
    const zip = new ZipFile();
    const output = zip.outputStream as Readable;
    let entry: Readable | null = null;
    // A client that goes away stops the export: the entry being written is dropped with it.
    output.once('close', () => entry?.destroy());
    const fill = async (): Promise<void> => {
      for (const scope of scopes) {
        entry = this.readable(coalesce(this.document(query.format, [scope], states, files)));
        zip.addReadStream(entry, `${scope.articleSlug}.${scope.locale}.${EXTENSION[query.format]}`);
        await finished(entry);
      }
      const manifest = {
        project,
        locale,
        format: query.format,
        states: parseStates(query.state),
        exportedAt: new Date().toISOString(),
        files,
        totals: {
          files: files.length,
          segments: files.reduce((sum, f) => sum + f.segments, 0),
          words: files.reduce((sum, f) => sum + f.words, 0),
        },
      };
      zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json');
      zip.end();
    };
    fill().catch((error: unknown) => {
      if (output.destroyed) return;
      this.logger.error(`export of ${project} (${locale}) failed: ${(error as Error).message}`);
      output.destroy(error as Error);
    });
    return output;
  }

  private readable(chunks: AsyncIterable<string>): Readable {
    const stream = Readable.from(chunks, { objectMode: false });
    stream.on('error', (error) => this.logger.error(`export failed: ${error.message}`));
    return stream;
  }
}
