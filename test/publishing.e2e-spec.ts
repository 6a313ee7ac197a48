import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventHandlerRegistry } from '../src/jobs/event-handlers';
import { OutboxService } from '../src/jobs/outbox.service';
import { PUBLISHING_HANDLERS } from '../src/publishing/publishing.module';
import { PublishingService } from '../src/publishing/publishing.service';
import { TestApp } from './support/app';
import { outboxPayloads, withClient } from './support/db';
import { ARTICLE_MD, makeArticle, segments, translateAndApprove } from './support/content';
import { eventually, makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface Publication {
  number: number;
  sourceVersion: number;
  kind: string;
  publishedAt: string;
  url: string;
  withdrawal: { reason: string } | null;
}

describe('publishing (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let tokens: { translator: string; reviewer: string };

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: true }));
    tokens = { translator: translator.token, reviewer: reviewer.token };
  });
  afterAll(() => t.close());

  async function project(overrides: Parameters<typeof makeProject>[2] = {}): Promise<string> {
    const members = { es: { translator, reviewer }, ar: { translator, reviewer } };
    return (await makeProject(http, admin, { targetLocales: ['es', 'ar'], members, ...overrides }))
      .slug;
  }

  /** A project and an article whose Spanish translation is approved and published once. */
  async function publishedInSpanish(
    overrides: Parameters<typeof makeProject>[2] = {},
  ): Promise<{ p: string; a: string }> {
    const p = await project(overrides);
    const { slug: a } = await makeArticle(http, admin, p);
    await translateAndApprove(http, tokens, p, a, 'es', (s) => `ES ${s}`);
    await publishedCount(p, a, 'es', 1);
    return { p, a };
  }

  const publications = async (p: string, a: string, locale: string): Promise<Publication[]> => {
    const res = await http.get<Publication[]>(
      `/api/projects/${p}/articles/${a}/locales/${locale}/publications`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    return res.body;
  };
  const publishedCount = (p: string, a: string, locale: string, n: number) =>
    eventually(async () => (await publications(p, a, locale)).length === n || undefined, 15_000);

  it('publishes the source locale for each version and a fully approved locale automatically, once', async () => {
    const p = await project();
    const { slug: a } = await makeArticle(http, admin, p);
    await publishedCount(p, a, 'en', 1);
    expect(await publications(p, a, 'es')).toEqual([]);

    await translateAndApprove(http, tokens, p, a, 'es', (s) => `ES ${s}`);
    await publishedCount(p, a, 'es', 1);
    const [first] = await publications(p, a, 'es');
    expect(first).toMatchObject({ number: 1, sourceVersion: 1, kind: 'complete' });
    expect(first.url).toMatch(new RegExp(`/read/${p}/es/${a}\\?v=1$`));

    // Asking again for the same content: answered at once, nothing queued.
    const again = await http.post(
      `/api/projects/${p}/articles/${a}/locales/es/publish`,
      undefined,
      {
        token: reviewer.token,
      },
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ published: false, reason: 'unchanged', number: 1 });

    const page = await http.get(`/read/${p}/es/${a}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('ES Take <strong>2 tablets</strong> with water.');
    expect(page.text).toContain('<title>ES Taking your medicine');
  });

  it('refuses to publish an incomplete locale under the complete policy (409) and forbids non-reviewers', async () => {
    const p = await project();
    const { slug: a } = await makeArticle(http, admin, p);
    await translateAndApprove(
      http,
      tokens,
      p,
      a,
      'es',
      (s) => `ES ${s}`,
      (s) => s.position < 2,
    );
    const res = await http.post(`/api/projects/${p}/articles/${a}/locales/es/publish`, undefined, {
      token: reviewer.token,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_PUBLISHABLE');
    expect(res.body.details).toMatchObject({ policy: 'complete', approved: 2 });
    const forbidden = await http.post(
      `/api/projects/${p}/articles/${a}/locales/es/publish`,
      undefined,
      {
        token: outsider.token,
      },
    );
    expect(forbidden.status).toBe(403);
  });

  it('renders a translation carrying <script> or onerror as text', async () => {
    const p = await project();
    const { slug: a } = await makeArticle(http, admin, p);
    await translateAndApprove(http, tokens, p, a, 'es', (s, seg) =>
      seg.position === 0
        ? `${s} <script>alert(document.domain)</script>`
        : `${s} <img src=x onerror=alert(document.cookie)>`,
    );
    await publishedCount(p, a, 'es', 1);
    const page = await http.get(`/read/${p}/es/${a}`);
    expect(page.text).toContain('&lt;img src=x onerror=alert(document.cookie)&gt;');
    expect(page.text).toContain('&lt;script&gt;alert(document.domain)&lt;/script&gt;');
    expect(page.text).not.toMatch(/<script|<img[^>]*onerror/i);
  });

  it('publishes with English fill-ins under the fallback policy, marked and language-tagged', async () => {
    const p = await project({ publishPolicy: 'fallback' });
    const { slug: a } = await makeArticle(http, admin, p);
    await translateAndApprove(
      http,
      tokens,
      p,
      a,
      'ar',
      (s) => `عربي ${s}`,
      (s) => s.position < 2,
    );
    const res = await http.post(`/api/projects/${p}/articles/${a}/locales/ar/publish`, undefined, {
      token: reviewer.token,
    });
    expect(res.status).toBe(202);
    await publishedCount(p, a, 'ar', 1);
    expect((await publications(p, a, 'ar'))[0].kind).toBe('fallback');
    const page = await http.get(`/read/${p}/ar/${a}`);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toMatch(/<span lang="en" dir="ltr" class="tms-fallback" title="[^"]+">/);
    expect(page.text).toContain('class="tms-fallback-marker"');
    expect(page.text).toContain('class="notice fallback"');

    // Approving the rest publishes the complete translation as number 2.
    await translateAndApprove(http, tokens, p, a, 'ar', (s) => `عربي ${s}`);
    await publishedCount(p, a, 'ar', 2);
    expect((await publications(p, a, 'ar'))[0]).toMatchObject({ number: 2, kind: 'complete' });
  });

  it('republishes with English fill-ins as soon as the English changes, under the fallback policy', async () => {
    const { p, a } = await publishedInSpanish({ publishPolicy: 'fallback' });
    const changed = await http.put(
      `/api/projects/${p}/articles/${a}/source`,
      { content: ARTICLE_MD.replace('- Drink fluids.', '- Drink plenty of fluids.') },
      { token: admin },
    );
    expect(changed.status).toBe(200);
    // Nobody asks: the new version goes out with the changed item in English, marked.
    await publishedCount(p, a, 'es', 2);
    expect((await publications(p, a, 'es'))[0]).toMatchObject({
      number: 2,
      sourceVersion: 2,
      kind: 'fallback',
    });
    const page = await eventually(async () => {
      const res = await http.get(`/read/${p}/es/${a}`);
      return res.text.includes('Drink plenty of fluids.') ? res : undefined;
    });
    expect(page.text).not.toContain('class="notice stale"');
    expect(page.text).toContain('ES Rest for 30 minutes after each dose.');
    expect(page.text).toMatch(
      /<span lang="en" dir="ltr" class="tms-fallback"[^>]*>Drink plenty of fluids\./,
    );
    // The Arabic locale had nothing approved: it stays unpublished rather than all-English.
    expect(await publications(p, a, 'ar')).toEqual([]);
  });

  it('keeps serving a stale translation with a notice, and republishes after re-approval', async () => {
    const { p, a } = await publishedInSpanish();
    const changed = await http.put(
      `/api/projects/${p}/articles/${a}/source`,
      {
        content:
          'Take **2 tablets** with water. Rest for 30 minutes after each dose.\n\nNew advice here.',
      },
      { token: admin },
    );
    expect(changed.status).toBe(200);
    await publishedCount(p, a, 'en', 2);
    const page = await http.get(`/read/${p}/es/${a}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('class="notice stale"');
    expect(page.text).toContain(`href="/read/${p}/en/${a}"`);

    await translateAndApprove(http, tokens, p, a, 'es', (s) => `ES ${s}`);
    await publishedCount(p, a, 'es', 2);
    // Each API process trusts its lookup for a couple of seconds (well within max-age).
    const fresh = await eventually(async () => {
      const res = await http.get(`/read/${p}/es/${a}`);
      return res.text.includes('class="notice stale"') ? undefined : res;
    });
    expect(fresh.text).toContain('ES New advice here.');
  });

  it('withdraws a translation after a clinical source change under withdraw-on-clinical', async () => {
    const { p, a } = await publishedInSpanish({ stalePolicy: 'withdraw-on-clinical' });
    const changed = await http.put(
      `/api/projects/${p}/articles/${a}/source`,
      {
        content:
          '## What to expect\n\nTake **3 tablets** with water. Rest for 30 minutes after each dose.\n\n- Drink fluids.\n- Call us at 555-0100 if you feel dizzy.',
      },
      { token: admin },
    );
    expect(changed.status).toBe(200);
    const clinical = (await segments(http, admin, p, a, 'es')).some((s) => s.state === 'fuzzy');
    expect(clinical).toBe(true);
    await publishedCount(p, a, 'en', 2);
    const page = await eventually(async () => {
      const res = await http.get(`/read/${p}/es/${a}`);
      return res.text.includes('class="notice withdrawn"') ? res : undefined;
    });
    expect(page.text).toContain('<html lang="es" dir="ltr">');
    expect(page.text).toContain('<article lang="en" dir="ltr">');
    expect(page.text).toContain('Take <strong>3 tablets</strong>');
    expect(page.text).not.toContain('ES Take');
    const json = await http.get(`/api/public/projects/${p}/articles/${a}?locale=es`);
    expect(json.body).toMatchObject({ locale: 'en', stale: true, withdrawn: true });
  });
  /** The handler registered for `type` under `name`, as the events processor runs it. */
  function handler(type: string, name: string) {
    const found = t.app
      .get(EventHandlerRegistry)
      .for(type)
      .find((h) => h.name === name);
    if (!found) throw new Error(`no handler ${name} for ${type}`);
    return found;
  }

  /** Runs a handler on a new event, in its own transaction, as a (re)delivery would. */
  const deliver = (type: string, name: string, payload: Record<string, unknown>) =>
    t.app
      .get(DataSource)
      .transaction((manager) =>
        handler(type, name).handle(
          { eventId: randomUUID(), type, payload, occurredAt: new Date().toISOString() },
          manager,
        ),
      );

  const articleId = async (p: string, a: string): Promise<string> =>
    withClient(t.databaseUrl, async (db) => {
      const { rows } = await db.query(
        `SELECT a.id FROM articles a JOIN projects p ON p.id = a.project_id WHERE p.slug = $1 AND a.slug = $2`,
        [p, a],
      );
      return rows[0].id as string;
    });

  it('republishes a correction re-approved for the same source version, and only once', async () => {
    const { p, a } = await publishedInSpanish();
    const base = `/api/projects/${p}/articles/${a}/locales/es/segments`;
    const fluids = (await segments(http, translator.token, p, a, 'es')).find(
      (s) => s.source === 'Drink fluids.',
    );
    expect(fluids?.state).toBe('approved');
    const saved = await http.put(
      `${base}/${fluids?.id}`,
      { target: 'ES Beba mucho líquido.', revision: fluids?.revision },
      { token: translator.token },
    );
    expect(saved.status).toBe(200);
    const started = Date.now();
    const reviewed = await http.post(
      `${base}/${fluids?.id}/review`,
      { decision: 'approve', revision: saved.body.revision },
      { token: reviewer.token },
    );
    expect(reviewed.status).toBe(200);
    await publishedCount(p, a, 'es', 2);
    expect(Date.now() - started).toBeLessThan(10_000);
    const [latest, first] = await publications(p, a, 'es');
    expect(latest).toMatchObject({ number: 2, sourceVersion: 1, kind: 'complete' });
    expect(first).toMatchObject({ number: 1, sourceVersion: 1 });
    const page = await eventually(async () => {
      const res = await http.get(`/read/${p}/es/${a}`);
      return res.text.includes('ES Beba mucho líquido.') ? res : undefined;
    });
    expect(page.text).not.toContain('ES Drink fluids.');
    // The ?v=1 archive still shows what was published before.
    expect((await http.get(`/read/${p}/es/${a}?v=1`)).text).toContain('ES Drink fluids.');

    // The same event again, and POST publish: no publication 3.
    const id = await articleId(p, a);
    await deliver('locale.approved', PUBLISHING_HANDLERS.approved, {
      articleId: id,
      locale: 'es',
      version: 1,
    });
    const post = await http.post(`/api/projects/${p}/articles/${a}/locales/es/publish`, undefined, {
      token: reviewer.token,
    });
    expect(post.status).toBe(200);
    expect(post.body).toEqual({ published: false, reason: 'unchanged', number: 2 });
    expect(await publications(p, a, 'es')).toHaveLength(2);
    const events = (await outboxPayloads(t.databaseUrl, 'article.published')).filter(
      (e) => e.article === a && e.locale === 'es',
    );
    expect(events.map((e) => e.number)).toEqual([1, 2]);
  });

  it('publishes a changed content once however many publish events run at the same time', async () => {
    const { p, a } = await publishedInSpanish();
    const id = await articleId(p, a);
    // Approved content changes behind the events' back (as a lost event would leave it).
    await withClient(t.databaseUrl, (db) =>
      db.query(
        `UPDATE translations SET target = target || ' (corrected)'
          WHERE article_id = $1 AND locale = 'es' AND target LIKE '%Drink fluids.%'`,
        [id],
      ),
    );
    // Distinct events, so processed_events does not tell them apart: only the content hash does.
    const payload = { articleId: id, locale: 'es', requestedBy: reviewer.id };
    await Promise.all(
      [1, 2, 3].map(() => deliver('publish.requested', PUBLISHING_HANDLERS.requested, payload)),
    );
    expect((await publications(p, a, 'es')).map((x) => x.number)).toEqual([2, 1]);
    await deliver('locale.approved', PUBLISHING_HANDLERS.approved, payload);
    expect(await publications(p, a, 'es')).toHaveLength(2);
  });

  it('applies duplicated publish.requested events through the outbox once', async () => {
    const { p, a } = await publishedInSpanish();
    const id = await articleId(p, a);
    const eventIds = await t.app.get(DataSource).transaction(async (manager) => {
      const event = { type: 'publish.requested', payload: { articleId: id, locale: 'es' } };
      await t.app.get(OutboxService).emit(manager, event, event);
      const rows = await manager.query<Array<{ event_id: string }>>(
        `SELECT event_id FROM outbox WHERE type = 'publish.requested' ORDER BY id DESC LIMIT 2`,
      );
      return rows.map((r) => r.event_id);
    });
    // Wait until the handler has recorded both events, not for a while.
    await eventually(
      () =>
        withClient(t.databaseUrl, async (db) => {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM processed_events WHERE event_id = ANY($1) AND handler = $2`,
            [eventIds, PUBLISHING_HANDLERS.requested],
          );
          return rows[0].n === 2 || undefined;
        }),
      15_000,
    );
    expect(await publications(p, a, 'es')).toHaveLength(1);
  });

  it('reconciles: publishes approved content no event published, and nothing else', async () => {
    const { p, a } = await publishedInSpanish();
    const other = await publishedInSpanish();
    const publishing = t.app.get(PublishingService);
    await publishing.reconcileApprovedLocales();
    const id = await articleId(p, a);
    await withClient(t.databaseUrl, (db) =>
      db.query(
        `UPDATE translations SET target = replace(target, 'ES ', 'ES: ')
          WHERE article_id = $1 AND locale = 'es' AND state = 'approved'`,
        [id],
      ),
    );
    expect(await publishing.reconcileApprovedLocales()).toBe(1);
    expect((await publications(p, a, 'es'))[0]).toMatchObject({ number: 2 });
    expect(await publications(other.p, other.a, 'es')).toHaveLength(1);
    expect(await publishing.reconcileApprovedLocales()).toBe(0);
    expect(await publications(p, a, 'es')).toHaveLength(2);
  });
});
