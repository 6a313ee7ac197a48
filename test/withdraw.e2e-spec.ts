import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventHandlerRegistry } from '../src/jobs/event-handlers';
import { PUBLISHING_HANDLERS } from '../src/publishing/publishing.module';
import { PublishingService } from '../src/publishing/publishing.service';
import { loadResources } from '../src/reader/i18n';
import { startApp, TestApp } from './support/app';
import { makeArticle, translateAndApprove } from './support/content';
import { outboxPayloads, withClient } from './support/db';
import { eventually, makeProject, makeUser, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface Publication {
  number: number;
  withdrawal: { withdrawnAt: string; withdrawnBy: { id: string } | null; reason: string } | null;
}

/**
 * Withdrawing a locale and taking a target locale off a project, seen by readers of two API
 * processes against one database: the one that made the change and one that only serves.
 */
describe('withdraw and restore (e2e)', () => {
  let t: TestApp;
  let second: TestApp;
  let http: Http;
  let reader2: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let reviewerAr: TestUser;
  let p: string;
  let a: string;

  beforeAll(async () => {
    let outsider: TestUser;
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: true }));
    void outsider;
    second = await startApp({ worker: false, databaseUrl: t.databaseUrl });
    reader2 = new Http(second.baseUrl);
    reviewerAr = await makeUser(http, admin);
    p = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'ar'],
        members: { es: { translator, reviewer }, ar: { translator, reviewer: reviewerAr } },
      })
    ).slug;
    a = (await makeArticle(http, admin, p)).slug;
    const tokens = { translator: translator.token, reviewer: reviewer.token };
    await translateAndApprove(http, tokens, p, a, 'es', (s) => `ES ${s}`);
    await translateAndApprove(
      http,
      { translator: translator.token, reviewer: reviewerAr.token },
      p,
      a,
      'ar',
      (s) => `عربي ${s}`,
    );
    for (const locale of ['es', 'ar'])
      await eventually(async () => (await publications(locale)).length === 1 || undefined, 15_000);
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const api = (locale: string) => `/api/projects/${p}/articles/${a}/locales/${locale}`;
  const publications = async (locale: string): Promise<Publication[]> =>
    (await http.get<Publication[]>(`${api(locale)}/publications`, { token: admin })).body;
  const withdraw = (
    locale: string,
    token: string,
    body: unknown = { reason: 'Dose under review' },
  ) => http.post(`${api(locale)}/withdraw`, body, { token });

  /** Everything a reader of `server` sees of the locale, in one go. */
  async function readerView(server: Http, locale: string) {
    const [page, other, sitemap, library, json] = await Promise.all([
      server.get(`/read/${p}/${locale}/${a}`),
      server.get(`/read/${p}/en/${a}`),
      server.get(`/read/${p}/sitemap.xml`),
      server.get(`/read/${p}/${locale}/`),
      server.get(`/api/public/projects/${p}/articles/${a}?locale=${locale}`),
    ]);
    const url = `/read/${p}/${locale}/${a}`;
    return {
      status: page.status,
      page,
      listedOnOtherPage: other.text.includes(`hreflang="${locale}"`),
      inSitemap: sitemap.text.includes(url),
      libraryStatus: library.status,
      json,
    };
  }

  it('lets the admin and the reviewer of the locale withdraw, nobody else, with a clean reason', async () => {
    const otherTranslator = await makeUser(http, admin);
    expect((await withdraw('es', translator.token)).status).toBe(403);
    expect((await withdraw('es', reviewerAr.token)).status).toBe(403);
    expect((await withdraw('es', otherTranslator.token)).status).toBe(403);
    for (const body of [
      {},
      { reason: '' },
      { reason: '  ' },
      { reason: 'x'.repeat(1001) },
      { reason: 'Dose \u202Egniht' },
      { reason: 'bell\u0007' },
      { reason: 'ok reason', extra: true },
    ]) {
      const res = await withdraw('es', reviewer.token, body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const source = await withdraw('en', admin);
    expect([source.status, source.body.code]).toEqual([409, 'SOURCE_LOCALE']);
    expect((await withdraw('fr', admin)).status).toBe(404);
    // Nothing of that changed anything.
    expect((await publications('es'))[0].withdrawal).toBeNull();
    expect((await http.get(`/read/${p}/es/${a}`)).status).toBe(200);
  });

  it('takes the locale off every reader surface of both processes within 2 s, recorded', async () => {
    // Both processes hold a view of the page (and its neighbours) before the withdrawal.
    for (const server of [http, reader2]) {
      const before = await readerView(server, 'es');
      expect([before.status, before.listedOnOtherPage, before.inSitemap]).toEqual([
        200,
        true,
        true,
      ]);
    }
    const res = await withdraw('es', reviewer.token, { reason: '  Dose under review  ' });
    const done = Date.now();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      locale: 'es',
      number: 1,
      reason: 'Dose under review',
      withdrawnBy: { id: reviewer.id },
    });
    for (const server of [reader2, http]) {
      const view = await eventually(async () => {
        const v = await readerView(server, 'es');
        return v.status === 410 && !v.listedOnOtherPage && !v.inSitemap ? v : undefined;
      }, 2000);
      expect(Date.now() - done).toBeLessThan(2000);
      const es = loadResources().es;
      expect(view.page.text).toContain('<html lang="es" dir="ltr">');
      expect(view.page.text).toContain(es.withdrawnTitle);
      expect(view.page.text).toContain(`href="/read/${p}/ar/${a}"`);
      expect(view.page.text).not.toContain(`href="/read/${p}/es/${a}"`);
      expect(view.page.text).not.toContain('ES Take');
      expect(view.page.headers.get('set-cookie')).toBeNull();
      expect(view.page.headers.get('cache-control')).toBe('public, max-age=10');
      expect(view.libraryStatus).toBe(404);
      expect(view.json.status).toBe(410);
      expect(view.json.body).toMatchObject({ statusCode: 410, code: 'PUBLICATION_WITHDRAWN' });
      expect(view.json.body.details.availableLocales.map((l: { code: string }) => l.code)).toEqual([
        'en',
        'ar',
      ]);
      const negotiated = await server.get(`/read/${p}/${a}`, {
        headers: { 'accept-language': 'es' },
      });
      expect(negotiated.headers.get('location')).toBe(`/read/${p}/en/${a}`);
      expect((await server.get(`/read/${p}/es/${a}?v=1`)).status).toBe(410);
    }
    const [latest] = await publications('es');
    expect(latest.withdrawal).toMatchObject({ reason: 'Dose under review' });
    expect(latest.withdrawal?.withdrawnBy?.id).toBe(reviewer.id);
    const events = (await outboxPayloads(t.databaseUrl, 'publication.withdrawn')).filter(
      (e) => e.article === a,
    );
    expect(events).toEqual([
      expect.objectContaining({
        locale: 'es',
        number: 1,
        cause: 'request',
        reason: 'Dose under review',
      }),
    ]);
    // Asking again changes nothing and says what is in force.
    const again = await withdraw('es', admin, { reason: 'Another reason' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      reason: 'Dose under review',
      withdrawnAt: res.body.withdrawnAt,
    });
    expect(await outboxPayloads(t.databaseUrl, 'publication.withdrawn')).toHaveLength(
      events.length,
    );
  });

  it('stays withdrawn when an old approval event is delivered again, or on reconciliation', async () => {
    const articleId = await withClient(t.databaseUrl, async (db) => {
      const { rows } = await db.query(`SELECT id FROM articles WHERE slug = $1`, [a]);
      return rows[0].id as string;
    });
    const handler = t.app
      .get(EventHandlerRegistry)
      .for('locale.approved')
      .find((h) => h.name === PUBLISHING_HANDLERS.approved);
    await t.app.get(DataSource).transaction((manager) =>
      handler!.handle(
        {
          eventId: randomUUID(),
          type: 'locale.approved',
          payload: { articleId, locale: 'es', version: 1 },
          occurredAt: new Date().toISOString(),
        },
        manager,
      ),
    );
    expect(await publications('es')).toHaveLength(1);
    // Nor does the reconciliation, even when the content changed without a new approval.
    await withClient(t.databaseUrl, (db) =>
      db.query(
        `UPDATE translations SET target = target || ' ' WHERE article_id = $1 AND locale = 'es'`,
        [articleId],
      ),
    );
    await t.app.get(PublishingService).reconcileApprovedLocales();
    expect(await publications('es')).toHaveLength(1);
    expect((await http.get(`/read/${p}/es/${a}`)).status).toBe(410);
    await withClient(t.databaseUrl, (db) =>
      db.query(
        `UPDATE translations SET target = rtrim(target) WHERE article_id = $1 AND locale = 'es'`,
        [articleId],
      ),
    );
  });

  it('restores the locale when it is published again', async () => {
    const res = await http.post(`${api('es')}/publish`, undefined, { token: reviewer.token });
    expect(res.status).toBe(202);
    expect(res.body.jobId).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(async () => (await publications('es')).length === 2 || undefined, 15_000);
    const [restored, withdrawn] = await publications('es');
    expect(restored.withdrawal).toBeNull();
    expect(withdrawn.withdrawal).toMatchObject({ reason: 'Dose under review' });
    for (const server of [reader2, http]) {
      const view = await eventually(async () => {
        const v = await readerView(server, 'es');
        return v.status === 200 && v.listedOnOtherPage && v.inSitemap ? v : undefined;
      }, 2000);
      expect(view.page.text).toContain('ES Take');
      expect(view.json.status).toBe(200);
    }
    const published = (await outboxPayloads(t.databaseUrl, 'article.published')).filter(
      (e) => e.article === a && e.locale === 'es',
    );
    expect(published.at(-1)).toMatchObject({ number: 2, restored: true, cause: 'request' });
    // Published and not withdrawn: asking again is a no-op.
    const again = await http.post(`${api('es')}/publish`, undefined, { token: reviewer.token });
    expect(again.status).toBe(200);
  });

  it('stops serving a target locale taken off the project, and serves it again when re-added', async () => {
    const removed = await http.patch(
      `/api/projects/${p}`,
      { targetLocales: ['es'] },
      { token: admin },
    );
    expect(removed.status).toBe(200);
    const done = Date.now();
    for (const server of [reader2, http]) {
      const view = await eventually(async () => {
        const v = await readerView(server, 'ar');
        return v.status === 410 && !v.listedOnOtherPage && !v.inSitemap ? v : undefined;
      }, 2000);
      expect(Date.now() - done).toBeLessThan(2000);
      expect(view.page.text).toContain('<html lang="ar" dir="rtl">');
      expect(view.page.text).toContain(loadResources().ar.withdrawnTitle);
      expect(view.json.status).toBe(410);
    }
    const withdrawn = (await outboxPayloads(t.databaseUrl, 'publication.withdrawn')).filter(
      (e) => e.article === a && e.locale === 'ar',
    );
    expect(withdrawn).toEqual([expect.objectContaining({ cause: 'locale-removed', number: 1 })]);
    const history = await http.get<Publication[]>(`${api('ar')}/publications`, { token: admin });
    expect(history.status).toBe(200);

    const added = await http.patch(
      `/api/projects/${p}`,
      { targetLocales: ['es', 'ar'] },
      { token: admin },
    );
    expect(added.status).toBe(200);
    for (const server of [reader2, http]) {
      const view = await eventually(async () => {
        const v = await readerView(server, 'ar');
        return v.status === 200 && v.listedOnOtherPage && v.inSitemap ? v : undefined;
      }, 2000);
      expect(view.page.text).toContain('عربي');
    }
    // The last publication is served again: no new one was made.
    expect(await publications('ar')).toHaveLength(1);
    const republished = (await outboxPayloads(t.databaseUrl, 'article.published')).filter(
      (e) => e.article === a && e.locale === 'ar',
    );
    expect(republished.at(-1)).toMatchObject({ number: 1, restored: true, cause: 'locale-added' });
  });
});
