jest.setTimeout(60_000);

import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf, SegmentItem as Segment } from './support/content';
import {
  addMember,
  eventually,
  makeProject,
  makeUser,
  TestUser,
  unique,
} from './support/factories';
import { Http, Response } from './support/http';
import { startAdmin } from './support/team';

interface Task {
  id: string;
  type: 'translate' | 'review';
  project: string;
  article: string;
  locale: string;
  assignee: string | null;
  remaining: number;
  dueAt: string;
  overdue: boolean;
  status: 'open' | 'done' | 'cancelled';
  sourceVersion: number;
}

const HYDRATION = [
  '# Drinking enough during treatment',
  '',
  'Drink water through the day. Carry a bottle when you go out.',
  '',
  '- Choose clear soups.',
  '- Ask your nurse which drinks suit you.',
].join('\n');

describe('tasks: routing work to translators and reviewers (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let project: string;
  let translators: Record<string, TestUser[]>;
  let reviewers: TestUser[];
  let outsider: TestUser;

  async function tasks(query: string, token = admin): Promise<Task[]> {
    const items: Task[] = [];
    let cursor: string | null = null;
    do {
      const res: Response<{ items: Task[]; nextCursor: string | null }> = await http.get(
        `/api/tasks?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  const createArticle = async (slug: string, content = HYDRATION): Promise<number> =>
    (await makeArticle(http, admin, project, { slug, title: 'Drinking enough', content }))
      .segmentCount;

  const base = (article: string, locale: string): string =>
    `/api/projects/${project}/articles/${article}/locales/${locale}/segments`;

  const segments = (article: string, locale: string): Promise<Segment[]> =>
    segmentsOf(http, admin, project, article, locale);

  async function translateAll(article: string, locale: string, token: string): Promise<void> {
    for (const s of await segments(article, locale)) {
      if (s.state === 'translated' || s.state === 'approved') continue;
      const res = await http.put(
        `${base(article, locale)}/${s.id}`,
        { target: `(${locale}) ${s.source}`, revision: s.revision },
        { token },
      );
      expect(res.status).toBe(200);
    }
  }

  async function review(
    article: string,
    locale: string,
    token: string,
    decide: (s: Segment, index: number) => 'approve' | 'reject',
  ): Promise<void> {
    const list = (await segments(article, locale)).filter((s) => s.state === 'translated');
    for (const [i, s] of list.entries()) {
      const decision = decide(s, i);
      const res = await http.post(
        `${base(article, locale)}/${s.id}/review`,
        {
          decision,
          revision: s.revision,
          comment: decision === 'reject' ? 'Please use plainer words.' : undefined,
        },
        { token },
      );
      expect(res.status).toBe(200);
    }
  }

  /** The open task of one type for (article, locale), once `ready` holds. */
  function openTask(
    article: string,
    locale: string,
    type: Task['type'],
    ready: (task: Task) => boolean = () => true,
  ): Promise<Task> {
    return eventually(async () => {
      const list = await tasks(
        `project=${project}&article=${article}&locale=${locale}&type=${type}&status=open`,
      );
      return list.length === 1 && ready(list[0]) ? list[0] : undefined;
    });
  }

  beforeAll(async () => {
    ({ t, http, admin } = await startAdmin());
    project = (await makeProject(http, admin, { targetLocales: ['es', 'fr', 'vi'] })).slug;
    translators = {};
    for (const locale of ['es', 'fr', 'vi']) {
      translators[locale] = [await makeUser(http, admin), await makeUser(http, admin)];
      for (const user of translators[locale]) {
        await addMember(http, admin, project, user.id, locale, 'translator');
      }
    }
    reviewers = [await makeUser(http, admin), await makeUser(http, admin)].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    for (const user of reviewers) await addMember(http, admin, project, user.id, 'es', 'reviewer');
    outsider = await makeUser(http, admin);
  }, 60_000);
  afterAll(() => t.close());

  it('spreads new articles evenly over the two translators of each locale', async () => {
    const slugs = [unique('even'), unique('even'), unique('even'), unique('even')];
    let count = 0;
    for (const slug of slugs) count = await createArticle(slug);
    const open = await eventually(async () => {
      const list = (await tasks(`project=${project}&type=translate&status=open`)).filter((x) =>
        slugs.includes(x.article),
      );
      return list.length === 12 && list.every((x) => x.assignee !== null) ? list : undefined;
    });
    for (const locale of ['es', 'fr', 'vi']) {
      const mine = open.filter((x) => x.locale === locale);
      const perPerson = translators[locale].map(
        (u) => mine.filter((x) => x.assignee === u.id).length,
      );
      expect(perPerson).toEqual([2, 2]);
    }
    expect(open.every((x) => x.remaining === count && x.sourceVersion === 1)).toBe(true);
    const days = (Date.parse(open[0].dueAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    // A translator's inbox holds exactly their own work; others in the project see it too.
    const me = translators.fr[0];
    const inbox = await tasks(`assignee=me&status=open&project=${project}`, me.token);
    expect(inbox.filter((x) => slugs.includes(x.article))).toHaveLength(2);
    expect(inbox.every((x) => x.assignee === me.id && x.locale === 'fr')).toBe(true);
    const byId = await tasks(`assignee=${me.id}&project=${project}`, translators.es[1].token);
    expect(byId.map((x) => x.id).sort()).toEqual(inbox.map((x) => x.id).sort());
    expect(await tasks('status=open', outsider.token)).toEqual([]);
  });

  it('opens a review for a reviewer who did not write the translation once all is translated', async () => {
    const article = unique('review');
    const total = await createArticle(article);
    const translate = await openTask(article, 'es', 'translate', (x) => x.assignee !== null);
    expect(translate.remaining).toBe(total);

    // The reviewer who would win the tie (lowest id, no work) translates, so cannot review it.
    const [author, other] = reviewers;
    await translateAll(article, 'es', author.token);
    const reviewTask = await openTask(article, 'es', 'review', (x) => x.assignee !== null);
    expect(reviewTask).toMatchObject({ remaining: total, assignee: other.id, status: 'open' });
    const closed = await tasks(`project=${project}&article=${article}&locale=es&type=translate`);
    expect(closed).toMatchObject([{ id: translate.id, status: 'done', remaining: 0 }]);

    // Review work shows up in the reviewer's own inbox.
    const inbox = await tasks(`assignee=me&type=review&status=open`, other.token);
    expect(inbox.map((x) => x.id)).toContain(reviewTask.id);
  });

  it('sends rejected work back to the translator and reopens review when it is fixed', async () => {
    const article = unique('reject');
    const total = await createArticle(article);
    const translate = await openTask(article, 'es', 'translate', (x) => x.assignee !== null);
    const holder = translators.es.find((u) => u.id === translate.assignee)!;
    await translateAll(article, 'es', holder.token);
    const first = await openTask(article, 'es', 'review', (x) => x.remaining === total);

    await review(article, 'es', reviewers[1].token, (_s, i) => (i === 1 ? 'reject' : 'approve'));
    const reopened = await openTask(article, 'es', 'translate', (x) => x.remaining === 1);
    expect(reopened).toMatchObject({ id: translate.id, assignee: holder.id });
    await eventually(async () => {
      const [r] = await tasks(`project=${project}&article=${article}&locale=es&type=review`);
      return r.status === 'done' ? r : undefined;
    });

    await translateAll(article, 'es', holder.token);
    const second = await openTask(article, 'es', 'review', (x) => x.remaining === 1);
    expect(second.id).toBe(first.id);
    await eventually(async () => {
      const [tr] = await tasks(`project=${project}&article=${article}&locale=es&type=translate`);
      return tr.status === 'done' && tr.remaining === 0;
    });
  });

  it('reopens work with the right remaining when the English changes, one task per locale', async () => {
    const article = unique('change');
    const total = await createArticle(article);
    const es = await openTask(article, 'es', 'translate', (x) => x.assignee !== null);
    const frBefore = await openTask(article, 'fr', 'translate', (x) => x.assignee !== null);
    const holder = translators.es.find((u) => u.id === es.assignee)!;
    await translateAll(article, 'es', holder.token);
    await openTask(article, 'es', 'review', (x) => x.assignee !== null);
    await review(article, 'es', reviewers[1].token, () => 'approve');
    await eventually(async () => {
      const list = await tasks(`project=${project}&article=${article}&locale=es&status=open`);
      return list.length === 0;
    });

    // One sentence reworded, one list item added: two segments need a translator in es.
    const changed = HYDRATION.replace(
      'Carry a bottle when you go out.',
      'Keep a bottle with you when you go out.',
    ).concat('\n- Eat fruit that holds a lot of water.');
    const put = await http.put<{ currentVersion: number; sync: Record<string, number> }>(
      `/api/projects/${project}/articles/${article}/source`,
      { content: changed },
      { token: admin },
    );
    expect(put.status).toBe(200);
    expect(put.body.currentVersion).toBe(2);
    const newTotal = total + 1;

    const esAgain = await openTask(
      article,
      'es',
      'translate',
      (x) => x.sourceVersion === 2 && x.assignee !== null,
    );
    expect(esAgain.remaining).toBe(put.body.sync.fuzzy + put.body.sync.added);
    expect(esAgain.remaining).toBe(2);

    // fr had not started: its one open task moves to version 2 with the new count.
    const frAfter = await openTask(article, 'fr', 'translate', (x) => x.sourceVersion === 2);
    expect(frAfter).toMatchObject({ id: frBefore.id, remaining: newTotal });
    const frAll = await tasks(`project=${project}&article=${article}&locale=fr`);
    expect(frAll).toHaveLength(1);
  });

  it('leaves work unassigned when nobody may take it, for admins to hand out', async () => {
    const article = unique('orphan');
    await createArticle(article);
    const review = await openTask(article, 'fr', 'translate', (x) => x.assignee !== null);
    expect(review.type).toBe('translate');
    // fr has no reviewer: once translated, its review task waits unassigned.
    const holder = translators.fr.find((u) => u.id === review.assignee)!;
    await translateAll(article, 'fr', holder.token);
    const orphan = await openTask(article, 'fr', 'review');
    expect(orphan.assignee).toBeNull();
    const unassigned = await tasks(`assignee=none&project=${project}&type=review`);
    expect(unassigned.map((x) => x.id)).toContain(orphan.id);

    // Admin hands it out: only someone with a fitting role for the locale can take it.
    const refused = await http.patch(
      `/api/tasks/${orphan.id}`,
      { assigneeId: holder.id },
      { token: admin },
    );
    expect(refused.status).toBe(422);
    const frReviewer = await makeUser(http, admin);
    await addMember(http, admin, project, frReviewer.id, 'fr', 'reviewer');
    const forbidden = await http.patch(
      `/api/tasks/${orphan.id}`,
      { assigneeId: frReviewer.id },
      { token: frReviewer.token },
    );
    expect(forbidden.status).toBe(403);
    const patched = await http.patch<Task>(
      `/api/tasks/${orphan.id}`,
      { assigneeId: frReviewer.id },
      { token: admin },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: orphan.id, assignee: frReviewer.id, status: 'open' });
    const inbox = await tasks('assignee=me', frReviewer.token);
    expect(inbox.map((x) => x.id)).toEqual([orphan.id]);

    const bad = await http.patch(
      `/api/tasks/${orphan.id}`,
      { assigneeId: 'nobody' },
      { token: admin },
    );
    expect(bad.status).toBe(400);
    const missing = await http.patch(
      `/api/tasks/00000000-0000-4000-8000-000000000000`,
      { assigneeId: frReviewer.id },
      { token: admin },
    );
    expect(missing.status).toBe(404);
  });

  it('hands waiting, unassigned work to someone who joins the locale', async () => {
    const other = (await makeProject(http, admin, { targetLocales: ['ko'] })).slug;
    const created = await http.post(
      `/api/projects/${other}/articles`,
      { slug: 'late-joiner', title: 'Drinking enough', format: 'markdown', content: HYDRATION },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const waiting = await eventually(async () => {
      const list = await tasks(`project=${other}&locale=ko&type=translate&status=open`);
      return list.length === 1 ? list[0] : undefined;
    });
    expect(waiting.assignee).toBeNull();

    const joiner = await makeUser(http, admin);
    await addMember(http, admin, other, joiner.id, 'ko', 'translator');
    const inbox = await eventually(async () => {
      const mine = await tasks('assignee=me&status=open', joiner.token);
      return mine.length === 1 ? mine : undefined;
    });
    expect(inbox[0]).toMatchObject({ id: waiting.id, assignee: joiner.id, type: 'translate' });
  });

  it('flags overdue open tasks and filters on it', async () => {
    const article = unique('late');
    await createArticle(article);
    const task = await openTask(article, 'vi', 'translate');
    expect(task.overdue).toBe(false);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE tasks SET due_at = now() - interval '1 day' WHERE id = $1`, [task.id]);
    } finally {
      await db.end();
    }
    const overdue = await tasks(`overdue=true&project=${project}`);
    expect(overdue.map((x) => x.id)).toEqual([task.id]);
    expect(overdue[0].overdue).toBe(true);
    const notOverdue = await tasks(`overdue=false&project=${project}&article=${article}`);
    expect(notOverdue.map((x) => x.id)).not.toContain(task.id);
  });

  it('refuses malformed filters', async () => {
    for (const query of ['assignee=someone', 'status=closed', 'type=proofread', 'overdue=maybe']) {
      const res = await http.get(`/api/tasks?${query}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const anonymous = await http.get('/api/tasks');
    expect(anonymous.status).toBe(401);
  });
});
