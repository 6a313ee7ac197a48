import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf, SegmentItem } from './support/content';
import { makeProject, makeUser, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

const CONTENT = [
  '## Before the scan',
  '',
  'Do not eat for **4 hours** before the scan.',
  '',
  '- Wear loose clothes.',
  '- Leave jewellery at home.',
].join('\n');

/**
 * GET .../locales/:locale/preview: the article rendered from the current targets in any
 * state, through the reader's renderer and sanitizer, for members; never cached by a shared
 * cache, never published.
 */
describe('locale preview (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let frTranslator: TestUser;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
    frTranslator = await makeUser(http, admin);
  });
  afterAll(async () => {
    await t.close();
  });

  async function setup() {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'ar', 'fr'],
        members: {
          es: { translator, reviewer },
          ar: { translator },
          fr: { translator: frTranslator },
        },
      })
    ).slug;
    const { slug: article } = await makeArticle(http, admin, project, {
      slug: unique('scan'),
      title: 'Your scan',
      content: CONTENT,
    });
    const locale = (code: string) => `/api/projects/${project}/articles/${article}/locales/${code}`;
    const save = async (code: string, segment: SegmentItem, target: string) => {
      const saved = await http.put(
        `${locale(code)}/segments/${segment.id}`,
        { target, revision: segment.revision },
        { token: translator.token },
      );
      if (saved.status !== 200) throw new Error(`save ${saved.status} ${saved.text}`);
      return saved.body as SegmentItem;
    };
    const segments = await segmentsOf(http, admin, project, article, 'es');
    return { project, article, locale, save, segments };
  }

  it('renders the current targets in any state, the rest as marked English, with counts', async () => {
    const { locale, save, segments } = await setup();
    const [title, heading, paragraph, first] = segments;
    expect(paragraph.source).toBe('Do not eat for {1}4 hours{/1} before the scan.');
    await save('es', title, 'Su exploración');
    const savedHeading = await save('es', heading, 'Antes de la exploración');
    const approved = await http.post(
      `${locale('es')}/segments/${heading.id}/review`,
      { decision: 'approve', revision: savedHeading.revision },
      { token: reviewer.token },
    );
    expect(approved.status).toBe(200);
    await save('es', paragraph, 'No coma durante {1}4 horas{/1} antes de la exploración.');
    await save(
      'es',
      first,
      'Lleve ropa <script>alert(document.cookie)</script><img src=x onerror=alert(document.domain)>.',
    );

    const res = await http.get(`${locale('es')}/preview`, { token: translator.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.body).toEqual({
      locale: 'es',
      direction: 'ltr',
      title: 'Su exploración',
      html: expect.any(String),
      sourceVersion: 1,
      counts: { approved: 1, translated: 3, fuzzy: 0, rejected: 0, untranslated: 1 },
    });
    const html: string = res.body.html;
    expect(html).toContain('<h2>Antes de la exploración</h2>');
    // A draft (not approved) shows, with its inline codes restored as the source's markup.
    expect(html).toContain('No coma durante <strong>4 horas</strong> antes de la exploración.');
    // The untranslated list item: its English, marked so the app can style it.
    expect(html).toContain(
      '<span data-untranslated lang="en" dir="ltr" class="tms-fallback">Leave jewellery at home.</span>',
    );
    // A translation is text, never markup.
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;&lt;img src=x');
    // Nothing published: a preview is not a publication.
    const publications = await http.get(`${locale('es')}/publications`, { token: admin });
    expect(publications.body).toEqual([]);
  });

  it('gives the direction of a right-to-left locale and the English where nothing is translated', async () => {
    const { locale, save, segments } = await setup();
    await save('ar', segments[2], 'لا تأكل لمدة {1}4 ساعات{/1} قبل الفحص.');
    const res = await http.get(`${locale('ar')}/preview`, { token: admin });
    expect(res.body).toMatchObject({
      locale: 'ar',
      direction: 'rtl',
      title: 'Your scan',
      counts: { translated: 1, untranslated: segments.length - 1 },
    });
    expect(res.body.html).toContain('<strong>');
    expect(res.body.html).toContain('data-untranslated lang="en" dir="ltr"');
  });

  it('is for members of the project (any locale) and admins; 401 without a token', async () => {
    const { locale } = await setup();
    for (const who of [translator.token, reviewer.token, frTranslator.token, admin]) {
      expect((await http.get(`${locale('es')}/preview`, { token: who })).status).toBe(200);
    }
    const outside = await http.get(`${locale('es')}/preview`, { token: outsider.token });
    expect([outside.status, outside.body.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await http.get(`${locale('es')}/preview`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.html).toBeUndefined();
  });

  it('404 for an unknown project, article or locale', async () => {
    const { project, article, locale } = await setup();
    for (const path of [
      `/api/projects/nope/articles/${article}/locales/es/preview`,
      `/api/projects/${project}/articles/nope/locales/es/preview`,
      `/api/projects/${project}/articles/${article}/locales/de/preview`,
      `/api/projects/${project}/articles/${article}/locales/not-a-locale/preview`,
    ]) {
      const res = await http.get(path, { token: admin });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    expect((await http.get(`${locale('es')}/preview`, { token: admin })).status).toBe(200);
  });
});
