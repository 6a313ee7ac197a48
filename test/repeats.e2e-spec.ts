import { makeArticle, segments, SegmentItem } from './support/content';
import { makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTranslatorSession, TranslatorSession } from './support/team';

/** A "translation" that keeps numbers, so checks pass. */
const translate = (source: string): string => `ES: ${source}`;

const REST = 'Rest at home for the first day.';
const REPEATED = 'Keep the bandage dry.';
const CALL = 'Call the clinic if the pain gets worse.';
const SHOWER = 'Cover it with a plastic bag when you shower.';

describe('repeated text across source versions (e2e)', () => {
  let session: TranslatorSession;
  let http: Http;
  let admin: string;
  let translator: TestUser;

  beforeAll(async () => {
    session = await startTranslatorSession({ worker: false });
    ({ http, admin, translator } = session);
  });
  afterAll(() => session.close());

  /** A project without review (a save approves), an article approved in es. */
  async function approvedArticle(paragraphs: string[]) {
    const { slug: project } = await makeProject(http, admin, {
      targetLocales: ['es'],
      requireReview: false,
      members: { es: { translator } },
    });
    const { slug: article } = await makeArticle(http, admin, project, {
      title: 'After a small operation',
      format: 'text',
      content: paragraphs.join('\n\n'),
    });
    const list = (): Promise<SegmentItem[]> =>
      segments(http, translator.token, project, article, 'es');
    for (const segment of await list()) {
      const saved = await http.put(
        `/api/projects/${project}/articles/${article}/locales/es/segments/${segment.id}`,
        { target: translate(segment.source), revision: 0 },
        { token: translator.token },
      );
      expect(saved.status).toBe(200);
    }
    const put = (paragraphs: string[]) =>
      http.put(
        `/api/projects/${project}/articles/${article}/source`,
        { content: paragraphs.join('\n\n') },
        { token: admin },
      );
    return { list, put };
  }

  const withText = (items: SegmentItem[], text: string): SegmentItem[] =>
    items.filter((s) => s.source === text);

  it('a copy inserted above leaves the approved translation with the original sentence', async () => {
    const api = await approvedArticle([REST, REPEATED, CALL]);
    const before = await api.list();
    const original = withText(before, REPEATED)[0];
    expect(original.state).toBe('approved');

    const res = await api.put([REPEATED, REST, REPEATED, CALL]);
    expect(res.status).toBe(200);
    // Title and three sentences kept; the inserted copy is the only new segment.
    expect(res.body.sync).toMatchObject({ kept: 4, fuzzy: 0, added: 1, removed: 0 });

    const after = await api.list();
    expect(after.map((s) => s.source)).toEqual([
      'After a small operation',
      REPEATED,
      REST,
      REPEATED,
      CALL,
    ]);
    const [inserted, kept] = withText(after, REPEATED);
    expect(kept).toMatchObject({
      id: original.id,
      state: 'approved',
      target: translate(REPEATED),
      revision: original.revision,
    });
    expect(inserted.id).not.toBe(original.id);
    // New to this version: only a draft from the memory (its approved copy), for a person to
    // confirm; never approved on its own.
    expect(inserted).toMatchObject({ state: 'fuzzy', target: translate(REPEATED), revision: 1 });
    for (const text of [REST, CALL]) {
      expect(withText(after, text)[0]).toMatchObject({
        id: withText(before, text)[0].id,
        state: 'approved',
      });
    }
  });

  it('deleting the first of two copies keeps the second copy and its translation', async () => {
    const api = await approvedArticle([REPEATED, REST, REPEATED, SHOWER]);
    const before = withText(await api.list(), REPEATED);
    expect(before).toHaveLength(2);

    const res = await api.put([REST, REPEATED, SHOWER]);
    expect(res.status).toBe(200);
    expect(res.body.sync).toMatchObject({ kept: 4, fuzzy: 0, added: 0, removed: 1 });
    const [remaining] = withText(await api.list(), REPEATED);
    expect(remaining).toMatchObject({ id: before[1].id, state: 'approved' });
  });
});
