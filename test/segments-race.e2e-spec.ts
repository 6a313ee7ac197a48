import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeArticle, segments, SegmentItem as Segment } from './support/content';
import { makeProject, TestUser, unique } from './support/factories';
import { Http, Response } from './support/http';
import { startTranslatorSession, TranslatorSession } from './support/team';

/**
 * A save is one statement that takes a share lock on the article row; a source update holds
 * that row FOR UPDATE for its whole transaction. The property relied on: a save racing a source
 * update on the same segment either lands before the update (and the new version's kept or
 * carried translation reflects it) or is refused with 409 SOURCE_CHANGED. Never a lost human
 * text, never a write to a key that is not in the then-current version, and a save of a key
 * the new version keeps is never refused.
 */

const WORDS = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
];
const SIDE_NOTES = [
  'Drink plenty of water today.',
  'Rest at home after the visit.',
  'Bring your list of medicines.',
  'Wear loose and comfortable clothes.',
  'Tell your family where you are going.',
  'Keep your phone charged and nearby.',
  'Write down any questions you have.',
  'Sleep well the night before.',
  'Eat a light meal before you leave.',
];

/** Version `r` of the article: two sentences that change every round, two kept, one replaced. */
const contentOf = (r: number): string =>
  [
    `Wash the wound gently with clean water and mild soap, ${WORDS[r % WORDS.length]} style.`,
    `Cover the wound with a clean dressing before you go outside, ${WORDS[r % WORDS.length]} way.`,
    'Pat the skin dry with a soft towel.',
    'Ask a nurse if the skin turns red.',
    SIDE_NOTES[r % SIDE_NOTES.length],
  ].join('\n\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('segment saves racing source updates (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let db: Client;
  let session: TranslatorSession;

  beforeAll(async () => {
    session = await startTranslatorSession({ worker: false });
    ({ t, http, admin, translator, db } = session);
  });
  afterAll(() => session.close());

  async function article(requireReview: boolean) {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        requireReview,
        members: { es: { translator }, fr: { translator } },
      })
    ).slug;
    const { slug } = await makeArticle(http, admin, project, {
      slug: unique('wound'),
      title: 'Wound care',
      format: 'text',
      content: contentOf(0),
    });
    const [{ id: articleId }] = (
      await db.query<{ id: string }>(
        `SELECT a.id FROM articles a JOIN projects p ON p.id = a.project_id
          WHERE p.slug = $1 AND a.slug = $2`,
        [project, slug],
      )
    ).rows;
    const base = `/api/projects/${project}/articles/${slug}`;
    return {
      articleId,
      segments: (locale: string): Promise<Segment[]> =>
        segments(http, admin, project, slug, locale),
      save: (locale: string, id: string, target: string, revision: number) =>
        http.put(
          `${base}/locales/${locale}/segments/${id}`,
          { target, revision },
          { token: translator.token },
        ),
      updateSource: (content: string) => http.put(`${base}/source`, { content }, { token: admin }),
    };
  }

  /** Waits until `n` backends of the test database wait for a lock. */
  async function lockWaiters(n: number): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n >= n) return;
      await sleep(10);
    }
    throw new Error(`fewer than ${n} backends are waiting for a lock`);
  }

  const row = async (articleId: string, locale: string, key: string) =>
    (
      await db.query<{ target: string; state: string; revision: number }>(
        `SELECT target, state, revision FROM translations
          WHERE article_id = $1 AND locale = $2 AND segment_key = $3`,
        [articleId, locale, key],
      )
    ).rows[0];

  const carriedTo = async (articleId: string, oldKey: string): Promise<string | undefined> =>
    (
      await db.query<{ key: string }>(
        `SELECT s.key FROM articles a
           JOIN source_versions v ON v.article_id = a.id AND v.version = a.current_version
           JOIN source_segments s ON s.version_id = v.id
          WHERE a.id = $1 AND s.relation = 'changed' AND s.previous_key = $2`,
        [articleId, oldKey],
      )
    ).rows[0]?.key;

  it('a save that waits behind a source update is re-run on the new version: kept saves, changed is 409', async () => {
    const api = await article(true);
    const v1 = await api.segments('es');
    for (const s of v1) expect((await api.save('es', s.id, `ES: ${s.source}`, 0)).status).toBe(200);
    const [, changed, , kept] = v1; // title, two changing sentences, two kept, one side note

    // Stand in for a source update that has locked the article row.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM articles WHERE id = $1 FOR UPDATE', [api.articleId]);
      const update = api.updateSource(contentOf(1));
      await lockWaiters(1);
      const saves = Promise.all([
        api.save('es', changed.id, `ES (late): ${changed.source}`, 1),
        api.save('es', kept.id, `ES (late): ${kept.source}`, 1),
      ]);
      // The update and at least one save statement wait on the lock (the saves may share one
      // statement, or the second may wait in the process's batch queue).
      await lockWaiters(2);
      await blocker.query('COMMIT');
      expect((await update).status).toBe(200);
      const [changedSave, keptSave] = await saves;
      expect(changedSave.status).toBe(409);
      expect(changedSave.body.code).toBe('SOURCE_CHANGED');
      expect(keptSave.status).toBe(200);
      expect(keptSave.body).toMatchObject({ revision: 2, target: `ES (late): ${kept.source}` });
    } finally {
      await blocker.end();
    }
    // The refused save wrote nothing; the new version's draft is the text it was carried from.
    expect(await row(api.articleId, 'es', changed.id)).toMatchObject({
      target: `ES: ${changed.source}`,
      revision: 1,
    });
    const draftKey = await carriedTo(api.articleId, changed.id);
    expect(draftKey).toBeDefined();
    expect(await row(api.articleId, 'es', draftKey as string)).toMatchObject({
      target: `ES: ${changed.source}`,
      state: 'fuzzy',
    });
    const { rows } = await db.query(
      `SELECT 1 FROM translation_revisions WHERE article_id = $1 AND target LIKE 'ES (late)%'
          AND segment_key = $2`,
      [api.articleId, changed.id],
    );
    expect(rows).toHaveLength(0);
  });

  it('a save that locks the article first lands before the source update, which carries it', async () => {
    const api = await article(true);
    const v1 = await api.segments('es');
    for (const s of v1) expect((await api.save('es', s.id, `ES: ${s.source}`, 0)).status).toBe(200);
    const changed = v1[1];

    // Hold the translation row so that the save stops after taking its article lock.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `SELECT 1 FROM translations WHERE article_id = $1 AND locale = 'es' AND segment_key = $2
         FOR UPDATE`,
        [api.articleId, changed.id],
      );
      const save = api.save('es', changed.id, `ES (first): ${changed.source}`, 1);
      await lockWaiters(1);
      const update = api.updateSource(contentOf(1));
      await lockWaiters(2);
      await blocker.query('COMMIT');
      expect((await save).status).toBe(200);
      expect((await update).status).toBe(200);
    } finally {
      await blocker.end();
    }
    const draftKey = await carriedTo(api.articleId, changed.id);
    expect(await row(api.articleId, 'es', draftKey as string)).toMatchObject({
      target: `ES (first): ${changed.source}`,
      state: 'fuzzy',
    });
  });

  it.each([
    ['with review (one statement)', true],
    ['without review (approving transaction)', false],
  ])(
    'many concurrent saves and source updates never lose a human text (%s)',
    async (_name, requireReview) => {
      const api = await article(requireReview);
      const locales = ['es', 'fr'];
      const outcomes = { saved: 0, refused: 0 };
      // Fewer rounds than words: every version's changing sentences are new texts.
      for (let round = 0; round < 8; round++) {
        const before = new Map<string, Segment[]>();
        for (const locale of locales) before.set(locale, await api.segments(locale));
        const saves: Array<{
          locale: string;
          key: string;
          target: string;
          res: Promise<Response<{ revision: number; code?: string }>>;
        }> = [];
        const update = (async () => {
          await sleep(Math.random() * 20);
          return api.updateSource(contentOf(round + 1));
        })();
        for (const locale of locales) {
          for (const s of before.get(locale) ?? []) {
            const target = `${locale.toUpperCase()} ${WORDS[round]}: ${s.source}`;
            const res = (async () => {
              await sleep(Math.random() * 20);
              return api.save(locale, s.id, target, s.revision);
            })();
            saves.push({ locale, key: s.id, target, res });
          }
        }
        expect((await update).status).toBe(200);
        const currentKeys = new Set((await api.segments('es')).map((s) => s.id));
        for (const save of saves) {
          const res = await save.res;
          const kept = currentKeys.has(save.key);
          if (res.status === 200) {
            outcomes.saved++;
            // Logged exactly as answered.
            const logged = await db.query(
              `SELECT 1 FROM translation_revisions
                WHERE article_id = $1 AND locale = $2 AND segment_key = $3 AND revision = $4
                  AND target = $5 AND action = 'save'`,
              [api.articleId, save.locale, save.key, res.body.revision, save.target],
            );
            expect(logged.rows).toHaveLength(1);
            if (kept) {
              expect(await row(api.articleId, save.locale, save.key)).toMatchObject({
                target: save.target,
                revision: res.body.revision,
              });
            } else {
              // It landed before the update, so the update carried exactly this text.
              const draftKey = await carriedTo(api.articleId, save.key);
              if (draftKey) {
                expect(await row(api.articleId, save.locale, draftKey)).toMatchObject({
                  target: save.target,
                  state: 'fuzzy',
                });
              }
            }
          } else {
            outcomes.refused++;
            expect({ status: res.status, code: res.body.code, kept }).toEqual({
              status: 409,
              code: 'SOURCE_CHANGED',
              kept: false,
            });
            const logged = await db.query(
              `SELECT 1 FROM translation_revisions WHERE article_id = $1 AND target = $2`,
              [api.articleId, save.target],
            );
            expect(logged.rows).toHaveLength(0);
          }
        }
      }
      // Every row's revision is its number of revision rows; every written event names a row.
      const audit = await db.query<{ mismatched: number; events: number; saves: number }>(
        `SELECT (SELECT count(*)::int FROM translations t
                  WHERE t.article_id = $1 AND t.revision <> (
                    SELECT count(*) FROM translation_revisions r
                     WHERE r.article_id = t.article_id AND r.locale = t.locale
                       AND r.segment_key = t.segment_key)) AS mismatched,
                (SELECT count(*)::int FROM outbox
                  WHERE type = 'segment.translated' AND payload->>'articleId' = $1::text) AS events,
                (SELECT count(*)::int FROM translation_revisions
                  WHERE article_id = $1 AND action = 'save') AS saves`,
        [api.articleId],
      );
      expect(audit.rows[0].mismatched).toBe(0);
      expect(audit.rows[0].events).toBe(audit.rows[0].saves);
      expect(outcomes.saved).toBeGreaterThan(0);
    },
  );
});
