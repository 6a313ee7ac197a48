import { MigrationInterface, QueryRunner } from 'typeorm';
import { blockAppends, decodeIds, encodeIds } from '../src/memory/postings';

/** Grams converted per statement. */
const BATCH = 200;

/**
 * Translation-memory posting lists in blocks (issue 17, the million-entry benchmark).
 *
 * tm_postings held one row per (gram, entry): a lookup reading 60,000 postings walked 60,000
 * index tuples and grouped them in SQL, which alone took most of its 50 ms. tm_posting_blocks
 * holds each gram's list as rows of up to 192 entry ids packed into a bytea (varints of the
 * gaps between ids, one or two bytes an id; src/memory/postings.ts), block n holding list
 * positions 192·n onwards. The packing is done here in TypeScript, a batch of grams at a time. tm_grams.entries, the list's length, says which block an append goes to; its
 * row lock (taken by the upsert that raises it) orders concurrent appends to one list.
 * STORAGE PLAIN: blocks stay in the row (at most about 1.9 KB), never compressed or moved out.
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
    const grams: Array<{ gram: string }> = await q.query(
      `SELECT DISTINCT gram::text AS gram FROM tm_postings ORDER BY 1`,
    );
    for (let i = 0; i < grams.length; i += BATCH) {
      const lists: Array<{ gram: string; ids: string[] }> = await q.query(
        `SELECT gram::text AS gram, array_agg(entry_id::text ORDER BY entry_id) AS ids
           FROM tm_postings WHERE gram = ANY($1::bigint[]) GROUP BY gram`,
        [grams.slice(i, i + BATCH).map((g) => g.gram)],
      );
      const rows = lists.flatMap(({ gram, ids }) =>
        blockAppends(0, ids.map(Number)).map((b) => ({
          gram,
          block: b.block,
          bytes: encodeIds(b.ids),
        })),
      );
      await q.query(
        `INSERT INTO tm_posting_blocks (gram, block, entries)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::bytea[])`,
        [rows.map((r) => r.gram), rows.map((r) => r.block), rows.map((r) => r.bytes)],
      );
    }
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
    const blocks: Array<{ gram: string; entries: Buffer }> = await q.query(
      `SELECT gram::text AS gram, entries FROM tm_posting_blocks`,
    );
    for (let i = 0; i < blocks.length; i += BATCH) {
      const postings = blocks
        .slice(i, i + BATCH)
        .flatMap(({ gram, entries }) => decodeIds(entries).map((id) => ({ gram, id })));
      await q.query(
        `INSERT INTO tm_postings (gram, entry_id)
         SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING`,
        [postings.map((p) => p.gram), postings.map((p) => String(p.id))],
      );
    }
    await q.query(`DROP TABLE tm_posting_blocks`);
  }
}
