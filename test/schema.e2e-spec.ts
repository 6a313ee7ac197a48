import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { templateDb, urlFor } from './support/db';

/**
 * The entities describe the schema the migrations build, constraint names included, so
 * `npm run migration:generate` starts from a clean diff instead of proposing to drop checks,
 * indexes and foreign keys that the hand-written migrations created.
 */
describe('entities and migrations (e2e)', () => {
  it('agree: TypeORM finds nothing to change in a migrated database', async () => {
    const dataSource = new DataSource(dataSourceOptions(urlFor(templateDb())));
    await dataSource.initialize();
    try {
      const diff = await dataSource.driver.createSchemaBuilder().log();
      expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
