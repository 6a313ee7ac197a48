import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import type { GlossaryEntry } from '../checks';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { canonicalOrFail, ProjectsService, targetLocaleOrFail } from '../projects/projects.service';
import {
  CreateGlossaryTermDto,
  GlossaryImportResultDto,
  GlossaryQuery,
  GlossaryTermDto,
  UpdateGlossaryTermDto,
} from './glossary.dto';
import { matchTerms, normalizeTerm } from './term-matcher';
import { CsvSyntaxError } from './csv';
import {
  GlossaryCsvError,
  GlossaryCsvRow,
  LineError,
  readGlossaryCsv,
  writeGlossaryCsv,
} from './glossary-csv';

/** Rows per INSERT of a CSV import (nine parameters each, far below PostgreSQL's limit). */
const IMPORT_CHUNK = 1_000;

const CHECK_CACHE_MS = 5_000;

/** A glossary entry as the checks and the suggestions need it. */
export interface GlossaryRecord extends GlossaryEntry {
  translation: string;
  doNotTranslate: boolean;
  caseSensitive: boolean;
  note: string | null;
}

const TERM_COLUMNS = `
  g.id, g.term, g.locale, g.translation, g.do_not_translate AS "doNotTranslate",
  g.case_sensitive AS "caseSensitive", g.note,
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "createdBy",
  g.created_at AS "createdAt", g.updated_at AS "updatedAt"`;

/**
 * Project glossaries: source terms with their translation per target locale. Admins maintain
 * them (project configuration); members read them. Other modules use `entriesFor` (quality
 * checks on save, suggestions) and `sourceTerms` (change risk when the English changes).
 */
@Injectable()
export class GlossaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  async list(projectSlug: string, query: GlossaryQuery): Promise<GlossaryTermDto[]> {
    const project = await this.projects.findBySlug(projectSlug);
    const locale = query.locale === undefined ? null : canonicalOrFail('locale', query.locale);
    return this.dataSource.query<GlossaryTermDto[]>(
      `SELECT ${TERM_COLUMNS}
         FROM glossary_terms g LEFT JOIN users u ON u.id = g.created_by
        WHERE g.project_id = $1 AND ($2::text IS NULL OR g.locale = $2)
        ORDER BY lower(g.term), g.locale, g.id`,
      [project.id, locale],
    );
  }

  /** The glossary (or one locale of it) as CSV, in the order of `list`. */
  async exportCsv(projectSlug: string, query: GlossaryQuery): Promise<string> {
    return writeGlossaryCsv(await this.list(projectSlug, query));
  }

  /**
   * Adds or changes entries from CSV, keyed by term (any letter case) and locale. Per record: a
   * record that fails validation (as the create route validates), names a locale that is not a
   * target of the project, or repeats an earlier record's term and locale is reported by its
   * line and left out; all the others are applied together in one transaction. A record equal to
   * its entry changes nothing and is not counted. A file that cannot be read as CSV, or whose
   * header is wrong, is refused whole with 400.
   */
  async importCsv(
    actor: Actor,
    projectSlug: string,
    text: string,
  ): Promise<GlossaryImportResultDto> {
    const project = await this.projects.findBySlug(projectSlug);
    let file;
    try {
      file = readGlossaryCsv(text);
    } catch (error) {
      if (!(error instanceof GlossaryCsvError || error instanceof CsvSyntaxError)) throw error;
      const message =
        error instanceof GlossaryCsvError ? `line ${error.line}: ${error.message}` : error.message;
      throw new DomainError('VALIDATION_FAILED', `The CSV cannot be read: ${message}`, {
        errors: [{ field: 'body', messages: [message] }],
        line: error.line,
      });
    }
    const errors: LineError[] = [...file.errors];
    const seen = new Map<string, number>();
    const rows: GlossaryCsvRow[] = [];
    for (const row of file.rows) {
      let locale: string;
      try {
        canonicalOrFail('locale', row.entry.locale);
        locale = targetLocaleOrFail(project, 'locale', row.entry.locale);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({ line: row.line, message: `${error.message}.` });
        continue;
      }
      const key = `${row.entry.term.toLowerCase()}\u0000${locale}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({
          line: row.line,
          message: `"${row.entry.term}" for ${locale} is on line ${first} already.`,
        });
        continue;
      }
      seen.set(key, row.line);
      rows.push({ line: row.line, entry: { ...row.entry, locale } });
    }
    errors.sort((a, b) => a.line - b.line);

    let created = 0;
    let updated = 0;
    await this.dataSource.transaction(async (manager) => {
      for (let at = 0; at < rows.length; at += IMPORT_CHUNK) {
        const chunk = rows.slice(at, at + IMPORT_CHUNK).map((r) => r.entry);
        const result = await manager.query<Array<{ inserted: boolean }>>(
          `INSERT INTO glossary_terms AS g
             (project_id, term, locale, translation, do_not_translate, case_sensitive, note, created_by)
           SELECT $1, t.term, t.locale, t.translation, t.dnt, t.cs, t.note, $2
             FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[], $8::text[])
                  AS t(term, locale, translation, dnt, cs, note)
           ON CONFLICT (project_id, lower(term), locale) DO UPDATE
              SET term = EXCLUDED.term, translation = EXCLUDED.translation,
                  do_not_translate = EXCLUDED.do_not_translate,
                  case_sensitive = CASE WHEN $9 THEN EXCLUDED.case_sensitive ELSE g.case_sensitive END,
                  note = EXCLUDED.note, updated_at = now()
            WHERE (g.term, g.translation, g.do_not_translate, g.note,
                   CASE WHEN $9 THEN g.case_sensitive ELSE false END)
                  IS DISTINCT FROM
                  (EXCLUDED.term, EXCLUDED.translation, EXCLUDED.do_not_translate, EXCLUDED.note,
                   CASE WHEN $9 THEN EXCLUDED.case_sensitive ELSE false END)
           RETURNING (xmax = 0) AS inserted`,
          [
            project.id,
            actor.id,
            chunk.map((e) => e.term),
            chunk.map((e) => e.locale),
            chunk.map((e) => e.translation),
            chunk.map((e) => e.doNotTranslate),
            chunk.map((e) => e.caseSensitive),
            chunk.map((e) => e.note),
            file.hasCaseSensitive,
          ],
        );
        for (const row of result) {
          if (row.inserted) created++;
          else updated++;
        }
      }
    });
    return { created, updated, errors };
  }

  async create(
    actor: Actor,
    projectSlug: string,
    dto: CreateGlossaryTermDto,
  ): Promise<GlossaryTermDto> {
    const project = await this.projects.findBySlug(projectSlug);
    canonicalOrFail('locale', dto.locale); // an unknown tag is named as such
    const locale = targetLocaleOrFail(project, 'locale', dto.locale);
    const term = normalizeTerm(dto.term);
    if (term === '') throw invalidField('term', 'term should not be blank');
    const doNotTranslate = dto.doNotTranslate ?? false;
    const translation = dto.translation?.trim() || (doNotTranslate ? term : '');
    if (translation === '') throw invalidField('translation', 'translation should not be blank');
    const note = dto.note?.trim() || null;
    const caseSensitive = dto.caseSensitive ?? false;

    const [row] = await this.dataSource.query<Array<{ id: string; createdAt: Date }>>(
      `INSERT INTO glossary_terms
         (project_id, term, locale, translation, do_not_translate, case_sensitive, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (project_id, lower(term), locale) DO NOTHING
       RETURNING id, created_at AS "createdAt"`,
      [project.id, term, locale, translation, doNotTranslate, caseSensitive, note, actor.id],
    );
    if (!row) throw await this.termExists(this.dataSource.manager, project, term, locale);
    return {
      id: row.id,
      term,
      locale,
      translation,
      doNotTranslate,
      caseSensitive,
      note,
      createdBy: { id: actor.id, name: actor.name },
      createdAt: row.createdAt,
      updatedAt: null,
    };
  }

  /**
   * Changes an entry: the fields given, merged onto the stored ones, must make a valid entry as
   * create would accept it; renaming it onto another entry's term and locale is 409
   * GLOSSARY_TERM_EXISTS.
   */
  async update(
    projectSlug: string,
    id: string,
    dto: UpdateGlossaryTermDto,
  ): Promise<GlossaryTermDto> {
    const project = await this.projects.findBySlug(projectSlug);
    let locale: string | undefined;
    if (dto.locale !== undefined) {
      canonicalOrFail('locale', dto.locale); // an unknown tag is named as such
      locale = targetLocaleOrFail(project, 'locale', dto.locale);
    }
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query<GlossaryTermDto[]>(
        `SELECT ${TERM_COLUMNS}
           FROM glossary_terms g LEFT JOIN users u ON u.id = g.created_by
          WHERE g.project_id = $1 AND g.id = $2 FOR UPDATE OF g`,
        [project.id, id],
      );
      if (!current) throw notFound('Glossary term', { project: projectSlug, id });
      const term = dto.term === undefined ? current.term : normalizeTerm(dto.term);
      if (term === '') throw invalidField('term', 'term should not be blank');
      const doNotTranslate = dto.doNotTranslate ?? current.doNotTranslate;
      const followsTerm =
        doNotTranslate && (!current.doNotTranslate || current.translation === current.term);
      const translation =
        dto.translation !== undefined
          ? dto.translation.trim()
          : followsTerm
            ? term
            : current.translation;
      if (translation === '') throw invalidField('translation', 'translation should not be blank');
      const note = dto.note === undefined ? current.note : dto.note?.trim() || null;
      const next = {
        ...current,
        term,
        locale: locale ?? current.locale,
        translation,
        doNotTranslate,
        caseSensitive: dto.caseSensitive ?? current.caseSensitive,
        note,
      };
      const clash = await manager.query<unknown[]>(
        `SELECT 1 FROM glossary_terms
          WHERE project_id = $1 AND lower(term) = lower($2) AND locale = $3 AND id <> $4`,
        [project.id, next.term, next.locale, id],
      );
      if (clash.length > 0) throw await this.termExists(manager, project, next.term, next.locale);
      // An UPDATE answers [rows, count].
      const [[row]] = await manager.query<[Array<{ updatedAt: Date }>, number]>(
        `UPDATE glossary_terms
            SET term = $3, locale = $4, translation = $5, do_not_translate = $6,
                case_sensitive = $7, note = $8, updated_at = now()
          WHERE project_id = $1 AND id = $2
          RETURNING updated_at AS "updatedAt"`,
        [
          project.id,
          id,
          next.term,
          next.locale,
          next.translation,
          next.doNotTranslate,
          next.caseSensitive,
          next.note,
        ],
      );
      return { ...next, updatedAt: row.updatedAt };
    });
  }

  private async termExists(
    manager: EntityManager,
    project: { id: string; slug: string },
    term: string,
    locale: string,
  ): Promise<DomainError> {
    const [existing] = await manager.query<Array<{ id: string; term: string }>>(
      `SELECT id, term FROM glossary_terms WHERE project_id = $1 AND lower(term) = lower($2) AND locale = $3`,
      [project.id, term, locale],
    );
    return new DomainError(
      'GLOSSARY_TERM_EXISTS',
      `The glossary of ${project.slug} has "${existing?.term ?? term}" for ${locale} already.`,
      { id: existing?.id ?? null, term: existing?.term ?? term, locale },
    );
  }

  async remove(projectSlug: string, id: string): Promise<void> {
    const project = await this.projects.findBySlug(projectSlug);
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM glossary_terms WHERE project_id = $1 AND id = $2`,
      [project.id, id],
    );
    if (affected === 0) throw notFound('Glossary term', { project: projectSlug, id });
  }

  /**
   * The project's entries for one target locale (canonical code), for the GLOSSARY quality check
   * (`runChecks({ ..., glossary })`) and for suggestions. One indexed query, nothing cached, so
   * every replica sees a new or deleted term at once.
   */
  async entriesFor(
    projectId: string,
    locale: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GlossaryRecord[]> {
    return manager.query<GlossaryRecord[]>(
      `SELECT term, translation, do_not_translate AS "doNotTranslate",
              case_sensitive AS "caseSensitive", note
         FROM glossary_terms WHERE project_id = $1 AND locale = $2
        ORDER BY lower(term)`,
      [projectId, locale],
    );
  }

  private readonly checkCache = new Map<
    string,
    { at: number; entries: Promise<GlossaryRecord[]> }
  >();

  /**
   * `entriesFor` for the GLOSSARY check on every save, cached per process for a few seconds:
   * the check only warns, so a term added a moment ago may be missed briefly, while saves keep
   * their two round trips.
   */
  entriesForChecks(projectId: string, locale: string): Promise<GlossaryRecord[]> {
    const key = `${projectId}|${locale}`;
    const now = Date.now();
    const hit = this.checkCache.get(key);
    if (hit && now - hit.at < CHECK_CACHE_MS) return hit.entries;
    const entries = this.entriesFor(projectId, locale);
    this.checkCache.set(key, { at: now, entries });
    entries.catch(() => this.checkCache.delete(key));
    if (this.checkCache.size > 10_000) this.checkCache.clear();
    return entries;
  }

  /**
   * The distinct source terms of the project, whatever the locale: a change in the English that
   * adds or removes one of them is a `clinical` change.
   */
  async sourceTerms(
    projectId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<Array<{ term: string }>>(
      `SELECT DISTINCT ON (lower(term)) term FROM glossary_terms
        WHERE project_id = $1 ORDER BY lower(term), term`,
      [projectId],
    );
    return rows.map((r) => r.term);
  }

  /** The project's source terms that occur in `texts` (a superset: see below). */
  async sourceTermsIn(
    projectId: string,
    texts: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const terms = await this.sourceTerms(projectId, manager);
    if (terms.length === 0) return [];
    // One pass per term over all texts; a term spanning two texts may slip through, and plurals
    // count in any source language, which only costs the change-risk check a little more work.
    const found = new Set(
      matchTerms(
        texts.join('\n'),
        terms.map((term) => ({ term })),
        { inflect: true },
      ).map((m) => m.entry.term),
    );
    return terms.filter((term) => found.has(term));
  }
}
