import { Client } from 'pg';
import { SAVE_STATEMENT, SaveInput, saveParams, SaveRow } from '../src/translations/save-statement';
import { TestApp } from './support/app';
import { makeArticle } from './support/content';
import { makeProject, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

/**
 * The batched save statement run directly, so that one statement is sure to carry saves with
 * different outcomes: each save gets its own row (in input order) and only written saves leave
 * a revision and an event. Concurrency through HTTP is covered in segments.e2e-spec.ts.
 */
describe('the batched save statement (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let db: Client;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer } = await startTeam({ worker: false }));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('gives each save of a batch its own outcome and writes only the saved ones', async () => {
    const project = await makeProject(http, admin, {
      targetLocales: ['es', 'fr'],
      members: { es: { translator, reviewer } },
    });
    const { slug } = await makeArticle(http, admin, project.slug, {
      slug: unique('rest'),
      title: 'Rest after surgery',
      format: 'text',
      content: 'Rest for 2 days.\n\nWalk a little every day.\n\nCall us with any question.',
    });
    const { rows: segments } = await db.query<{
      articleId: string;
      version: number;
      key: string;
      text: string;
    }>(
      `SELECT a.id AS "articleId", a.current_version AS version, s.key, s.text
         FROM articles a JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
         JOIN source_segments s ON s.version_id = v.id
        WHERE a.slug = $1 ORDER BY s.position`,
      [slug],
    );
    expect(segments.length).toBeGreaterThanOrEqual(4);
    const [title, first, second, third] = segments;
    const save = (segment: (typeof segments)[number], overrides: Partial<SaveInput> = {}) => ({
      articleId: segment.articleId,
      locale: 'es',
      segmentKey: segment.key,
      baseRevision: 0,
      target: `ES ${segment.text}`,
      state: 'translated',
      sourceVersion: segment.version,
      sourceText: segment.text,
      checks: '[]',
      authorId: translator.id,
      requireReview: true,
      sourceLocale: 'en',
      event: JSON.stringify({ segmentId: segment.key, note: 'quote " and \\ survive' }),
      ...overrides,
    });
    const run = async (saves: SaveInput[]) =>
      (await db.query<SaveRow>(SAVE_STATEMENT, saveParams(saves))).rows;

    // The title already has revision 1 (so a base of 1 updates it, a base of 0 conflicts).
    await run([save(title)]);

    const rows = await run([
      save(first), // new: inserted
      save(title, { baseRevision: 1, authorId: reviewer.id, target: 'Descanso' }), // updated
      save(second, { baseRevision: 3 }), // no such revision: conflict
      save(third, { sourceVersion: first.version + 1 }), // resolved in another version: stale
      save(segments[0], { segmentKey: 'no-such-key-in-fr', locale: 'fr', requireReview: false }), // project fact wrong: stale
    ]);
    expect(rows.map(({ valid, revision }) => ({ valid, revision }))).toEqual([
      { valid: true, revision: 1 },
      { valid: true, revision: 2 },
      { valid: true, revision: null },
      { valid: false, revision: null },
      { valid: false, revision: null },
    ]);
    expect(rows.every((r) => r.currentVersion === first.version)).toBe(true);

    const { rows: stored } = await db.query(
      `SELECT segment_key AS key, target, revision, updated_by AS "updatedBy"
         FROM translations WHERE article_id = $1 ORDER BY segment_key`,
      [first.articleId],
    );
    expect(stored).toEqual(
      [
        { key: title.key, target: 'Descanso', revision: 2, updatedBy: reviewer.id },
        { key: first.key, target: `ES ${first.text}`, revision: 1, updatedBy: translator.id },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    const { rows: revisions } = await db.query(
      `SELECT segment_key AS key, revision, author_id AS author FROM translation_revisions
        WHERE article_id = $1 ORDER BY segment_key, revision`,
      [first.articleId],
    );
    expect(revisions).toHaveLength(3);
    const { rows: events } = await db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox WHERE type = 'segment.translated'
          AND payload->>'segmentId' = ANY($1) ORDER BY id`,
      [[title.key, first.key, second.key, third.key]],
    );
    expect(events.map((e) => e.payload)).toEqual([
      { segmentId: title.key, note: 'quote " and \\ survive', revision: 1 },
      { segmentId: first.key, note: 'quote " and \\ survive', revision: 1 },
      { segmentId: title.key, note: 'quote " and \\ survive', revision: 2 },
    ]);
  });

  it('answers a save of a deleted article as stale, with no current version', async () => {
    const rows = (
      await db.query<SaveRow>(
        SAVE_STATEMENT,
        saveParams([
          {
            articleId: '00000000-0000-4000-8000-000000000000',
            locale: 'es',
            segmentKey: 'k',
            baseRevision: 0,
            target: 'x',
            state: 'translated',
            sourceVersion: 1,
            sourceText: 'x',
            checks: '[]',
            authorId: translator.id,
            requireReview: true,
            sourceLocale: 'en',
            event: '{}',
          },
        ]),
      )
    ).rows;
    expect(rows).toEqual([{ currentVersion: null, valid: false, revision: null, updatedAt: null }]);
  });
});
