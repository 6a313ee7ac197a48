import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf, SegmentItem } from './support/content';
import { makeProject, TestUser, unique } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

/**
 * The clinical checks through `PUT .../segments/:id`: a dangerous target is refused with 422
 * CHECK_FAILED naming the failing check and changes nothing; a reversed instruction saves with
 * a NEGATION warning; correct translations in each locale's conventions save.
 */
const CONTENT = [
  'Take 5 mg of the medicine twice a day.',
  'Do not exceed 4 doses in 24 hours.',
  'Take two tablets every 8 hours.',
  'Do not take with alcohol.',
  'Take 1 tablet.',
  'Most adults need 1,000 mg a day.',
].join('\n\n');

interface CheckBody {
  code: string;
  severity: string;
  details?: Record<string, unknown>;
}

describe('clinical checks on save (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let project: string;
  let article: string;

  beforeAll(async () => {
    ({ t, http, admin, translator } = await startTeam({ worker: false }));
    const locales = ['es', 'zh-Hans', 'ar', 'vi'];
    const members = Object.fromEntries(locales.map((l) => [l, { translator }]));
    ({ slug: project } = await makeProject(http, admin, { targetLocales: locales, members }));
    ({ slug: article } = await makeArticle(http, admin, project, {
      slug: unique('dosing'),
      title: 'Dosing',
      format: 'text',
      content: CONTENT,
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  const base = (locale: string) =>
    `/api/projects/${project}/articles/${article}/locales/${locale}/segments`;

  async function segment(locale: string, source: string): Promise<SegmentItem> {
    const all = await segmentsOf(http, translator.token, project, article, locale);
    const found = all.find((s) => s.source === source);
    if (!found) throw new Error(`no segment ${source}`);
    return found;
  }

  async function save(locale: string, source: string, target: string) {
    const seg = await segment(locale, source);
    const res = await http.put(
      `${base(locale)}/${seg.id}`,
      { target, revision: seg.revision },
      { token: translator.token },
    );
    return { res, seg };
  }

  /** A refused save: 422 CHECK_FAILED naming `code`, and the segment as it was. */
  async function expectRefused(locale: string, source: string, target: string, code: string) {
    const { res, seg } = await save(locale, source, target);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'CHECK_FAILED',
      message: expect.any(String),
    });
    const checks = res.body.details.checks as CheckBody[];
    expect(checks).toContainEqual(expect.objectContaining({ code, severity: 'error' }));
    const after = await http.get(`${base(locale)}/${seg.id}`, { token: translator.token });
    expect(after.body).toMatchObject({
      revision: seg.revision,
      target: seg.target,
      state: seg.state,
    });
    return checks.find((c) => c.code === code);
  }

  it('refuses a changed unit (5 mg → 5 g)', async () => {
    const check = await expectRefused(
      'es',
      'Take 5 mg of the medicine twice a day.',
      'Tome 5 g del medicamento dos veces al día.',
      'UNITS',
    );
    expect(check?.details).toEqual({
      problems: [{ kind: 'unit-changed', value: '5', expected: 'mg', found: 'g' }],
    });
  });

  it('refuses numbers swapped between their units', async () => {
    await expectRefused(
      'es',
      'Do not exceed 4 doses in 24 hours.',
      'No supere 24 dosis en 4 horas.',
      'UNITS',
    );
    await expectRefused(
      'zh-Hans',
      'Do not exceed 4 doses in 24 hours.',
      '4小时内不要超过24剂。',
      'UNITS',
    );
  });

  it('refuses a changed time unit (hours → days)', async () => {
    await expectRefused(
      'es',
      'Take two tablets every 8 hours.',
      'Tome dos comprimidos cada 8 días.',
      'UNITS',
    );
    await expectRefused(
      'vi',
      'Take two tablets every 8 hours.',
      'Uống hai viên mỗi 8 ngày.',
      'UNITS',
    );
  });

  it('refuses a different spelled-out quantity', async () => {
    await expectRefused(
      'es',
      'Take two tablets every 8 hours.',
      'Tome tres comprimidos cada 8 horas.',
      'NUMBERS',
    );
  });

  it('refuses a bidi override that shows 5 mg as something else', async () => {
    const check = await expectRefused(
      'ar',
      'Take 5 mg of the medicine twice a day.',
      'تناول \u202E5\u202C ملغ من الدواء مرتين يوميًا.',
      'TEXT_HYGIENE',
    );
    expect(check?.details?.problems).toContainEqual(
      expect.objectContaining({ kind: 'bidi-override', codePoint: 'U+202E' }),
    );
  });

  it('refuses NUL and other control characters with 422, never a 500', async () => {
    const nul = await expectRefused(
      'es',
      'Take 5 mg of the medicine twice a day.',
      'Tome 5 mg\u0000 del medicamento dos veces al día.',
      'TEXT_HYGIENE',
    );
    expect(nul?.details).toMatchObject({ problems: [expect.objectContaining({ kind: 'nul' })] });
    await expectRefused('es', 'Take 1 tablet.', 'Tome 1\u0008 comprimido.', 'TEXT_HYGIENE');
  });

  it('refuses a target with no visible character', async () => {
    await expectRefused('vi', 'Take 1 tablet.', '\u200B\u2060\u200B', 'TEXT_HYGIENE');
  });

  it('saves a target that drops a negation, with a NEGATION warning', async () => {
    const { res } = await save('es', 'Do not take with alcohol.', 'Tome con alcohol.');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('translated');
    expect(res.body.checks).toContainEqual(
      expect.objectContaining({ code: 'NEGATION', severity: 'warning' }),
    );
    const ok = await save('ar', 'Do not take with alcohol.', 'لا تتناوله مع الكحول.');
    expect(ok.res.status).toBe(200);
    expect((ok.res.body.checks as CheckBody[]).map((c) => c.code)).not.toContain('NEGATION');
  });

  it.each([
    ['es', 'Take two tablets every 8 hours.', 'Tome 2 comprimidos cada 8 horas.'],
    ['es', 'Take 1 tablet.', 'Tome un comprimido.'],
    [
      'es',
      'Most adults need 1,000 mg a day.',
      'La mayoría de los adultos necesita 1 000 mg al día.',
    ],
    ['vi', 'Most adults need 1,000 mg a day.', 'Hầu hết người lớn cần 1.000 mg mỗi ngày.'],
    ['zh-Hans', 'Take 5 mg of the medicine twice a day.', '每日两次，每次服用5毫克药物。'],
    ['zh-Hans', 'Take two tablets every 8 hours.', '每8小时服用两片。'],
    ['ar', 'Do not exceed 4 doses in 24 hours.', 'لا تتجاوز ٤ جرعات في ٢٤ ساعة.'],
    ['ar', 'Take 5 mg of the medicine twice a day.', 'تناول \u200F٥ ملغ من الدواء مرتين يوميًا.'],
  ])('saves the correct %s translation of %j', async (locale, source, target) => {
    const { res } = await save(locale, source, target);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ target, state: 'translated', revision: 1 });
    expect((res.body.checks as CheckBody[]).filter((c) => c.severity === 'error')).toEqual([]);
  });

  it('refuses a NUL in a segment id with the contract error body, not a 500', async () => {
    const res = await http.put(
      `${base('es')}/abc%00def`,
      { target: 'Tome un comprimido.', revision: 0 },
      { token: translator.token },
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String) });
  });

  describe('the same hygiene on comments, glossary entries and titles (400)', () => {
    it('refuses a comment with a bidi override or only invisible characters', async () => {
      const seg = await segment('es', 'Take 1 tablet.');
      for (const body of ['Use \u202E25\u202C here', '\u200B', 'bad\u0000byte']) {
        const res = await http.post(
          `${base('es')}/${seg.id}/comments`,
          { body },
          { token: translator.token },
        );
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { errors: [{ field: 'body' }] },
        });
      }
      const ok = await http.post(
        `${base('es')}/${seg.id}/comments`,
        { body: 'هل الجرعة \u200Fيومية؟' },
        { token: translator.token },
      );
      expect(ok.status).toBe(201);
    });

    it('refuses a glossary term, translation or note with control or bidi characters', async () => {
      const url = `/api/projects/${project}/glossary`;
      for (const [field, value] of [
        ['term', 'ibu\u0000profen'],
        ['translation', 'ibuprofeno\u202E'],
        ['note', 'a note\u0007'],
      ] as const) {
        const body = { term: 'ibuprofen', locale: 'es', translation: 'ibuprofeno', [field]: value };
        const res = await http.post(url, body, { token: admin });
        expect(res.status).toBe(400);
        expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field }));
      }
      const list = await http.get<unknown[]>(url, { token: admin });
      expect(list.body).toEqual([]);
    });

    it('refuses an article title with a bidi override, creating nothing', async () => {
      const slug = unique('bidi-title');
      const res = await http.post(
        `/api/projects/${project}/articles`,
        { slug, title: 'Dose \u202E52\u202C mg', format: 'text', content: 'Take 25 mg.' },
        { token: admin },
      );
      expect(res.status).toBe(400);
      expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field: 'title' }));
      const get = await http.get(`/api/projects/${project}/articles/${slug}`, { token: admin });
      expect(get.status).toBe(404);
      const update = await http.put(
        `/api/projects/${project}/articles/${article}/source`,
        { content: CONTENT, title: '\u200B' },
        { token: admin },
      );
      expect(update.status).toBe(400);
    });
  });
});
