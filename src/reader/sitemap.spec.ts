import { renderSitemap, SITEMAP_MAX_URLS } from './sitemap';

const when = new Date('2026-11-20T08:30:00.000Z');

describe('renderSitemap', () => {
  const xml = renderSitemap('https://health.example', 'library', [
    {
      slug: 'managing-fatigue',
      locales: [
        { code: 'en', lastPublished: when },
        { code: 'zh-Hans', lastPublished: new Date('2026-11-21T00:00:00.000Z') },
      ],
    },
    { slug: 'sleep', locales: [{ code: 'ar', lastPublished: when }] },
  ]);

  it('lists every published page once, with when it was last published', () => {
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([
      'https://health.example/read/library/en/',
      'https://health.example/read/library/zh-Hans/',
      'https://health.example/read/library/ar/',
      'https://health.example/read/library/en/managing-fatigue',
      'https://health.example/read/library/zh-Hans/managing-fatigue',
      'https://health.example/read/library/ar/sleep',
    ]);
    expect(xml).toContain('<lastmod>2026-11-21T00:00:00.000Z</lastmod>');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset ')).toBe(true);
  });

  it('names every language version of a page, and the negotiating URL as x-default', () => {
    const urls = xml.split('</url>');
    const first = urls[3];
    expect(first).toContain(
      '<xhtml:link rel="alternate" hreflang="zh-Hans" href="https://health.example/read/library/zh-Hans/managing-fatigue"/>',
    );
    expect(first).toContain(
      '<xhtml:link rel="alternate" hreflang="x-default" href="https://health.example/read/library/managing-fatigue"/>',
    );
    expect(first.match(/<xhtml:link /g)).toHaveLength(3);
    const last = urls[5];
    expect(last.match(/<xhtml:link /g)).toHaveLength(2);
  });

  it("lists each locale's library index first, with its language versions", () => {
    const zh = xml.split('</url>')[1];
    expect(zh).toContain('<loc>https://health.example/read/library/zh-Hans/</loc>');
    expect(zh).toContain('<lastmod>2026-11-21T00:00:00.000Z</lastmod>');
    expect(zh).toContain(
      '<xhtml:link rel="alternate" hreflang="ar" href="https://health.example/read/library/ar/"/>',
    );
    expect(zh).toContain(
      '<xhtml:link rel="alternate" hreflang="x-default" href="https://health.example/read/library"/>',
    );
    expect(zh.match(/<xhtml:link /g)).toHaveLength(4);
  });

  it('escapes what XML would otherwise read as markup', () => {
    const escaped = renderSitemap('https://h.example/?a=1&b=<2>', 'p', [
      { slug: 's', locales: [{ code: 'en', lastPublished: when }] },
    ]);
    expect(escaped).toContain('<loc>https://h.example/?a=1&amp;b=&lt;2&gt;/read/p/en/s</loc>');
    expect(escaped).toContain('<loc>https://h.example/?a=1&amp;b=&lt;2&gt;/read/p/en/</loc>');
    expect(escaped).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });

  it('stops at the sitemaps.org limit of URLs', () => {
    const locales = Array.from({ length: 10 }, (_, i) => ({ code: `l${i}`, lastPublished: when }));
    const articles = Array.from({ length: SITEMAP_MAX_URLS / 10 + 1 }, (_, i) => ({
      slug: `a${i}`,
      locales,
    }));
    const big = renderSitemap('https://h.example', 'p', articles);
    expect(big.match(/<url>/g)).toHaveLength(SITEMAP_MAX_URLS);
  });

  it('is a valid empty urlset for a project with nothing published', () => {
    expect(renderSitemap('https://h.example', 'p', [])).toMatch(/<urlset [^>]+>\n<\/urlset>\n$/);
  });
});
