import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/permissions';
import { DomainError } from '../../common/domain-error';
import { ProjectsService } from '../../projects/projects.service';
import type { ImportUnitInput, ImportUnitOutcome } from '../../translations/import-units';
import { TranslationsService } from '../../translations/translations.service';
import type { XmlSource } from '../../xml/safe-xml-reader';
import { ImportFormat, ImportRecord, readInterchange } from './readers';
import { ImportResultDto, ImportUnitReportDto } from './interchange-import.dto';
import { asDomainError } from './import-errors';
import { openZipUpload, ZipArchive, ZipRejectedError } from './zip-archive';

/** Entry names a zip of each format may hold (as the project export names them). */
const ZIP_EXTENSIONS: Record<ImportFormat, readonly string[]> = {
  po: ['.po'],
  xliff2: ['.xlf', '.xliff'],
  xliff12: ['.xlf', '.xliff'],
};

/** Largest file an import reads (a 10,000-segment article is about 5 MB in any format). */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
/** Units applied per statement group: what is held in memory at once. */
export const IMPORT_BATCH = 500;
/** Skipped and error items listed in a response at most (the totals count them all). */
export const MAX_LISTED = 10_000;

export interface ImportOptions {
  format: ImportFormat;
  /** Overwrite segments changed since the export: admins only. */
  force?: boolean;
  /** Apply nothing unless every unit applies (else 422 IMPORT_REJECTED, with the report). */
  atomic?: boolean;
  /** Import targets the file marks fuzzy (PO `fuzzy`, XLIFF initial/needs-*) too. */
  includeFuzzy?: boolean;
  /** Called after each batch with the units read so far (the CLI's progress). */
  onProgress?: (units: number) => void;
}

/** Thrown inside the import's transaction to roll an atomic import back. */
class AtomicRollback extends Error {}

/**
 * Import of XLIFF 2.0, XLIFF 1.2 and PO files back into a locale: the file is read as a stream
 * (one unit at a time through the readers), units are classified (no target, fuzzy, broken
 * markup, a duplicate) and the rest applied through TranslationsService.importUnits in batches
 * of IMPORT_BATCH. The whole import is one transaction, so a file refused half-way (malformed,
 * unsafe, over a limit) changes nothing; with `atomic` a unit error rolls everything back too.
 */
@Injectable()
export class InterchangeImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly translations: TranslationsService,
  ) {}

  /** One article: units are matched by id within it; the file's article names are not used. */
  importArticle(
    actor: Actor,
    project: string,
    article: string,
    locale: string,
    body: XmlSource,
    options: ImportOptions,
  ): Promise<ImportResultDto> {
    return this.run(actor, project, locale, article, options, (manager, report, seen) =>
      this.applyFile(manager, actor, project, locale, article, body, options, report, seen),
    );
  }

  /** A whole project: each unit goes to the article its `<file>` (PO header) names. */
  importProject(
    actor: Actor,
    project: string,
    locale: string,
    body: XmlSource,
    options: ImportOptions,
  ): Promise<ImportResultDto> {
    return this.run(actor, project, locale, null, options, (manager, report, seen) =>
      this.applyFile(manager, actor, project, locale, null, body, options, report, seen),
    );
  }

  /**
   * A zip of per-article files (what the project export gives for PO, or for XLIFF with
   * bundle=zip): spooled to a temporary file, its directory checked (names, sizes, ratio), then
   * every entry imported as a per-project file, all in one transaction with one report. The
   * temporary file is deleted whatever happens.
   */
  async importProjectZip(
    actor: Actor,
    project: string,
    locale: string,
    body: AsyncIterable<Uint8Array>,
    options: ImportOptions,
  ): Promise<ImportResultDto> {
    // An unknown project or locale is refused before the body is read.
    this.projects.requireTarget(await this.projects.findBySlug(project), locale);
    let zip: ZipArchive;
    try {
      zip = await openZipUpload(body, IMPORT_MAX_BYTES, ZIP_EXTENSIONS[options.format]);
    } catch (error) {
      throw zipDomainError(error);
    }
    try {
      return await this.run(
        actor,
        project,
        locale,
        null,
        options,
        async (manager, report, seen) => {
          for (const entry of zip.entries) {
            let unreadable: Error | undefined;
            try {
              const stream = await zip.open(entry);
              stream.once('error', (error) => (unreadable = error));
              await this.applyFile(
                manager,
                actor,
                project,
                locale,
                null,
                stream,
                options,
                report,
                seen,
              );
            } catch (error) {
              throw withEntry(error, entry, error === unreadable);
            }
          }
        },
      );
    } finally {
      await zip.close();
    }
  }

  private async run(
    actor: Actor,
    projectSlug: string,
    localeParam: string,
    article: string | null,
    options: ImportOptions,
    apply: (manager: EntityManager, report: ImportReport, seen: SeenUnits) => Promise<void>,
  ): Promise<ImportResultDto> {
    const record = await this.projects.findBySlug(projectSlug);
    const locale = this.projects.requireTarget(record, localeParam);
    if (options.force && actor.role !== 'admin')
      throw new DomainError('FORBIDDEN', 'Only an administrator may force an import.');
    if (article !== null)
      await this.translations.importUnits(null, actor, projectSlug, article, locale, [], {
        force: false,
      });
    const report = new ImportReport();
    try {
      await this.dataSource.transaction(async (manager) => {
        await apply(manager, report, new Map());
        if (options.atomic && report.errorCount > 0) throw new AtomicRollback();
      });
    } catch (error) {
      if (error instanceof AtomicRollback) {
        throw new DomainError(
          'IMPORT_REJECTED',
          `${report.errorCount} unit(s) could not be imported, so none was (atomic import).`,
          { ...report.result(false) },
        );
      }
      throw asDomainError(error);
    }
    return report.result(true);
  }

  private async applyFile(
    manager: EntityManager,
    actor: Actor,
    projectSlug: string,
    locale: string,
    routeArticle: string | null,
    body: XmlSource,
    options: ImportOptions,
    report: ImportReport,
    seen: SeenUnits,
  ): Promise<void> {
    let batch: ImportUnitInput[] = [];
    let batchArticle: string | null = null;
    // One batch is applied while the next is read: parsing overlaps the database's work. At
    // most two batches are held, and the transaction's statements still run one at a time.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async (): Promise<void> => {
      await inFlight;
      if (batch.length === 0 || batchArticle === null) return;
      const units = batch;
      const article = batchArticle;
      batch = [];
      const applying = this.applyBatch(
        manager,
        actor,
        projectSlug,
        article,
        locale,
        units,
        options,
      ).then((outcomes) => {
        report.addAll(outcomes, article);
        options.onProgress?.(report.units);
      });
      // Observed now so a failure is not unhandled while the next batch is read; rethrown below.
      applying.catch(() => undefined);
      inFlight = applying;
    };
    try {
      const records = readInterchange(options.format, body, { maxBytes: IMPORT_MAX_BYTES });
      for await (const unit of records) {
        report.units += 1;
        const article = routeArticle ?? unit.file;
        const refusal = classify(unit, article, options);
        if (refusal) {
          report.add({ ...refusal, id: unit.id, article: article ?? undefined });
          continue;
        }
        const key = article as string;
        let ids = seen.get(key);
        if (!ids) seen.set(key, (ids = new Set()));
        if (ids.has(unit.id)) {
          report.add({
            id: unit.id,
            article: key,
            outcome: 'error',
            code: 'DUPLICATE_UNIT',
            message: 'The file has this unit more than once; only the first was imported.',
          });
          continue;
        }
        ids.add(unit.id);
        if (key !== batchArticle || batch.length >= IMPORT_BATCH) await flush();
        batchArticle = key;
        batch.push({
          id: unit.id,
          source: unit.source,
          target: unit.target as string,
          revision: unit.revision,
        });
      }
      await flush();
      await inFlight;
    } catch (error) {
      // The batch being applied must finish before the transaction rolls back.
      await inFlight.catch(() => undefined);
      throw error;
    }
  }

  private async applyBatch(
    manager: EntityManager,
    actor: Actor,
    projectSlug: string,
    article: string,
    locale: string,
    units: ImportUnitInput[],
    options: ImportOptions,
  ): Promise<ImportUnitOutcome[]> {
    try {
      return await this.translations.importUnits(
        manager,
        actor,
        projectSlug,
        article,
        locale,
        units,
        { force: options.force === true },
      );
    } catch (error) {
      // A per-project file naming an article the project does not have.
      if (error instanceof DomainError && error.code === 'NOT_FOUND' && error.details?.article)
        return units.map((unit) => ({
          id: unit.id,
          outcome: 'skipped',
          code: 'UNKNOWN_SEGMENT',
          message: `The project has no article "${article}".`,
        }));
      throw error;
    }
  }
}

/** Unit ids already read, by article: a unit twice (even in two files of a zip) is DUPLICATE_UNIT. */
type SeenUnits = Map<string, Set<string>>;

function zipDomainError(error: unknown): unknown {
  if (error instanceof ZipRejectedError)
    return new DomainError(error.code, `The zip was refused: ${error.message}`, {
      ...(error.entry !== undefined && { entry: error.entry }),
    });
  return error;
}

/** A refusal while reading one entry of a zip says which entry. */
function withEntry(error: unknown, entry: string, unreadable: boolean): unknown {
  // yauzl fails the entry's stream when its data does not match its header (a lying size).
  if (unreadable)
    return new DomainError(
      'ZIP_INVALID',
      `${entry}: the entry could not be read: ${(error as Error).message}`,
      {
        entry,
      },
    );
  const mapped = asDomainError(error);
  if (mapped instanceof DomainError)
    return new DomainError(mapped.code, `${entry}: ${mapped.message}`, {
      ...mapped.details,
      entry,
    });
  return error;
}

type Refusal = Omit<ImportUnitReportDto, 'id' | 'article'> & { outcome: 'skipped' | 'error' };

/** Why a unit is not applied before the database is asked, or null. */
function classify(
  unit: ImportRecord,
  article: string | null,
  options: ImportOptions,
): Refusal | null {
  if (unit.problem !== null)
    return { outcome: 'error', code: 'INVALID_UNIT', message: unit.problem };
  if (article === null)
    return {
      outcome: 'error',
      code: 'INVALID_UNIT',
      message: 'The unit is in no article: its <file> (or PO header X-TMS-Article) names none.',
    };
  if (unit.target === null || unit.target.trim() === '')
    return { outcome: 'skipped', code: 'EMPTY', message: 'The unit has no translation.' };
  if (unit.fuzzy && !options.includeFuzzy)
    return {
      outcome: 'skipped',
      code: 'NOT_TRANSLATED',
      message:
        'The file marks this translation as not final (fuzzy / needs review); import with ' +
        'includeFuzzy=true to take it anyway.',
    };
  return null;
}

/** The response being built: counts, and the skipped and failed units (up to MAX_LISTED each). */
class ImportReport {
  units = 0;
  private updated = 0;
  private unchanged = 0;
  private readonly skipped: ImportUnitReportDto[] = [];
  private readonly errors: ImportUnitReportDto[] = [];
  private skippedCount = 0;
  errorCount = 0;

  add(item: ImportUnitReportDto & { outcome: 'skipped' | 'error' }): void {
    const { outcome, ...rest } = item;
    const entry = Object.fromEntries(
      Object.entries(rest).filter(([, value]) => value !== undefined),
    ) as unknown as ImportUnitReportDto;
    if (outcome === 'skipped') {
      this.skippedCount += 1;
      if (this.skipped.length < MAX_LISTED) this.skipped.push(entry);
    } else {
      this.errorCount += 1;
      if (this.errors.length < MAX_LISTED) this.errors.push(entry);
    }
  }

  addAll(outcomes: ImportUnitOutcome[], article: string): void {
    for (const outcome of outcomes) {
      if (outcome.outcome === 'updated') this.updated += 1;
      else if (outcome.outcome === 'unchanged') this.unchanged += 1;
      else this.add({ ...outcome, article });
    }
  }

  result(applied: boolean): ImportResultDto {
    return {
      applied,
      units: this.units,
      updated: applied ? this.updated : 0,
      unchanged: this.unchanged,
      skipped: this.skipped,
      errors: this.errors,
      skippedTotal: this.skippedCount,
      errorTotal: this.errorCount,
    };
  }
}
