import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ReviewLineage1764000000016 } from '../migrations/1764000000016-ReviewLineage';
import { MIGRATIONS } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source';
import { runMigrations } from '../src/startup';
import { dropDatabase, runPrefix, urlFor, withAdminClient } from './support/db';

/**
 * Translations carried before migration 1764000000016 recorded the new English as the English
 * they were written against, and no link to the row they came from. The migration repairs both
 * where the data allows, so such a draft shows its real change (and its history) once deployed.
 */
describe('migration 1764000000016: carried translations written before it (e2e)', () => {
  const database = `${runPrefix()}_lineage_${process.pid}`;
  const url = urlFor(database);
  let db: Client;

  beforeAll(async () => {
    await withAdminClient(async (c) => {
      await dropDatabase(c, database);
      await c.query(`CREATE DATABASE "${database}"`);
    });
    // Every migration but this one, as a database deployed before it would have.
    const older = new DataSource({
      ...dataSourceOptions(url),
      migrations: MIGRATIONS.filter((m) => m !== ReviewLineage1764000000016),
      logging: false,
    });
    await older.initialize();
    await older.runMigrations({ transaction: 'each' });
    await older.destroy();
    db = new Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await withAdminClient((c) => dropDatabase(c, database));
  });

  it('gives an unsaved draft the English it was carried from and links it to its predecessor', async () => {
    const V1 = 'Take the tablet with water.';
    const V2 = 'Do not take the tablet with water.';
    const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
    const user = (
      await q(
        `INSERT INTO users (email, name, password_hash) VALUES ('old@test.local', 'Old', 'x') RETURNING id`,
      )
    ).rows[0].id as string;
    const project = (
      await q(
        `INSERT INTO projects (slug, name, source_locale) VALUES ('old', 'Old', 'en') RETURNING id`,
      )
    ).rows[0].id as string;
    const article = (
      await q(
        `INSERT INTO articles (project_id, slug, current_version) VALUES ($1, 'tablet', 2) RETURNING id`,
        [project],
      )
    ).rows[0].id as string;
    for (const [version, text, key, previousKey] of [
      [1, V1, 'k1', null],
      [2, V2, 'k2', 'k1'],
    ] as const) {
      const versionId = (
        await q(
          `INSERT INTO source_versions (article_id, version, title, format, content, content_hash, tree, segment_count)
           VALUES ($1, $2, 'T', 'text', $3, $4, '{}', 1) RETURNING id`,
          [article, version, text, `h${version}`],
        )
      ).rows[0].id as string;
      await q(
        `INSERT INTO source_segments (version_id, position, key, kind, text, relation, previous_key, previous_source, change_risk, words)
         VALUES ($1, 1, $2, 'paragraph', $3, $4, $5, $6, $7, 6)`,
        [
          versionId,
          key,
          text,
          previousKey ? 'changed' : 'added',
          previousKey,
          previousKey ? V1 : null,
          previousKey ? 'clinical' : null,
        ],
      );
    }
    // v1: saved (1) and approved (2); then carried to v2 the old way; later the v1 sentence
    // came back and got a revision 3 that is not part of k2's past.
    await q(
      `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin, source_version, source_text, translated_by)
       VALUES ($1, 'es', 'k1', 'Tome el comprimido con agua.', 'approved', 3, 'human', 1, $2, $3)`,
      [article, V1, user],
    );
    await q(
      `INSERT INTO translations (article_id, locale, segment_key, target, state, revision, origin, source_version, source_text, previous_source)
       VALUES ($1, 'es', 'k2', 'Tome el comprimido con agua.', 'fuzzy', 1, 'carried', 2, $2, $3)`,
      [article, V2, V1],
    );
    const revision = (key: string, n: number, action: string, at: string, text: string) =>
      q(
        `INSERT INTO translation_revisions (article_id, locale, segment_key, revision, target, state, origin, source_version, source_text, action, created_at)
         VALUES ($1, 'es', $2, $3, 'Tome el comprimido con agua.', 'approved', 'human', $7, $4, $5, $6)`,
        [article, key, n, text, action, at, key === 'k2' ? 2 : 1],
      );
    await revision('k1', 1, 'save', '2026-01-01T10:00:00Z', V1);
    await revision('k1', 2, 'approve', '2026-01-01T11:00:00Z', V1);
    await revision('k2', 1, 'carried', '2026-01-02T10:00:00Z', V2);
    await revision('k1', 3, 'save', '2026-01-03T10:00:00Z', V1);

    expect(await runMigrations(url)).toEqual(['ReviewLineage1764000000016']);
    const { rows } = await q(
      `SELECT segment_key, source_text, predecessor_key, predecessor_revision FROM translations
        ORDER BY segment_key`,
    );
    expect(rows).toEqual([
      { segment_key: 'k1', source_text: V1, predecessor_key: null, predecessor_revision: null },
      { segment_key: 'k2', source_text: V1, predecessor_key: 'k1', predecessor_revision: 2 },
    ]);
  });
});
