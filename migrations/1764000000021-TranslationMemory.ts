import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The translation memory (issue 17 points 1 and 2).
 *
 * - tm_entries: one row per approved (source, target) of an origin segment and target locale.
 *   A later approval of another target marks the earlier rows `current = false` (kept, ranked
 *   lower); re-approving the same text updates its row. `source_hash` is the SHA-256 of the
 *   normalised source (exact matches); `previous_hash`/`next_hash` those of the neighbouring
 *   source segments when it was approved (context matches). Entries without an origin
 *   (imports) have no project.
 * - tm_postings: for every entry, the hashes of its adjacent token pairs (src/memory/
 *   matching.ts `grams`, the locale pair hashed in): candidate generation reads the posting
 *   lists of the query's rarest pairs instead of scanning. No foreign key: entries are never
 *   deleted but with their project, and a lookup joins the entries anyway.
 * - tm_grams: how many entries each gram has (its posting list's length), to pick the rarest.
 * - projects.shared_memory: the project's entries are visible to every user.
 */
export class TranslationMemory1764000000021 implements MigrationInterface {
  name = 'TranslationMemory1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN shared_memory boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE tm_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_locale text NOT NULL,
        target_locale text NOT NULL,
        source text NOT NULL,
        normalized_source text NOT NULL,
        source_hash bytea NOT NULL,
        target text NOT NULL,
        target_hash bytea NOT NULL,
        project_id uuid REFERENCES projects(id) ON DELETE CASCADE,
        article_id uuid REFERENCES articles(id) ON DELETE CASCADE,
        segment_key text,
        approver_id uuid REFERENCES users(id) ON DELETE SET NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        current boolean NOT NULL DEFAULT true,
        previous_hash bytea,
        next_hash bytea
      )`);
    await q.query(
      `CREATE INDEX tm_entries_exact_idx ON tm_entries (source_locale, target_locale, source_hash)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX tm_entries_origin_idx
         ON tm_entries (article_id, segment_key, target_locale, source_hash, target_hash)`,
    );
    await q.query(`CREATE INDEX tm_entries_project_idx ON tm_entries (project_id)`);
    await q.query(`
      CREATE TABLE tm_postings (
        gram bigint NOT NULL,
        entry_id bigint NOT NULL,
        PRIMARY KEY (gram, entry_id)
      )`);
    await q.query(`
      CREATE TABLE tm_grams (
        gram bigint PRIMARY KEY,
        entries int NOT NULL CHECK (entries >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tm_grams`);
    await q.query(`DROP TABLE tm_postings`);
    await q.query(`DROP TABLE tm_entries`);
    await q.query(`ALTER TABLE projects DROP COLUMN shared_memory`);
  }
}
