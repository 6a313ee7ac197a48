import { segmentDocument } from '../segmentation';
import { runChecks, hasBlockingFailure } from '../checks';
import { DEMO_LOCALES, loadDemoArticles } from './demo-seeder';

/** The demo translations are keyed by English segment text: the keys must be what the real segmenter produces. */
describe('demo content', () => {
  const articles = loadDemoArticles();

  it('has three complete articles and one mid-update article', () => {
    expect(articles).toHaveLength(4);
    expect(articles.filter((a) => a.contentV2)).toHaveLength(1);
  });

  describe.each(articles.map((a) => [a.slug, a] as const))('%s', (_slug, article) => {
    const { segments } = segmentDocument({
      content: article.content,
      format: article.format,
      locale: 'en',
      title: article.title,
    });
    const texts = segments.filter((s) => s.kind !== 'title').map((s) => s.text);

    it.each(DEMO_LOCALES.map((l) => [l]))(
      '%s has exactly one translation per segment, passing the blocking checks',
      (locale) => {
        const translation = article.translations[locale];
        expect(Object.keys(translation.segments).sort()).toEqual([...texts].sort());
        for (const source of texts) {
          const checks = runChecks({
            source,
            target: translation.segments[source],
            sourceLocale: 'en',
            targetLocale: locale,
          });
          expect([source, hasBlockingFailure(checks)]).toEqual([source, false]);
        }
      },
    );
  });
});
