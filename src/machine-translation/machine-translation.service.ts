import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { type GlossaryEntry, runChecks } from '../checks';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { SecretBox } from '../common/secret-box';
import { SingleFlight } from '../common/single-flight';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { ProjectRecord } from '../projects/projects.service';
import { ProjectsService, targetLocaleOrFail } from '../projects/projects.service';
import { stripCodes } from '../segmentation/codes';
import { createProvider } from './adapters';
import { mtDomainError } from './mt-errors';
import { MtConfigDto, MtErrorDto, MtSuggestionDto, PutMtConfigDto } from './mt.dto';
import { MtError, MtProvider, MtProviderName } from './provider';

interface ConfigRow {
  provider: MtProviderName;
  endpoint: string | null;
  apiKey: string | null;
  model: string | null;
  region: string | null;
  locales: string[];
  monthlyCharacterLimit: string | null;
  updatedAt: Date;
}

const CONFIG_COLUMNS = `provider, endpoint, api_key AS "apiKey", model, region, locales,
  monthly_character_limit AS "monthlyCharacterLimit", updated_at AS "updatedAt"`;

/** The current calendar month (UTC), as stored in mt_usage.month. */
const MONTH = `date_trunc('month', now() AT TIME ZONE 'UTC')::date`;

/** Providers that work without a key (self-hosted servers). */
const KEY_OPTIONAL = new Set<MtProviderName>(['libretranslate', 'openai-compatible']);

export interface MtSuggestions {
  mt: MtSuggestionDto[];
  mtError?: MtErrorDto;
}

/**
 * Machine translation per project: an admin's provider settings (the key sealed like webhook
 * secrets), answers cached per (provider, source hash, target locale), characters counted per
 * project and month against an optional limit. Never writes a translation: its answers are
 * suggestions a person edits and saves.
 */
@Injectable()
export class MachineTranslationService {
  private readonly logger = new Logger(MachineTranslationService.name);
  private readonly keys: SecretBox;
  /** One request per project, text and locale at a time: a second asker shares the answer. */
  private readonly inFlight = new SingleFlight<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projects: ProjectsService,
  ) {
    this.keys = new SecretBox(config.secretsKey, 'machine translation api key');
  }

  // ------------------------------------------------------------------ settings

  async getConfig(projectSlug: string): Promise<MtConfigDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const row = await this.configRow(project.id);
    if (!row) throw notFound('Machine translation settings', { project: project.slug });
    return this.toDto(project.id, row);
  }

  async putConfig(actor: Actor, projectSlug: string, dto: PutMtConfigDto): Promise<MtConfigDto> {
    const project = await this.projects.findBySlug(projectSlug);
    const locales = dto.locales.map((code, i) =>
      targetLocaleOrFail(project, `locales[${i}]`, code),
    );
    const endpoint = dto.endpoint ? dto.endpoint.replace(/\/+$/, '') : null;
    if (dto.provider === 'libretranslate' && !endpoint) {
      throw invalidField('endpoint', 'LibreTranslate needs the URL of its server');
    }
    const previous = await this.configRow(project.id);
    // A stored key is kept only for the same provider at the same endpoint: never sent elsewhere.
    const keep =
      previous !== null && previous.provider === dto.provider && previous.endpoint === endpoint;
    const apiKey =
      dto.apiKey !== undefined ? this.keys.seal(dto.apiKey) : keep ? previous.apiKey : null;
    if (!apiKey && !KEY_OPTIONAL.has(dto.provider)) {
      throw invalidField('apiKey', `${dto.provider} needs an API key`);
    }
    const [row] = await this.dataSource.query<ConfigRow[]>(
      `INSERT INTO mt_configs (project_id, provider, endpoint, api_key, model, region, locales,
                               monthly_character_limit, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (project_id) DO UPDATE SET provider = EXCLUDED.provider,
         endpoint = EXCLUDED.endpoint, api_key = EXCLUDED.api_key, model = EXCLUDED.model,
         region = EXCLUDED.region, locales = EXCLUDED.locales,
         monthly_character_limit = EXCLUDED.monthly_character_limit,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${CONFIG_COLUMNS}`,
      [
        project.id,
        dto.provider,
        endpoint,
        apiKey,
        dto.model ?? null,
        dto.region ?? null,
        locales,
        dto.monthlyCharacterLimit ?? null,
        actor.id,
      ],
    );
    return this.toDto(project.id, row);
  }

  async deleteConfig(projectSlug: string): Promise<void> {
    const project = await this.projects.findBySlug(projectSlug);
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM mt_configs WHERE project_id = $1`,
      [project.id],
    );
    if (affected === 0) throw notFound('Machine translation settings', { project: project.slug });
  }

  // ------------------------------------------------------------------ suggestions

  /**
   * Machine translations of `source` into `locale` for the suggestions of a segment: none when
   * the project has no provider for the locale; otherwise the cached answer, or one request
   * (counted against the month's characters). A failure never throws: it comes back as
   * `mtError`, so memory and glossary suggestions are still shown.
   */
  async suggest(
    project: ProjectRecord,
    locale: string,
    source: string,
    glossary: readonly GlossaryEntry[],
  ): Promise<MtSuggestions> {
    const row = await this.configRow(project.id);
    if (!row || !row.locales.includes(locale)) return { mt: [] };
    try {
      const target = await this.translateOne(project, row, locale, source);
      const checks = runChecks({
        source,
        target,
        sourceLocale: project.sourceLocale,
        targetLocale: locale,
        glossary,
      });
      return { mt: [{ provider: row.provider, target, checks }] };
    } catch (error) {
      if (!(error instanceof MtError)) throw error;
      this.logger.warn(`machine translation for ${project.slug}/${locale}: ${error.message}`);
      const mtError: MtErrorDto = { code: error.code, message: error.message };
      if (error.retryAfter !== undefined) mtError.retryAfter = error.retryAfter;
      return { mt: [], mtError };
    }
  }

  /**
   * Pre-translation: the provider's answers for `sources` (distinct texts), from the cache or
   * one request each, counted against the month's characters like suggestions. 409
   * MT_NOT_CONFIGURED when the project has no provider for the locale. A provider failure or
   * the monthly limit stops the run: the answers had so far come back with the failure in
   * `stopped`; a failure before any answer is thrown as the contract's error (mtDomainError).
   */
  async translateAll(
    project: ProjectRecord,
    locale: string,
    sources: readonly string[],
  ): Promise<{ targets: Map<string, string>; stopped: MtErrorDto | null; provider: string }> {
    const row = await this.configRow(project.id);
    if (!row || !row.locales.includes(locale)) {
      throw new DomainError(
        'MT_NOT_CONFIGURED',
        `Machine translation into ${locale} is not set up for ${project.slug}; an admin sets it with PUT /api/projects/${project.slug}/mt.`,
        { locale },
      );
    }
    const targets = new Map<string, string>();
    for (const source of sources) {
      try {
        targets.set(source, await this.translateOne(project, row, locale, source));
      } catch (error) {
        if (!(error instanceof MtError)) throw error;
        this.logger.warn(`pre-translation of ${project.slug}/${locale}: ${error.message}`);
        if (targets.size === 0) throw mtDomainError(error);
        const stopped: MtErrorDto = { code: error.code, message: error.message };
        if (error.retryAfter !== undefined) stopped.retryAfter = error.retryAfter;
        return { targets, stopped, provider: row.provider };
      }
    }
    return { targets, stopped: null, provider: row.provider };
  }

  private async translateOne(
    project: ProjectRecord,
    row: ConfigRow,
    locale: string,
    source: string,
  ): Promise<string> {
    const hash = createHash('sha256').update(`${project.sourceLocale}\u0000${source}`).digest();
    // Answers are shared by projects that use the same provider, server and model.
    const cacheKey = [row.provider, row.endpoint ?? '', row.model ?? ''].join(' ');
    const [cached] = await this.dataSource.query<Array<{ target: string }>>(
      `SELECT target FROM mt_cache WHERE provider = $1 AND source_hash = $2 AND target_locale = $3`,
      [cacheKey, hash, locale],
    );
    if (cached) return cached.target;
    const flight = `${project.id} ${cacheKey} ${hash.toString('hex')} ${locale}`;
    return this.inFlight.run(flight, () =>
      this.request(project, row, locale, source, { cacheKey, hash }),
    );
  }

  /** Asks the provider (counting the characters first) and caches the answer. */
  private async request(
    project: ProjectRecord,
    row: ConfigRow,
    locale: string,
    source: string,
    { cacheKey, hash }: { cacheKey: string; hash: Buffer },
  ): Promise<string> {
    const provider = this.provider(row);
    const characters = stripCodes(source).length;
    await this.reserve(project.id, characters, row.monthlyCharacterLimit);
    let target: string;
    try {
      [target] = await provider.translate([source], project.sourceLocale, locale);
    } catch (error) {
      await this.release(project.id, characters);
      throw error;
    }
    await this.dataSource.query(
      `INSERT INTO mt_cache (provider, source_hash, target_locale, target) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider, source_hash, target_locale) DO UPDATE SET target = EXCLUDED.target,
         created_at = now()`,
      [cacheKey, hash, locale, target],
    );
    return target;
  }

  private provider(row: ConfigRow): MtProvider {
    let apiKey: string | null = null;
    if (row.apiKey) {
      try {
        apiKey = this.keys.open(row.apiKey);
      } catch {
        throw new MtError(
          'MT_AUTH_FAILED',
          'the stored API key cannot be opened (was SECRETS_KEY changed?); an admin must set it again',
        );
      }
    }
    return createProvider({
      provider: row.provider,
      endpoint: row.endpoint,
      apiKey,
      model: row.model,
      region: row.region,
      timeoutMs: this.config.mtTimeoutMs,
    });
  }

  /**
   * Counts `characters` against this month before the request, in one statement, so concurrent
   * requests cannot pass the limit together; over the limit nothing is counted or sent.
   */
  private async reserve(
    projectId: string,
    characters: number,
    limit: string | null,
  ): Promise<void> {
    const rows = await this.dataSource.query<Array<{ characters: string }>>(
      `INSERT INTO mt_usage AS u (project_id, month, characters)
       SELECT $1, ${MONTH}, $2 WHERE $3::bigint IS NULL OR $2 <= $3::bigint
       ON CONFLICT (project_id, month) DO UPDATE SET characters = u.characters + EXCLUDED.characters
         WHERE $3::bigint IS NULL OR u.characters + EXCLUDED.characters <= $3::bigint
       RETURNING characters`,
      [projectId, characters, limit],
    );
    if (rows.length === 0) {
      throw new MtError(
        'MT_QUOTA_EXCEEDED',
        `this project's monthly machine-translation limit of ${limit} characters is reached`,
      );
    }
  }

  /** Gives back the characters of a request the provider did not answer. */
  private async release(projectId: string, characters: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE mt_usage SET characters = GREATEST(characters - $2, 0)
        WHERE project_id = $1 AND month = ${MONTH}`,
      [projectId, characters],
    );
  }

  // ------------------------------------------------------------------ helpers

  private async configRow(projectId: string): Promise<ConfigRow | null> {
    const [row] = await this.dataSource.query<ConfigRow[]>(
      `SELECT ${CONFIG_COLUMNS} FROM mt_configs WHERE project_id = $1`,
      [projectId],
    );
    return row ?? null;
  }

  private async toDto(projectId: string, row: ConfigRow): Promise<MtConfigDto> {
    const [usage] = await this.dataSource.query<Array<{ month: string; characters: string }>>(
      `SELECT to_char(${MONTH}, 'YYYY-MM') AS month,
              COALESCE((SELECT characters FROM mt_usage WHERE project_id = $1 AND month = ${MONTH}), 0)
                AS characters`,
      [projectId],
    );
    return {
      provider: row.provider,
      endpoint: row.endpoint,
      hasApiKey: row.apiKey !== null,
      locales: row.locales,
      monthlyCharacterLimit:
        row.monthlyCharacterLimit === null ? null : Number(row.monthlyCharacterLimit),
      model: row.model,
      region: row.region,
      usage: { month: usage.month, characters: Number(usage.characters) },
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }
}
