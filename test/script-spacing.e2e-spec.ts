import { makeArticle, segments } from './support/content';
import { eventually, makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTranslatorSession } from './support/team';

const CONTENT = [
  'Rest at home after the visit. Drink plenty of water. Call us if the pain gets worse.',
  '',
  '- Keep the wound clean. Cover the wound with a clean cloth.',
].join('\n');

/** Translations written for this test, per locale, keyed by the English segment. */
const TRANSLATIONS: Record<string, Record<string, string>> = {
  'zh-Hans': {
    'After your visit': '就诊之后',
    'Rest at home after the visit.': '就诊后请在家休息。',
    'Drink plenty of water.': '多喝水。',
    'Call us if the pain gets worse.': '如果疼痛加重，请联系我们。',
    'Keep the wound clean.': '保持伤口清洁。',
    'Cover the wound with a clean cloth.': '用干净的布盖住伤口。',
  },
  ja: {
    'After your visit': '受診の後',
    'Rest at home after the visit.': '受診の後は自宅で休んでください。',
    'Drink plenty of water.': '水をたくさん飲んでください。',
    'Call us if the pain gets worse.': '痛みが強くなったら、ご連絡ください。',
    'Keep the wound clean.': '傷口を清潔に保ってください。',
    'Cover the wound with a clean cloth.': 'きれいな布で傷口を覆ってください。',
  },
};

describe('Chinese and Japanese pages join sentences without Latin spaces (e2e)', () => {
  let close: () => Promise<void>;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let project: string;
  let article: string;

  beforeAll(async () => {
    const session = await startTranslatorSession({ worker: true });
    ({ http, admin, translator, close } = session);
    ({ slug: project } = await makeProject(http, admin, {
      targetLocales: ['zh-Hans', 'ja'],
      requireReview: false,
      members: { 'zh-Hans': { translator }, ja: { translator } },
    }));
    ({ slug: article } = await makeArticle(http, admin, project, {
      title: 'After your visit',
      content: CONTENT,
    }));
    for (const [locale, targets] of Object.entries(TRANSLATIONS)) {
      for (const segment of await segments(http, translator.token, project, article, locale)) {
        const saved = await http.put(
          `/api/projects/${project}/articles/${article}/locales/${locale}/segments/${segment.id}`,
          { target: targets[segment.source], revision: segment.revision },
          { token: translator.token },
        );
        expect(saved.status).toBe(200);
      }
    }
  });
  afterAll(() => close());

  /** The reader page once the locale's first publication exists. */
  async function page(locale: string): Promise<string> {
    return eventually(async () => {
      const res = await http.get(`/read/${project}/${locale}/${article}`);
      return res.status === 200 ? res.text : undefined;
    }, 15_000);
  }

  it('publishes zh-Hans with no space after 。 in the body or the date line', async () => {
    const html = await page('zh-Hans');
    expect(html).toContain('<html lang="zh-Hans"');
    expect(html).toContain('<p>就诊后请在家休息。多喝水。如果疼痛加重，请联系我们。</p>');
    expect(html).toContain('<li>保持伤口清洁。用干净的布盖住伤口。</li>');
    expect(html).toMatch(/<p class="meta">译自[^<]*的英文版本。于[^<]*发布。<\/p>/);
    expect(html).not.toMatch(/[。！？；：、）」] /u);
  });

  it('publishes ja with no space after 。 in the body or the date line', async () => {
    const html = await page('ja');
    expect(html).toContain('<html lang="ja"');
    expect(html).toContain(
      '<p>受診の後は自宅で休んでください。水をたくさん飲んでください。痛みが強くなったら、ご連絡ください。</p>',
    );
    expect(html).toContain(
      '<li>傷口を清潔に保ってください。きれいな布で傷口を覆ってください。</li>',
    );
    expect(html).toMatch(
      /<p class="meta">[^<]*翻訳しました。(確認日：[^<]*\u3000)?公開日：[^<]*<\/p>/u,
    );
    expect(html).not.toMatch(/[。！？；：、）」] /u);
  });

  it('keeps the English spacing on the source page', async () => {
    const html = await page('en');
    expect(html).toContain(
      '<p>Rest at home after the visit. Drink plenty of water. Call us if the pain gets worse.</p>',
    );
  });
});
