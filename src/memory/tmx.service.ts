import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { DomainError } from '../common/domain-error';
import { repoRoot } from '../common/repo-root';
import { canonicalOrFail } from '../projects/projects.service';
import { XmlRejectedError, XmlSource } from '../xml/safe-xml-reader';
import { ImportedPair, MemoryService } from './memory.service';
import type { TmxExportQuery, TmxImportResultDto } from './memory.dto';
import { readTmx, TmxFormatError, TmxUnitProblem } from './tmx/tmx-reader';
import { tmxHead, tmxTail, tmxUnit } from './tmx/tmx-writer';

/** Largest TMX file accepted (the HTTP route streams it; nothing holds it whole). */
export const TMX_MAX_BYTES = 200 * 1024 * 1024;
const BATCH_SIZE = 1000;
const EXPORT_PAGE = 1000;
const MAX_REPORTED_PROBLEMS = 100;
const PROGRESS_EVERY_UNITS = 10_000;

function toolVersion(): string {
  const manifest = readFileSync(join(repoRoot(), 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

export interface TmxImportOptions {
  /** Slug of the project whose memory receives the entries; none: everybody's memory. */
  project?: string;
  /** Called every few thousand units with the count read so far. */
  onProgress?: (units: number) => void;
}

/**
 * TMX 1.4 import and export of the translation memory. An import is all or nothing: one
 * transaction with batched inserts, so a file refused halfway (unsafe or malformed XML) leaves
 * the memory as it was; only the current batch and one unit are in memory at a time.
 */
@Injectable()
export class TmxService {
  private readonly logger = new Logger(TmxService.name);
  private readonly version = toolVersion();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memory: MemoryService,
  ) {}

  async import(source: XmlSource, options: TmxImportOptions = {}): Promise<TmxImportResultDto> {
    const projectId =
      options.project === undefined ? null : await this.memory.memoryProject(null, options.project);
    const result: TmxImportResultDto = {
      units: 0,
      imported: 0,
      duplicates: 0,
      skipped: 0,
      errors: [],
    };
    const report = (problem: TmxUnitProblem) => {
      if (result.errors.length < MAX_REPORTED_PROBLEMS) result.errors.push(problem);
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        let batch: ImportedPair[] = [];
        const flush = async () => {
          const { inserted, duplicates } = await this.memory.insertImported(
            manager,
            batch,
            projectId,
          );
          result.imported += inserted;
          result.duplicates += duplicates;
          batch = [];
        };
        for await (const record of readTmx(source, { maxBytes: TMX_MAX_BYTES })) {
          result.units += 1;
          if (result.units % PROGRESS_EVERY_UNITS === 0) {
            this.logger.log(`TMX import: ${result.units} units read`);
            options.onProgress?.(result.units);
          }
          if (record.type === 'skipped') {
            result.skipped += 1;
            report(record.problem);
            continue;
          }
          record.problems.forEach(report);
          batch.push(...record.pairs);
          if (batch.length >= BATCH_SIZE) await flush();
        }
        await flush();
      });
    } catch (error) {
      throw asDomainError(error);
    }
    this.logger.log(
      `TMX import: ${result.units} units, ${result.imported} entries imported, ` +
        `${result.duplicates} duplicates, ${result.skipped} units skipped`,
    );
    return result;
  }

  /**
   * The TMX document of the entries `actor` may see (null: the operator, who sees all), as
   * pieces of text to stream; the query is validated before the first piece.
   */
  async export(
    actor: Actor | null,
    query: TmxExportQuery,
    onProgress?: (units: number) => void,
  ): Promise<AsyncIterable<string>> {
    const sourceLocale = canonicalOrFail('source', query.source);
    const targetLocale = canonicalOrFail('target', query.target);
    const projectId =
      query.project === undefined
        ? undefined
        : await this.memory.memoryProject(actor, query.project);
    const memory = this.memory;
    const creationToolVersion = this.version;
    async function* pieces(): AsyncGenerator<string> {
      yield tmxHead({ sourceLocale, creationToolVersion });
      let after = null;
      let units = 0;
      for (;;) {
        const page = await memory.exportPage(
          actor,
          { sourceLocale, targetLocale, projectId },
          after,
          EXPORT_PAGE,
        );
        if (page.entries.length === 0) break;
        yield page.entries
          .map((entry) =>
            tmxUnit({
              sourceLocale,
              targetLocale,
              source: entry.source,
              target: entry.target,
              createdAt: entry.approvedAt,
            }),
          )
          .join('');
        after = page.after;
        units += page.entries.length;
        onProgress?.(units);
      }
      yield tmxTail();
    }
    return pieces();
  }
}

function asDomainError(error: unknown): unknown {
  if (error instanceof XmlRejectedError) {
    return new DomainError(error.code, `The file was refused: ${error.message}`, {
      ...(error.position ?? {}),
    });
  }
  if (error instanceof TmxFormatError) {
    return new DomainError('TMX_INVALID', `Not a TMX file: ${error.message}`);
  }
  return error;
}
