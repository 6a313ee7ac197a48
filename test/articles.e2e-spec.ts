import { DataSource } from 'typeorm';
import { TestApp } from './support/app';
import { outboxPayloads } from './support/db';
import { eventually, makeProject, makeUser, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startAdmin } from './support/team';

const CONTENT = [
  '## Before your visit',
  '',
  'Bring a list of every medicine you take, including 81 mg aspirin. Dr. Osei at Lakeside Clinic will review it.',
  '',
  '- Write down your questions.',
  '- Ask a relative to come with you.',
].join('\n');

describe('articles and source versions (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let outsider: TestUser;
  let project: string;

  beforeAll(async () => {
    ({ t, http, admin } = await startAdmin({ worker: false }));
    [translator, outsider] = await Promise.all([makeUser(http, admin), makeUser(http, admin)]);
    const members = { es: { translator } };
    project = (await makeProject(http, admin, { targetLocales: ['es', 'vi'], members })).slug;
  });
  afterAll(() => t.close());

  const base = (): string => `/api/projects/${project}/articles`;

  async function create(slug = unique('art'), content = CONTENT, format = 'markdown') {
    const res = await http.post(
      base(),
      { slug, title: 'Getting ready for a clinic visit', format, content },
      { token: admin },
    );
    return { slug, res };
  }

  const outbox = (type: string) => outboxPayloads(t.databaseUrl, type);

  it('creates an article as version 1 with the title as segment 0 and emits article.created', async () => {
    const { slug, res } = await create();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      slug,
      title: 'Getting ready for a clinic visit',
      currentVersion: 1,
      segmentCount: 6,
    });
    const version = await http.get(`${base()}/${slug}/versions/1`, { token: translator.token });
    expect(version.status).toBe(200);
    expect(version.body.segments[0]).toMatchObject({
      position: 0,
      kind: 'title',
      text: 'Getting ready for a clinic visit',
    });
    expect(version.body.segments.map((s: { text: string }) => s.text)).toContain(
      'Dr. Osei at Lakeside Clinic will review it.',
    );
    expect(version.body).toMatchObject({ version: 1, format: 'markdown', content: CONTENT });
    const events = await outbox('article.created');
    expect(events).toContainEqual(
      expect.objectContaining({
        project,
        article: slug,
        version: 1,
        locales: ['es', 'vi'],
        segmentCount: 6,
      }),
    );
  });

  it('gets and lists articles with per-locale progress, paginated', async () => {
    const slugs = [unique('a'), unique('b'), unique('c')];
    for (const slug of slugs) expect((await create(slug)).res.status).toBe(201);
    const one = await http.get(`${base()}/${slugs[0]}`, { token: translator.token });
    expect(one.status).toBe(200);
    expect(one.body.locales).toEqual([
      expect.objectContaining({
        locale: 'es',
        total: 6,
        untranslated: 6,
        approved: 0,
        published: null,
        stale: false,
      }),
      expect.objectContaining({ locale: 'vi', total: 6, untranslated: 6 }),
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await http.get(`${base()}${query}`, { token: translator.token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((a: { slug: string }) => a.slug));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(slugs));
    expect((await http.get(base(), { token: outsider.token })).status).toBe(403);
    expect((await http.get(`${base()}/no-such-article`, { token: admin })).status).toBe(404);
  });

  it.each([
    ['empty content', { content: '   \n' }, 422, 'EMPTY_CONTENT'],
    ['content over 1 MB', { content: 'Drink water. '.repeat(90_000) }, 413, 'PAYLOAD_TOO_LARGE'],
    ['an unknown format', { format: 'docx' }, 415, 'UNSUPPORTED_FORMAT'],
    [
      'binary garbage',
      { content: 'PK\u0003\u0004\u0000\u0000\u0001binary' },
      422,
      'BINARY_CONTENT',
    ],
    ['a bad slug', { slug: 'Not A Slug' }, 400, 'VALIDATION_FAILED'],
  ])(
    'refuses %s with a coded error and makes no article',
    async (_name, override, status, code) => {
      const slug = unique('bad');
      const res = await http.post(
        base(),
        {
          slug,
          title: 'A title',
          format: 'text',
          content: 'Rest for an hour after the test.',
          ...override,
        },
        { token: admin },
      );
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect((await http.get(`${base()}/${slug}`, { token: admin })).status).toBe(404);
    },
  );

  it('refuses a slug clash with 409 SLUG_TAKEN', async () => {
    const { slug } = await create();
    const again = await create(slug);
    expect(again.res.status).toBe(409);
    expect(again.res.body.code).toBe('SLUG_TAKEN');
  });

  it('parses malformed HTML leniently', async () => {
    const { res } = await create(
      unique('html'),
      '<p>Take <b>one tablet<p>at night.<div><ul><li>Call the <a href="/help">nurse line</li></table>',
      'html',
    );
    expect(res.status).toBe(201);
    expect(res.body.segmentCount).toBeGreaterThan(1);
  });

  it('only admins create articles or change the source', async () => {
    const res = await http.post(
      base(),
      { slug: unique('x'), title: 'T', format: 'text', content: 'Hello there.' },
      { token: translator.token },
    );
    expect(res.status).toBe(403);
  });

  it('makes a new version only when the normalized content or title changes', async () => {
    const { slug } = await create();
    const same = await http.put(
      `${base()}/${slug}/source`,
      { content: CONTENT.replace(/\n/g, '\r\n') + '\n\n' },
      { token: admin },
    );
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({
      currentVersion: 1,
      changed: false,
      sync: { kept: 6, fuzzy: 0, added: 0, removed: 0 },
    });

    const retitled = await http.put(
      `${base()}/${slug}/source`,
      { content: CONTENT, title: 'Preparing for a clinic visit' },
      { token: admin },
    );
    expect(retitled.body).toMatchObject({
      currentVersion: 2,
      changed: true,
      sync: { kept: 5, fuzzy: 1, added: 0, removed: 0 },
    });

    const edited = CONTENT.replace('81 mg', '75 mg').replace(
      '- Ask a relative to come with you.',
      '- Arrive 15 minutes early.',
    );
    const v3 = await http.put(`${base()}/${slug}/source`, { content: edited }, { token: admin });
    expect(v3.body).toMatchObject({
      currentVersion: 3,
      changed: true,
      sync: { kept: 4, fuzzy: 1, added: 1, removed: 1 },
    });

    const versions = await http.get(`${base()}/${slug}/versions`, { token: translator.token });
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body[0]).toMatchObject({
      segmentCount: 6,
      createdBy: { id: expect.any(String) },
    });

    const diff = await http.get(`${base()}/${slug}/versions/3/diff?from=2`, {
      token: translator.token,
    });
    expect(diff.status).toBe(200);
    expect(diff.body.kept).toHaveLength(4);
    expect(diff.body.changed).toEqual([
      expect.objectContaining({
        text: expect.stringContaining('75 mg'),
        previousText: expect.stringContaining('81 mg'),
        changeRisk: 'clinical',
      }),
    ]);
    expect(diff.body.added).toEqual([
      expect.objectContaining({ text: 'Arrive 15 minutes early.' }),
    ]);
    expect(diff.body.removed).toEqual([
      expect.objectContaining({ text: 'Ask a relative to come with you.' }),
    ]);
    const defaultFrom = await http.get(`${base()}/${slug}/versions/3/diff`, { token: admin });
    expect(defaultFrom.body.from).toBe(2);
    expect((await http.get(`${base()}/${slug}/versions/9`, { token: admin })).status).toBe(404);

    // Unchanged sentences keep their id across versions.
    const [v1, v3body] = await Promise.all([
      http.get(`${base()}/${slug}/versions/1`, { token: admin }),
      http.get(`${base()}/${slug}/versions/3`, { token: admin }),
    ]);
    const idOf = (body: { segments: Array<{ id: string; text: string }> }, text: string) =>
      body.segments.find((s) => s.text === text)?.id;
    expect(idOf(v3body.body, 'Write down your questions.')).toBe(
      idOf(v1.body, 'Write down your questions.'),
    );

    const events = await outbox('article.source_changed');
    expect(events).toContainEqual(
      expect.objectContaining({
        article: slug,
        version: 3,
        previousVersion: 2,
        sync: { kept: 4, fuzzy: 1, added: 1, removed: 1 },
        changeRisk: { minor: 0, wording: 0, clinical: 1 },
        locales: ['es', 'vi'],
      }),
    );
  });

  it('refuses a bad new source without making a version', async () => {
    const { slug } = await create();
    const bad = await http.put(`${base()}/${slug}/source`, { content: '' }, { token: admin });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('EMPTY_CONTENT');
    const format = await http.put(
      `${base()}/${slug}/source`,
      { content: 'x y z.', format: 'rtf' },
      { token: admin },
    );
    expect(format.status).toBe(415);
    expect((await http.get(`${base()}/${slug}`, { token: admin })).body.currentVersion).toBe(1);
  });

  it('publishes the source locale in the same transaction as each new version', async () => {
    // worker: false here, so nothing but the version's own transaction can have published it.
    const { slug } = await create();
    const v1 = await http.get(`/api/public/projects/${project}/articles/${slug}?locale=en`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ locale: 'en', sourceVersion: 1, stale: false });
    expect(v1.body.html).toContain('Lakeside Clinic');

    const updated = await http.put(
      `${base()}/${slug}/source`,
      { content: CONTENT.replace('Lakeside Clinic', 'Riverside Clinic') },
      { token: admin },
    );
    expect(updated.body.currentVersion).toBe(2);
    // Readers cache the latest-publication lookup for a couple of seconds per process.
    const v2 = await eventually(async () => {
      const res = await http.get(`/api/public/projects/${project}/articles/${slug}?locale=en`);
      return res.body.sourceVersion === 2 ? res : undefined;
    }, 5000);
    expect(v2.body.stale).toBe(false);
    expect(v2.body.html).toContain('Riverside Clinic');
    const rows = await t.app.get(DataSource).query(
      `SELECT p.source_version, p.kind FROM publications p JOIN articles a ON a.id = p.article_id
          WHERE a.slug = $1 AND p.locale = 'en' ORDER BY p.number`,
      [slug],
    );
    expect(rows).toEqual([
      { source_version: 1, kind: 'source' },
      { source_version: 2, kind: 'source' },
    ]);
  });
});
