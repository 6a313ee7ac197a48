import type { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

/**
 * The `tms` command. Subcommands load only what they need: `segment` touches neither the
 * database nor Redis, so it can check segmentation anywhere.
 */

/** Bad input: one line on standard error, exit code 2. */
class UsageError extends Error {}

/** The command ran but some of its items failed (already reported): exit code 1. */
class PartialFailure extends Error {}

function readInput(file: string | undefined): string {
  try {
    const buffer = file === undefined || file === '-' ? readFileSync(0) : readFileSync(file);
    return buffer.toString('utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file ?? 'standard input'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function parseLocale(value: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical;
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a BCP 47 locale tag`);
  }
}

async function segmentCommand(
  file: string | undefined,
  options: { locale: string; format: string },
): Promise<void> {
  const { segmentDocument, SegmentationError } = await import('./segmentation');
  const { canonicalLocale } = await import('./languages/language-catalog');
  if (!['text', 'markdown', 'html'].includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}" (use text, markdown or html)`);
  }
  const content = readInput(file);
  try {
    const { segments } = segmentDocument({
      content,
      format: options.format as 'text' | 'markdown' | 'html',
      locale: canonicalLocale(options.locale) ?? options.locale,
    });
    const out = segments.map((s) => ({ position: s.position, kind: s.kind, text: s.text }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } catch (error) {
    if (error instanceof SegmentationError) throw new UsageError(`${error.code}: ${error.message}`);
    throw error;
  }
}

async function withAppContext<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('./app.module');
  const { configOrExit, preflight } = await import('./startup');
  const config = configOrExit();
  await preflight(config, { migrate: true });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { api: false, worker: false }),
    { logger: ['error'] },
  );
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function migrateCommand(): Promise<void> {
  const { configOrExit, preflight, runMigrations } = await import('./startup');
  const config = configOrExit();
  await preflight(config, { migrate: false });
  const ran = await runMigrations(config.databaseUrl);
  process.stdout.write(ran.length === 0 ? 'No pending migrations.\n' : `Ran ${ran.join(', ')}\n`);
}

async function seedCommand(): Promise<void> {
  const { AuthService } = await import('./auth/auth.service');
  const { seedDemo } = await import('./demo/seed-entry');
  await withAppContext(async (app) => {
    const admin = await app.get(AuthService).ensureAdmin();
    if (admin.generatedPassword)
      process.stdout.write(
        `Admin ${admin.email} password (shown once): ${admin.generatedPassword}\n`,
      );
    await seedDemo(app, (line) => process.stdout.write(line + '\n'));
  });
}

async function userCreateCommand(options: {
  email: string;
  name: string;
  role: string;
  password?: string;
}): Promise<void> {
  if (!['admin', 'member'].includes(options.role))
    throw new UsageError(`role must be admin or member (got "${options.role}")`);
  const { randomBytes } = await import('node:crypto');
  const { AuthService } = await import('./auth/auth.service');
  const { DomainError } = await import('./common/domain-error');
  const password = options.password ?? randomBytes(12).toString('base64url');
  if (password.length < 8) throw new UsageError('password must be at least 8 characters');
  await withAppContext(async (app) => {
    try {
      const user = await app.get(AuthService).createUser({
        email: options.email.trim().toLowerCase(),
        name: options.name,
        password,
        role: options.role as 'admin' | 'member',
      });
      process.stdout.write(`Created ${user.role} ${user.email} (${user.id})\n`);
      if (options.password === undefined)
        process.stdout.write(`Password (shown once): ${password}\n`);
    } catch (error) {
      if (error instanceof DomainError) throw new UsageError(error.message);
      throw error;
    }
  });
}

interface ExportOptions {
  project: string;
  article?: string;
  articles?: string;
  locale: string;
  format: string;
  state?: string;
  bundle?: string;
  output?: string;
}

/**
 * Writes an export to standard output (or --output), with a progress line on standard error
 * when it is a terminal and a table of the files, segments and words at the end.
 */
async function exportCommand(options: ExportOptions): Promise<void> {
  const { validateSync } = await import('class-validator');
  const { plainToInstance } = await import('class-transformer');
  const { ProjectExportQuery } = await import('./interchange/interchange.dto');
  const query = plainToInstance(ProjectExportQuery, {
    format: options.format,
    state: options.state,
    articles: options.articles,
    bundle: options.bundle,
  });
  const [invalid] = validateSync(query);
  if (invalid) throw new UsageError(Object.values(invalid.constraints ?? {}).join('; '));
  if (options.article && (options.articles || options.bundle))
    throw new UsageError('--article exports one article: --articles and --bundle are for projects');
  const { createWriteStream } = await import('node:fs');
  const { pipeline } = await import('node:stream/promises');
  const { Transform } = await import('node:stream');
  const { InterchangeService } = await import('./interchange/interchange.service');
  const { DomainError } = await import('./common/domain-error');
  const { progressLine, summaryTable } = await import('./interchange/export-report');
  await withAppContext(async (app) => {
    const interchange = app.get(InterchangeService);
    const download = await (
      options.article
        ? interchange.exportArticle(options.project, options.article, options.locale, query)
        : interchange.exportProject(options.project, options.locale, query)
    ).catch((error: unknown) => {
      throw error instanceof DomainError ? new UsageError(error.message) : error;
    });
    const terminal = process.stderr.isTTY === true;
    const done = (): number => download.files.reduce((sum, f) => sum + f.segments, 0);
    const progress = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        if (terminal) process.stderr.write(`\r${progressLine(done(), download.segments)}`);
        callback(null, chunk);
      },
    });
    const output = options.output ? createWriteStream(options.output) : process.stdout;
    await pipeline(download.body, progress, output, { end: output !== process.stdout });
    if (terminal) process.stderr.write(`\r${progressLine(done(), download.segments)}\n`);
    process.stderr.write(summaryTable(download.files));
  });
}

/** The rest of a DomainError-coded failure as one line for the user (exit 2). */
async function asUsageError(error: unknown): Promise<unknown> {
  const { DomainError } = await import('./common/domain-error');
  return error instanceof DomainError ? new UsageError(`${error.code}: ${error.message}`) : error;
}

async function tmImportCommand(file: string, options: { project?: string }): Promise<void> {
  const { createReadStream, statSync } = await import('node:fs');
  const { progressOnStderr } = await import('./cli-progress');
  const { TmxService } = await import('./memory/tmx.service');
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  await withAppContext(async (app) => {
    const progress = progressOnStderr(size);
    let bytes = 0;
    let units = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        progress.update(bytes, `${units} units`);
        yield chunk;
      }
    }
    try {
      const result = await app.get(TmxService).import(counted(), {
        project: options.project,
        onProgress: (read) => (units = read),
      });
      progress.finish();
      for (const problem of result.errors) {
        process.stderr.write(`unit ${problem.unit}: ${problem.message}\n`);
      }
      process.stdout.write(
        `Imported ${result.imported} entries from ${result.units} units ` +
          `(${result.duplicates} duplicates, ${result.skipped} units skipped)\n`,
      );
    } catch (error) {
      progress.finish();
      throw await asUsageError(error);
    }
  });
}

async function tmExportCommand(options: {
  source: string;
  target: string;
  project?: string;
}): Promise<void> {
  const { progressOnStderr } = await import('./cli-progress');
  const { TmxService } = await import('./memory/tmx.service');
  await withAppContext(async (app) => {
    const progress = progressOnStderr(undefined, (units) => `${units} units`);
    let written = 0;
    try {
      const pieces = await app.get(TmxService).export(null, options, (units) => {
        written = units;
        progress.update(units);
      });
      for await (const piece of pieces) {
        if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
      }
    } catch (error) {
      progress.finish();
      throw await asUsageError(error);
    }
    progress.finish();
    process.stderr.write(`Exported ${written} units\n`);
  });
}

interface ImportCommandOptions {
  project: string;
  article?: string;
  locale: string;
  format: string;
  user?: string;
  force?: boolean;
  atomic?: boolean;
  includeFuzzy?: boolean;
}

/** The user an import is made as: `--user`, else the oldest active administrator. */
async function importingActor(
  app: INestApplicationContext,
  email: string | undefined,
): Promise<import('./auth/permissions').Actor> {
  const { AuthService } = await import('./auth/auth.service');
  const auth = app.get(AuthService);
  const users = await auth.listUsers();
  const user = email
    ? users.find((u) => u.email === email.trim().toLowerCase() && u.active)
    : users
        .filter((u) => u.role === 'admin' && u.active)
        .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())[0];
  const actor = user ? await auth.loadActor(user.id) : null;
  if (!actor)
    throw new UsageError(email ? `no active user ${email}` : 'no active administrator: use --user');
  return actor;
}

/**
 * `tms import`: translations from an XLIFF 2.0, XLIFF 1.2 or PO file into one article
 * (--article) or into the articles the file names, as the API's import does, made as --user
 * (who needs the translator role for the locale, as on the API). Progress in bytes on a
 * terminal, a summary table at the end; exit 1 when some unit had an error.
 */
async function importCommand(file: string, options: ImportCommandOptions): Promise<void> {
  const { createReadStream, statSync } = await import('node:fs');
  const { progressOnStderr } = await import('./cli-progress');
  const { IMPORT_FORMATS } = await import('./interchange/import/readers/record');
  const { InterchangeImportService } =
    await import('./interchange/import/interchange-import.service');
  const { importSummary } = await import('./interchange/import/import-summary');
  const { Action, can } = await import('./auth/permissions');
  const { DomainError } = await import('./common/domain-error');
  const format = IMPORT_FORMATS.find((f) => f === options.format);
  if (!format)
    throw new UsageError(`unknown format "${options.format}" (use ${IMPORT_FORMATS.join(', ')})`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  const failed = await withAppContext(async (app) => {
    const actor = await importingActor(app, options.user);
    if (
      !can(actor, Action.TranslateSegment, { projectSlug: options.project, locale: options.locale })
    )
      throw new UsageError(
        `${actor.email} may not translate ${options.project} into ${options.locale}`,
      );
    const progress = progressOnStderr(size);
    let bytes = 0;
    let units = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        progress.update(bytes, `${units} units`);
        yield chunk;
      }
    }
    const imports = app.get(InterchangeImportService);
    const importOptions = {
      format,
      force: options.force === true,
      atomic: options.atomic === true,
      includeFuzzy: options.includeFuzzy === true,
      onProgress: (read: number) => (units = read),
    };
    try {
      const result = options.article
        ? await imports.importArticle(
            actor,
            options.project,
            options.article,
            options.locale,
            counted(),
            importOptions,
          )
        : await imports.importProject(
            actor,
            options.project,
            options.locale,
            counted(),
            importOptions,
          );
      progress.finish();
      process.stdout.write(importSummary(result));
      return result.errorTotal > 0;
    } catch (error) {
      progress.finish();
      if (error instanceof DomainError && error.code === 'IMPORT_REJECTED' && error.details) {
        process.stdout.write(
          importSummary(error.details as unknown as Parameters<typeof importSummary>[0]),
        );
      }
      throw await asUsageError(error);
    }
  });
  if (failed) throw new PartialFailure('some units could not be imported (listed above)');
}

export function buildProgram(): Command {
  const program = new Command('tms')
    .description(
      'Translation management server: run migrations, seed demo content, manage users, export files for translation tools, check segmentation.',
    )
    .exitOverride();

  program.command('migrate').description('run pending database migrations').action(migrateCommand);

  program
    .command('seed')
    .description('create the admin and, on an empty database, the demo project')
    .action(seedCommand);

  program
    .command('user')
    .description('manage users')
    .command('create')
    .description('create a user (prints a generated password when --password is not given)')
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', 'admin or member', 'member')
    .option('--password <password>', 'password (at least 8 characters)')
    .action(userCreateCommand);

  program
    .command('segment')
    .description('split a document into segments and print them as JSON (needs no database)')
    .argument('[file]', 'file to read (standard input when absent or "-")')
    .requiredOption(
      '--locale <code>',
      'source language, a BCP 47 tag such as en, es, zh-Hans',
      parseLocale,
    )
    .option('--format <format>', 'text, markdown or html', 'text')
    .action(segmentCommand);

  program
    .command('export')
    .description(
      'export an article, or articles of a project, in one locale for a translation tool ' +
        '(the file goes to standard output unless --output is given)',
    )
    .requiredOption('--project <slug>', 'project')
    .option('--article <slug>', 'one article (default: every article of the project)')
    .option('--articles <slugs>', 'comma-separated articles of the project')
    .requiredOption('--locale <code>', 'target locale, e.g. es', parseLocale)
    .requiredOption('--format <format>', 'xliff2, xliff12, po or i18next')
    .option('--state <states>', 'comma-separated states, e.g. untranslated,fuzzy')
    .option('--bundle <bundle>', 'file (one XLIFF) or zip, for a project export')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(exportCommand);

  const tm = program
    .command('tm')
    .description('import and export the translation memory (TMX 1.4)');
  tm.command('import')
    .description('import a TMX file into the translation memory (progress on a terminal)')
    .argument('<file>', 'the TMX file')
    .option('--project <slug>', "into this project's memory (default: everybody's)")
    .action(tmImportCommand);
  tm.command('export')
    .description('write the translation memory of a locale pair as TMX to standard output')
    .requiredOption('--source <code>', 'source locale, e.g. en')
    .requiredOption('--target <code>', 'target locale, e.g. es')
    .option('--project <slug>', "only this project's entries")
    .action(tmExportCommand);

  program
    .command('import')
    .description(
      'import translations from an XLIFF 2.0, XLIFF 1.2 or PO file (progress on a terminal, ' +
        'a summary table at the end)',
    )
    .argument('<file>', 'the file')
    .requiredOption('--project <slug>', 'project')
    .option('--article <slug>', 'one article (default: the articles the file names)')
    .requiredOption('--locale <code>', 'target locale, e.g. es')
    .requiredOption('--format <format>', 'xliff2, xliff12 or po')
    .option('--user <email>', 'import as this user (default: the oldest administrator)')
    .option('--force', 'overwrite segments changed since the export (administrators)')
    .option('--atomic', 'apply nothing unless every unit applies')
    .option('--include-fuzzy', 'also import targets the file marks fuzzy / not final')
    .action(importCommand);

  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit with 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`tms: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PartialFailure) {
      process.stderr.write(`tms: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`tms: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void run(process.argv).then((code) => process.exit(code));
}
