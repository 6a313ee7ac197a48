jest.setTimeout(60_000);

import { makeArticle, segments, SegmentItem } from './support/content';
import { eventually, makeProject } from './support/factories';
import { Http } from './support/http';
import { startTeam, Team } from './support/team';

/**
 * Progress and tasks in words (issue 16 point 2) through the HTTP API: the numbers a progress
 * bar and an inbox show, per article, per project (single and list) and per task.
 */

interface Words {
  total: number;
  untranslated: number;
  fuzzy: number;
  translated: number;
  rejected: number;
  approved: number;
}

interface Progress {
  locale: string;
  total: number;
  untranslated: number;
  translated: number;
  words: Words;
  changeRisk: { minor: number; wording: number; clinical: number };
}

interface Task {
  id: string;
  type: 'translate' | 'review';
  locale: string;
  remaining: number;
  remainingWords: number;
  status: string;
}

/** Each segment with its word count, written out by hand (not by the counter under test). */
const TITLE = ['Resting after surgery', 3] as const;
const SEGMENTS = [
  ['Sleep well', 2],
  // An emphasis code does not count; the number does.
  ['Sleep {1}8 hours{/1} a night.', 5],
  ['Nap for 20 minutes after lunch.', 6],
  ['Drink water.', 2],
  // Inline code is a standalone code: its text is not translated, so not counted.
  ['Use the {1/} twice a day.', 5],
] as const;
const CONTENT = [
  '# Sleep well',
  '',
  'Sleep **8 hours** a night. Nap for 20 minutes after lunch.',
  '',
  '- Drink water.',
  '- Use the `ice pack` twice a day.',
].join('\n');
const TOTAL = TITLE[1] + SEGMENTS.reduce((sum, [, words]) => sum + words, 0);

const words = (partial: Partial<Words>): Words => ({
  total: TOTAL,
  untranslated: 0,
  fuzzy: 0,
  translated: 0,
  rejected: 0,
  approved: 0,
  ...partial,
});

describe('progress and tasks in words (e2e)', () => {
  let team: Team;
  let http: Http;
  let admin: string;
  let project: string;
  let article: string;

  beforeAll(async () => {
    team = await startTeam();
    ({ http, admin } = team);
    project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        members: { es: { translator: team.translator, reviewer: team.reviewer } },
      })
    ).slug;
    article = (await makeArticle(http, admin, project, { title: TITLE[0], content: CONTENT })).slug;
  });
  afterAll(() => team.t.close());

  const base = () => `/api/projects/${project}/articles/${article}`;
  const list = (locale: string): Promise<SegmentItem[]> =>
    segments(http, admin, project, article, locale);
  const bySource = async (locale: string, source: string): Promise<SegmentItem> =>
    (await list(locale)).find((s) => s.source === source)!;

  async function articleProgress(): Promise<Progress[]> {
    const res = await http.get<{ locales: Progress[] }>(base(), { token: team.translator.token });
    expect(res.status).toBe(200);
    return res.body.locales;
  }

  async function save(s: SegmentItem): Promise<void> {
    const res = await http.put(
      `${base()}/locales/es/segments/${s.id}`,
      { target: `ES ${s.source}`, revision: s.revision },
      { token: team.translator.token },
    );
    expect(res.status).toBe(200);
  }

  async function review(source: string, decision: 'approve' | 'reject'): Promise<void> {
    const s = await bySource('es', source);
    const res = await http.post(
      `${base()}/locales/es/segments/${s.id}/review`,
      { decision, revision: s.revision, comment: decision === 'reject' ? 'Too long.' : undefined },
      { token: team.reviewer.token },
    );
    expect(res.status).toBe(200);
  }

  const tasks = async (locale: string): Promise<Task[]> => {
    const res = await http.get<{ items: Task[] }>(
      `/api/tasks?project=${project}&article=${article}&locale=${locale}`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const openTask = (type: Task['type'], ready: (task: Task) => boolean) =>
    eventually(async () => {
      const task = (await tasks('es')).find((x) => x.type === type && x.status === 'open');
      return task && ready(task) ? task : undefined;
    });

  it('counts the words of each segment the way the contract says', async () => {
    const items = await list('es');
    expect(items.map((s) => s.source)).toEqual([TITLE[0], ...SEGMENTS.map(([text]) => text)]);
    expect(await articleProgress()).toEqual([
      expect.objectContaining({ locale: 'es', total: 6, words: words({ untranslated: TOTAL }) }),
      expect.objectContaining({ locale: 'fr', total: 6, words: words({ untranslated: TOTAL }) }),
    ]);
    // A new translate task has the whole article to do.
    const task = await openTask('translate', () => true);
    expect(task).toMatchObject({ remaining: 6, remainingWords: TOTAL });
  });

  it('moves words between states with saves and reviews, in articles, projects and tasks', async () => {
    for (const [text] of SEGMENTS.slice(0, 3)) await save(await bySource('es', text));
    await review(SEGMENTS[1][0], 'approve');
    await review(SEGMENTS[2][0], 'reject');
    const es = words({ untranslated: 3 + 2 + 5, translated: 2, approved: 5, rejected: 6 });
    const [progress] = await articleProgress();
    expect(progress).toMatchObject({ locale: 'es', total: 6, untranslated: 3, words: es });

    // Translate work left: untranslated and rejected segments, and their words.
    const translate = await openTask('translate', (x) => x.remaining === 4);
    expect(translate.remainingWords).toBe(10 + 6);

    // Project progress: one more article adds its words; the list says the same as the project.
    await makeArticle(http, admin, project, { title: 'Quiet days', content: 'Rest today.' });
    const single = await http.get<{ progress: Progress[] }>(`/api/projects/${project}`, {
      token: admin,
    });
    expect(single.status).toBe(200);
    expect(single.body.progress).toEqual([
      expect.objectContaining({
        locale: 'es',
        total: 8,
        words: { ...es, total: TOTAL + 4, untranslated: es.untranslated + 4 },
      }),
      expect.objectContaining({
        locale: 'fr',
        total: 8,
        words: words({ total: TOTAL + 4, untranslated: TOTAL + 4 }),
      }),
    ]);
    const all = await http.get<Array<{ slug: string; progress: Progress[] }>>('/api/projects', {
      token: team.translator.token,
    });
    expect(all.body.find((p) => p.slug === project)?.progress).toEqual(single.body.progress);

    // Everything translated: the translate task closes with nothing left, review has it all.
    for (const s of await list('es')) {
      if (s.state === 'untranslated' || s.state === 'rejected') await save(s);
    }
    const reviewTask = await openTask('review', (x) => x.remaining === 5);
    expect(reviewTask.remainingWords).toBe(TOTAL - 5);
    expect((await tasks('es')).find((x) => x.type === 'translate')).toMatchObject({
      status: 'done',
      remaining: 0,
      remainingWords: 0,
    });
  });

  it('counts a changed sentence as fuzzy words and a new one as untranslated words', async () => {
    const res = await http.put(
      `${base()}/source`,
      {
        content: CONTENT.replace('**8 hours**', '**9 hours**') + '\n\nKeep your phone close.',
      },
      { token: admin },
    );
    expect(res.status).toBe(200);
    expect(res.body.sync).toMatchObject({ kept: 5, fuzzy: 1, added: 1, removed: 0 });
    const [es, fr] = await articleProgress();
    expect(es).toMatchObject({
      total: 7,
      changeRisk: { minor: 0, wording: 0, clinical: 1 },
      words: words({ total: TOTAL + 4, untranslated: 4, fuzzy: 5, translated: TOTAL - 5 }),
    });
    expect(fr).toMatchObject({
      total: 7,
      words: words({ total: TOTAL + 4, untranslated: TOTAL + 4 }),
    });
  });
});
