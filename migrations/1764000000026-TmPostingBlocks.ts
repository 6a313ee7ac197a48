import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Translation-memory posting lists in blocks (issue 17, the million-entry benchmark).
 *
 * tm_postings held one row per (gram, entry): a lookup reading 60,000 postings walked 60,000
 * index tuples and grouped them in SQL, which alone took most of its 50 ms. tm_posting_blocks
 * holds each gram's list as rows of up to 192 entry ids packed into a bytea (8 bytes each,
 * big-endian, as int8send writes them; src/memory/postings.ts), block n holding list positions
 * 192·n onwards. tm_grams.entries, the list's length, says which block an append goes to; its
 * row lock (taken by the upsert that raises it) orders concurrent appends to one list.
 * STORAGE PLAIN: blocks stay in the row (about 1.5 KB), never compressed or moved out.
 */
export class TmPostingBlocks1764000000026 implements MigrationInterface {
  name = 'TmPostingBlocks1764000000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tm_posting_blocks (
        gram bigint NOT NULL,
        block int NOT NULL,
        entries bytea NOT NULL,
        PRIMARY KEY (gram, block)
      )`);
    await q.query(`ALTER TABLE tm_posting_blocks ALTER COLUMN entries SET STORAGE PLAIN`);
    await q.query(`
      INSERT INTO tm_posting_blocks (gram, block, entries)
      SELECT gram, (n - 1) / 192, string_agg(int8send(entry_id), ''::bytea ORDER BY n)
        FROM (SELECT gram, entry_id, row_number() OVER (PARTITION BY gram ORDER BY entry_id) AS n
                FROM tm_postings) p
       GROUP BY gram, (n - 1) / 192`);
    await q.query(`DELETE FROM tm_grams`);
    await q.query(
      `INSERT INTO tm_grams (gram, entries) SELECT gram, count(*) FROM tm_postings GROUP BY gram`,
    );
    await q.query(`DROP TABLE tm_postings`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tm_postings (
        gram bigint NOT NULL,
        entry_id bigint NOT NULL,
        PRIMARY KEY (gram, entry_id)
      )`);
    await q.query(`
      INSERT INTO tm_postings (gram, entry_id)
      SELECT b.gram, ('x' || encode(substring(b.entries FROM i * 8 + 1 FOR 8), 'hex'))::bit(64)::bigint
        FROM tm_posting_blocks b, generate_series(0, length(b.entries) / 8 - 1) AS i
      ON CONFLICT DO NOTHING`);
    await q.query(`DROP TABLE tm_posting_blocks`);
  }
}
