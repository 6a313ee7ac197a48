import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay polls instead of listening: NOTIFY takes a database-wide lock at commit, which
 * serialized every transaction that wrote an event (every segment save) behind the others.
 */
export class OutboxPolling1764000000004 implements MigrationInterface {
  name = 'OutboxPolling1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }
}
