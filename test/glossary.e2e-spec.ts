import { TestApp } from './support/app';
import { makeArticle, segments as segmentsOf, SegmentItem as Segment } from './support/content';
import { makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

interface Term {
  id: string;
  term: string;
  locale: string;
  translation: string;
  doNotTranslate: boolean;
  caseSensitive: boolean;
  note: string | null;
  updatedAt: string | null;
}

describe('glossary (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
  });
  afterAll(() => t.close());

  /** A project (targets es, fr) with a Spanish translator and reviewer. */
  async function project(): Promise<string> {
    const members = { es: { translator, reviewer } };
    return (await makeProject(http, admin, { targetLocales: ['es', 'fr'], members })).slug;
  }

  const glossary = (slug: string) => `/api/projects/${slug}/glossary`;

  async function addTerm(slug: string, body: Record<string, unknown>): Promise<Term> {
    const res = await http.post<Term>(glossary(slug), body, { token: admin });
    if (res.status !== 201) throw new Error(`add term: ${res.status} ${res.text}`);
    return res.body;
  }

  const article = async (slug: string, content: string): Promise<string> =>
    (
      await makeArticle(http, admin, slug, {
        title: 'Pain relief at home',
        format: 'text',
        content,
      })
    ).slug;

  const segments = (slug: string, art: string, locale = 'es'): Promise<Segment[]> =>
    segmentsOf(http, translator.token, slug, art, locale);

  const bySource = (list: Segment[], source: string): Segment => {
    const found = list.find((s) => s.source === source);
    if (!found) throw new Error(`no segment "${source}"`);
    return found;
  };

  it('warns on save when a glossary term is not translated as agreed, without blocking', async () => {
    const slug = await project();
    await addTerm(slug, { term: 'acetaminophen', locale: 'es', translation: 'paracetamol' });
    const art = await article(slug, 'Take acetaminophen with a full glass of water.');
    const segment = bySource(
      await segments(slug, art),
      'Take acetaminophen with a full glass of water.',
    );
    const url = `/api/projects/${slug}/articles/${art}/locales/es/segments/${segment.id}`;
    const off = await http.put(
      url,
      { target: 'Tome acetaminofén con un vaso lleno de agua.', revision: 0 },
      { token: translator.token },
    );
    expect(off.status).toBe(200);
    expect(off.body.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'GLOSSARY', severity: 'warning' })]),
    );
    const agreed = await http.put(
      url,
      { target: 'Tome paracetamol con un vaso lleno de agua.', revision: off.body.revision },
      { token: translator.token },
    );
    expect(agreed.status).toBe(200);
    expect(agreed.body.checks.map((c: { code: string }) => c.code)).not.toContain('GLOSSARY');
  });

  it('is described in the OpenAPI document, with the TM part explained', async () => {
    const docs = await http.get('/api/docs-json');
    const paths = docs.body.paths as Record<string, Record<string, { description?: string }>>;
    expect(Object.keys(paths['/api/projects/{project}/glossary'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(Object.keys(paths['/api/projects/{project}/glossary/{id}'] ?? {}).sort()).toEqual([
      'delete',
      'patch',
    ]);
    const suggestions =
      paths[
        '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/suggestions'
      ];
    expect(suggestions?.get?.description).toMatch(/`tm`: memory matches/);
  });

  describe('entries', () => {
    it('an admin adds terms, members list them, a filter narrows to one locale', async () => {
      const slug = await project();
      const created = await http.post(
        glossary(slug),
        {
          term: '  acetaminophen ',
          locale: 'ES',
          translation: 'paracetamol',
          note: 'The name used in Spain.',
        },
        { token: admin },
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        term: 'acetaminophen',
        locale: 'es',
        translation: 'paracetamol',
        doNotTranslate: false,
        note: 'The name used in Spain.',
        createdBy: { id: expect.any(String) },
      });
      await addTerm(slug, { term: 'acetaminophen', locale: 'fr', translation: 'paracétamol' });
      await addTerm(slug, {
        term: 'Blood pressure',
        locale: 'es',
        translation: 'presión arterial',
      });

      for (const token of [translator.token, reviewer.token, admin]) {
        const all = await http.get<Term[]>(glossary(slug), { token });
        expect(all.status).toBe(200);
        expect(all.body.map((e) => [e.term, e.locale])).toEqual([
          ['acetaminophen', 'es'],
          ['acetaminophen', 'fr'],
          ['Blood pressure', 'es'],
        ]);
      }
      const fr = await http.get<Term[]>(`${glossary(slug)}?locale=FR`, {
        token: translator.token,
      });
      expect(fr.body.map((e) => [e.term, e.translation])).toEqual([
        ['acetaminophen', 'paracétamol'],
      ]);
    });

    it("a do-not-translate entry's translation defaults to the term", async () => {
      const slug = await project();
      const dnt = await addTerm(slug, { term: 'EpiPen', locale: 'es', doNotTranslate: true });
      expect(dnt).toMatchObject({ translation: 'EpiPen', doNotTranslate: true, note: null });
      const given = await addTerm(slug, {
        term: 'Tylenol',
        locale: 'es',
        doNotTranslate: true,
        translation: 'Tylenol®',
      });
      expect(given.translation).toBe('Tylenol®');
    });

    it('the same term twice for a locale is 409, whatever its case; another locale is fine', async () => {
      const slug = await project();
      const first = await addTerm(slug, {
        term: 'ibuprofen',
        locale: 'es',
        translation: 'ibuprofeno',
      });
      const again = await http.post(
        glossary(slug),
        { term: 'IBUPROFEN', locale: 'es', translation: 'ibuprofeno' },
        { token: admin },
      );
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'GLOSSARY_TERM_EXISTS',
        details: { id: first.id, term: 'ibuprofen', locale: 'es' },
      });
      await addTerm(slug, { term: 'IBUPROFEN', locale: 'fr', translation: 'ibuprofène' });
    });

    it('refuses bad input with 400 VALIDATION_FAILED', async () => {
      const slug = await project();
      const bad: Array<Record<string, unknown>> = [
        { term: 'aspirin', locale: 'xx-nope', translation: 'aspirina' },
        { term: 'aspirin', locale: 'en', translation: 'aspirin' },
        { term: 'aspirin', locale: 'vi', translation: 'aspirin' },
        { term: 'aspirin', locale: 'es' },
        { term: 'aspirin', locale: 'es', translation: '' },
        { term: '', locale: 'es', translation: 'aspirina' },
        { term: '   ', locale: 'es', translation: 'aspirina' },
        { term: 'aspirin', locale: 'es', translation: 'aspirina', doNotTranslate: 'yes' },
        { term: 'aspirin', locale: 'es', translation: 'aspirina', extra: 1 },
        { locale: 'es', translation: 'aspirina' },
      ];
      for (const body of bad) {
        const res = await http.post(glossary(slug), body, { token: admin });
        expect([res.status, res.body.code, body]).toEqual([400, 'VALIDATION_FAILED', body]);
      }
      const list = await http.get(`${glossary(slug)}?locale=klingon`, { token: admin });
      expect(list.status).toBe(400);
      expect((await http.get<Term[]>(glossary(slug), { token: admin })).body).toEqual([]);
    });

    it('only admins add and delete; members read; outsiders and anonymous callers do not', async () => {
      const slug = await project();
      const entry = await addTerm(slug, {
        term: 'inhaler',
        locale: 'es',
        translation: 'inhalador',
      });
      const body = { term: 'spacer', locale: 'es', translation: 'cámara espaciadora' };
      for (const user of [translator, reviewer, outsider]) {
        const post = await http.post(glossary(slug), body, { token: user.token });
        expect([post.status, post.body.code]).toEqual([403, 'FORBIDDEN']);
        const del = await http.delete(`${glossary(slug)}/${entry.id}`, { token: user.token });
        expect(del.status).toBe(403);
      }
      expect((await http.get(glossary(slug), { token: outsider.token })).status).toBe(403);
      expect((await http.get(glossary(slug))).status).toBe(401);
      expect(
        (await http.get('/api/projects/no-such-project/glossary', { token: admin })).status,
      ).toBe(404);
      const list = await http.get<Term[]>(glossary(slug), { token: translator.token });
      expect(list.body.map((e) => e.term)).toEqual(['inhaler']);
    });

    it('an admin deletes an entry: 204, then 404; a malformed id is 400', async () => {
      const slug = await project();
      const other = await project();
      const entry = await addTerm(slug, {
        term: 'nebulizer',
        locale: 'es',
        translation: 'nebulizador',
      });
      const wrongProject = await http.delete(`${glossary(other)}/${entry.id}`, { token: admin });
      expect(wrongProject.status).toBe(404);
      const del = await http.delete(`${glossary(slug)}/${entry.id}`, { token: admin });
      expect(del.status).toBe(204);
      expect((await http.get<Term[]>(glossary(slug), { token: admin })).body).toEqual([]);
      const again = await http.delete(`${glossary(slug)}/${entry.id}`, { token: admin });
      expect([again.status, again.body.code]).toEqual([404, 'NOT_FOUND']);
      const malformed = await http.delete(`${glossary(slug)}/not-a-uuid`, { token: admin });
      expect(malformed.status).toBe(400);
      // The term can be added again once deleted.
      await addTerm(slug, { term: 'nebulizer', locale: 'es', translation: 'nebulizador' });
    });
  });

  describe('changing entries', () => {
    const term = (slug: string, id: string) => `${glossary(slug)}/${id}`;

    it('an admin changes any field; the answer and the list show the new entry', async () => {
      const slug = await project();
      const entry = await addTerm(slug, {
        term: 'acetaminophen',
        locale: 'es',
        translation: 'acetaminofén',
        note: 'Latin America',
      });
      expect(entry).toMatchObject({ caseSensitive: false, updatedAt: null });
      const res = await http.patch<Term>(
        term(slug, entry.id),
        { translation: ' paracetamol ', note: null, caseSensitive: true },
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: entry.id,
        term: 'acetaminophen',
        locale: 'es',
        translation: 'paracetamol',
        doNotTranslate: false,
        caseSensitive: true,
        note: null,
        createdBy: { id: expect.any(String) },
        updatedAt: expect.any(String),
      });
      const moved = await http.patch<Term>(
        term(slug, entry.id),
        { term: 'Acetaminophen', locale: 'FR', translation: 'paracétamol' },
        { token: admin },
      );
      expect(moved.status).toBe(200);
      const list = await http.get<Term[]>(glossary(slug), { token: translator.token });
      expect(list.body).toEqual([
        expect.objectContaining({
          id: entry.id,
          term: 'Acetaminophen',
          locale: 'fr',
          translation: 'paracétamol',
          caseSensitive: true,
        }),
      ]);
    });

    it('a do-not-translate entry keeps the term as its translation when renamed', async () => {
      const slug = await project();
      const brand = await addTerm(slug, { term: 'Epipen', locale: 'es', doNotTranslate: true });
      const renamed = await http.patch<Term>(
        term(slug, brand.id),
        { term: 'EpiPen' },
        { token: admin },
      );
      expect(renamed.body).toMatchObject({ term: 'EpiPen', translation: 'EpiPen' });
      const plain = await addTerm(slug, {
        term: 'inhaler',
        locale: 'es',
        translation: 'inhalador',
      });
      const kept = await http.patch<Term>(
        term(slug, plain.id),
        { doNotTranslate: true },
        { token: admin },
      );
      expect(kept.body).toMatchObject({ doNotTranslate: true, translation: 'inhaler' });
    });

    it('validates as create does: 400, 409 on a clash, 404, 403 for members', async () => {
      const slug = await project();
      const first = await addTerm(slug, { term: 'aspirin', locale: 'es', translation: 'aspirina' });
      const second = await addTerm(slug, {
        term: 'ibuprofen',
        locale: 'es',
        translation: 'ibuprofeno',
      });
      const bad: Array<Record<string, unknown>> = [
        { locale: 'xx-nope' },
        { locale: 'en' },
        { translation: '' },
        { term: '   ' },
        { term: '' },
        { doNotTranslate: 'yes' },
        { caseSensitive: 1 },
        { note: 5 },
        { extra: 1 },
        { term: 'x'.repeat(201) },
      ];
      for (const body of bad) {
        const res = await http.patch(term(slug, second.id), body, { token: admin });
        expect([res.status, res.body.code, body]).toEqual([400, 'VALIDATION_FAILED', body]);
      }
      const clash = await http.patch(term(slug, second.id), { term: 'ASPIRIN' }, { token: admin });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({
        code: 'GLOSSARY_TERM_EXISTS',
        details: { id: first.id, term: 'aspirin', locale: 'es' },
      });
      // Its own term in another case is no clash.
      const recased = await http.patch(term(slug, first.id), { term: 'Aspirin' }, { token: admin });
      expect(recased.status).toBe(200);
      for (const user of [translator, reviewer, outsider]) {
        const res = await http.patch(term(slug, first.id), { note: 'x' }, { token: user.token });
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
      expect((await http.patch(term(slug, first.id), { note: 'x' })).status).toBe(401);
      const other = await project();
      expect(
        (await http.patch(term(other, first.id), { note: 'x' }, { token: admin })).status,
      ).toBe(404);
      expect(
        (await http.patch(term(slug, 'not-a-uuid'), { note: 'x' }, { token: admin })).status,
      ).toBe(400);
      const list = await http.get<Term[]>(glossary(slug), { token: admin });
      expect(list.body.map((e) => [e.term, e.translation, e.note])).toEqual([
        ['Aspirin', 'aspirina', null],
        ['ibuprofen', 'ibuprofeno', null],
      ]);
    });
  });

  describe('CSV', () => {
    const HEADER = 'term,locale,translation,doNotTranslate,note\r\n';
    const importCsv = (slug: string, csv: string, token = admin, type = 'text/csv') =>
      http.request('POST', `${glossary(slug)}?format=csv`, {
        token,
        rawBody: csv,
        headers: { 'content-type': type },
      });

    it('exports the glossary as text/csv, quoting as RFC 4180 and guarding formulas', async () => {
      const slug = await project();
      await addTerm(slug, {
        term: 'blood pressure',
        locale: 'es',
        translation: 'presión arterial',
        note: 'Say "arterial", never "sanguínea".',
      });
      await addTerm(slug, { term: 'EpiPen', locale: 'fr', doNotTranslate: true });
      await addTerm(slug, {
        term: 'fever',
        locale: 'es',
        translation: 'fiebre',
        note: '=HYPERLINK("http://example.test")',
      });
      const res = await http.get(`${glossary(slug)}?format=csv`, { token: translator.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="${slug}-glossary.csv"`,
      );
      expect(res.text).toBe(
        HEADER +
          'blood pressure,es,presión arterial,false,"Say ""arterial"", never ""sanguínea""."\r\n' +
          'EpiPen,fr,EpiPen,true,\r\n' +
          `fever,es,fiebre,false,"'=HYPERLINK(""http://example.test"")"\r\n`,
      );
      const fr = await http.get(`${glossary(slug)}?format=csv&locale=fr`, { token: admin });
      expect(fr.text).toBe(`${HEADER}EpiPen,fr,EpiPen,true,\r\n`);
      const bad = await http.get(`${glossary(slug)}?format=xlsx`, { token: admin });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(
        (await http.get(`${glossary(slug)}?format=csv`, { token: outsider.token })).status,
      ).toBe(403);
    });

    it('imports: creates, updates by term in any case and locale, reports bad lines and applies the rest', async () => {
      const slug = await project();
      const existing = await addTerm(slug, {
        term: 'Acetaminophen',
        locale: 'es',
        translation: 'acetaminofén',
        caseSensitive: true,
      });
      await addTerm(slug, { term: 'fever', locale: 'es', translation: 'fiebre' });
      const csv =
        HEADER +
        'acetaminophen,ES,paracetamol,false,"Spain, not Mexico"\r\n' +
        'fever,es,fiebre,false,\r\n' +
        'rash,es,erupción,false,\r\n' +
        'EpiPen,fr,,true,"=brand"\r\n' +
        'cough,vi,tos,false,\r\n' +
        'nausea,es,,false,\r\n' +
        'RASH,es,sarpullido,false,\r\n' +
        'dizzy,es,mareo,perhaps,\r\n' +
        'vomiting,es\r\n' +
        'nausea,es,"náuseas\u202e",false,\r\n';
      const res = await importCsv(slug, csv);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        created: 2,
        updated: 1,
        errors: [
          { line: 6, message: expect.stringContaining('"vi" is not a target locale') },
          { line: 7, message: 'translation should not be blank unless doNotTranslate is true.' },
          { line: 8, message: '"RASH" for es is on line 4 already.' },
          { line: 9, message: 'doNotTranslate must be true or false.' },
          { line: 10, message: 'Expected 5 fields, found 2.' },
          { line: 11, message: expect.stringMatching(/^translation: The text contains/) },
        ],
      });
      const list = await http.get<Term[]>(glossary(slug), { token: admin });
      expect(
        list.body.map((e) => [
          e.term,
          e.locale,
          e.translation,
          e.doNotTranslate,
          e.note,
          e.caseSensitive,
        ]),
      ).toEqual([
        ['acetaminophen', 'es', 'paracetamol', false, 'Spain, not Mexico', true],
        ['EpiPen', 'fr', 'EpiPen', true, '=brand', false],
        ['fever', 'es', 'fiebre', false, null, false],
        ['rash', 'es', 'erupción', false, null, false],
      ]);
      expect(list.body[0]).toMatchObject({ id: existing.id, updatedAt: expect.any(String) });
      expect(list.body.find((e) => e.term === 'fever')?.updatedAt).toBeNull();

      // The export reads back as the same entries, and importing it again changes nothing.
      const exported = await http.get(`${glossary(slug)}?format=csv`, { token: admin });
      expect(exported.text).toContain(`EpiPen,fr,EpiPen,true,'=brand\r\n`);
      const again = await importCsv(slug, exported.text);
      expect(again.body).toEqual({ created: 0, updated: 0, errors: [] });
      const caseColumn = await importCsv(
        slug,
        'term,locale,translation,caseSensitive\r\nacetaminophen,es,paracetamol,false\r\n',
      );
      expect(caseColumn.body).toEqual({ created: 0, updated: 1, errors: [] });
      const after = await http.get<Term[]>(glossary(slug), { token: admin });
      expect(after.body[0]).toMatchObject({
        term: 'acetaminophen',
        caseSensitive: false,
        note: null,
      });
    });

    it('refuses a file it cannot read, whole, and other bodies with 415; only admins import', async () => {
      const slug = await project();
      for (const csv of [
        '',
        'term,locale\r\nfever,es\r\n',
        'term,locale,translation,colour\r\n',
        `${HEADER}fever,es,"fiebre\r\n`,
      ]) {
        const res = await importCsv(slug, `${csv}`);
        expect([res.status, res.body.code, csv]).toEqual([400, 'VALIDATION_FAILED', csv]);
      }
      const unclosed = await importCsv(
        slug,
        `${HEADER}rash,es,erupción,false,\r\nfever,es,"fiebre\r\n`,
      );
      expect(unclosed.body.details).toMatchObject({ line: 3 });
      expect((await http.get<Term[]>(glossary(slug), { token: admin })).body).toEqual([]);

      const json = await http.post(
        `${glossary(slug)}?format=csv`,
        { term: 'fever', locale: 'es', translation: 'fiebre' },
        { token: admin },
      );
      expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const csvWithoutFormat = await http.request('POST', glossary(slug), {
        token: admin,
        rawBody: `${HEADER}fever,es,fiebre,false,\r\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expect([csvWithoutFormat.status, csvWithoutFormat.body.code]).toEqual([
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ]);
      const charset = await importCsv(
        slug,
        `${HEADER}fever,es,fiebre,false,\r\n`,
        admin,
        'text/csv; charset=utf-8',
      );
      expect(charset.body).toEqual({ created: 1, updated: 0, errors: [] });

      for (const user of [translator, reviewer, outsider]) {
        const res = await importCsv(slug, `${HEADER}rash,es,erupción,false,\r\n`, user.token);
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
      expect((await importCsv(slug, HEADER, '')).status).toBe(401);
      expect(
        (await http.get<Term[]>(glossary(slug), { token: admin })).body.map((e) => e.term),
      ).toEqual(['fever']);
    });
  });

  describe('change risk', () => {
    const BEFORE = 'Take acetaminophen with food.\n\nRest in a quiet room.';
    const AFTER = 'Take ibuprofen with food.\n\nRest in a quiet room.';

    /** A segment's changeRisk compares its target's English with the new one: translate first. */
    async function translateAll(slug: string, art: string): Promise<void> {
      for (const locale of ['es', 'fr']) {
        for (const s of await segments(slug, art, locale)) {
          const res = await http.put(
            `/api/projects/${slug}/articles/${art}/locales/${locale}/segments/${s.id}`,
            { target: `(${locale}) ${s.source}`, revision: s.revision },
            { token: admin },
          );
          if (res.status !== 200) throw new Error(`save: ${res.status} ${res.text}`);
        }
      }
    }

    async function swap(terms: Array<[string, string]>) {
      const slug = await project();
      for (const [term, translation] of terms) {
        await addTerm(slug, { term, locale: 'es', translation });
      }
      const art = await article(slug, BEFORE);
      await translateAll(slug, art);
      const source = (body: Record<string, unknown>) =>
        http.put(`/api/projects/${slug}/articles/${art}/source`, body, { token: admin });
      return { slug, art, source };
    }

    it('swapping one glossary term for another is clinical, and minorChange is refused', async () => {
      const { slug, art, source } = await swap([
        ['acetaminophen', 'paracetamol'],
        ['ibuprofen', 'ibuprofeno'],
      ]);
      const refused = await source({ content: AFTER, minorChange: true });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('CLINICAL_CHANGE');
      expect(refused.body.details.segments).toEqual([
        expect.objectContaining({
          source: 'Take ibuprofen with food.',
          previousSource: 'Take acetaminophen with food.',
          reasons: expect.arrayContaining([
            'glossary: "acetaminophen" removed',
            'glossary: "ibuprofen" added',
          ]),
        }),
      ]);

      const res = await source({ content: AFTER });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        changed: true,
        currentVersion: 2,
        sync: { fuzzy: 1 },
        changeRisk: { minor: 0, wording: 0, clinical: 1 },
      });
      for (const locale of ['es', 'fr']) {
        const changed = bySource(await segments(slug, art, locale), 'Take ibuprofen with food.');
        expect(changed).toMatchObject({
          changeRisk: 'clinical',
          baseSource: 'Take acetaminophen with food.',
          previousSource: 'Take acetaminophen with food.',
        });
      }
    });

    it('one of the two words being a glossary term is enough, in any locale of the glossary', async () => {
      const slug = await project();
      await addTerm(slug, { term: 'Acetaminophen', locale: 'fr', translation: 'paracétamol' });
      const art = await article(slug, BEFORE);
      await translateAll(slug, art);
      const res = await http.put(
        `/api/projects/${slug}/articles/${art}/source`,
        { content: AFTER },
        { token: admin },
      );
      expect(res.body.changeRisk).toEqual({ minor: 0, wording: 0, clinical: 1 });
      const changed = bySource(await segments(slug, art), 'Take ibuprofen with food.');
      expect(changed.changeRisk).toBe('clinical');
    });

    it('without glossary terms the same swap is only a wording change', async () => {
      const { slug, art, source } = await swap([['quiet room', 'habitación tranquila']]);
      const res = await source({ content: AFTER, minorChange: true });
      expect(res.status).toBe(200);
      expect(res.body.changeRisk).toEqual({ minor: 0, wording: 1, clinical: 0 });
      expect(bySource(await segments(slug, art), 'Take ibuprofen with food.').changeRisk).toBe(
        'wording',
      );
    });
  });

  describe('suggestions', () => {
    const TEXT = 'Check your high blood pressure before you take Acetaminophen.';

    it('lists the entries of the locale whose term occurs in the source, longest first', async () => {
      const slug = await project();
      await addTerm(slug, {
        term: 'blood pressure',
        locale: 'es',
        translation: 'presión arterial',
      });
      await addTerm(slug, {
        term: 'high blood pressure',
        locale: 'es',
        translation: 'hipertensión',
        note: 'Prefer the medical term.',
      });
      await addTerm(slug, { term: 'acetaminophen', locale: 'es', translation: 'paracetamol' });
      await addTerm(slug, { term: 'acetaminophen', locale: 'fr', translation: 'paracétamol' });
      await addTerm(slug, { term: 'Tylenol', locale: 'es', doNotTranslate: true });
      await addTerm(slug, { term: 'press', locale: 'es', translation: 'presionar' });
      const art = await article(slug, `${TEXT}\n\nTylenol is one brand.`);
      const list = await segments(slug, art);
      const segment = bySource(list, TEXT);
      const url = (locale: string, id: string) =>
        `/api/projects/${slug}/articles/${art}/locales/${locale}/segments/${id}/suggestions`;

      const res = await http.get(url('es', segment.id), { token: translator.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        tm: [],
        mt: [],
        glossary: [
          {
            term: 'high blood pressure',
            translation: 'hipertensión',
            note: 'Prefer the medical term.',
            doNotTranslate: false,
            positions: [{ start: 11, end: 30 }],
          },
          {
            term: 'blood pressure',
            translation: 'presión arterial',
            note: null,
            doNotTranslate: false,
            positions: [{ start: 16, end: 30 }],
          },
          {
            term: 'acetaminophen',
            translation: 'paracetamol',
            note: null,
            doNotTranslate: false,
            positions: [{ start: 47, end: 60 }],
          },
        ],
      });

      const brand = bySource(list, 'Tylenol is one brand.');
      const dnt = await http.get(url('es', brand.id), { token: reviewer.token });
      expect(dnt.body.glossary).toEqual([
        {
          term: 'Tylenol',
          translation: 'Tylenol',
          note: null,
          doNotTranslate: true,
          positions: [{ start: 0, end: 7 }],
        },
      ]);

      // Any member reads suggestions for any locale of the project (here fr).
      const fr = await http.get(url('fr', segment.id), { token: translator.token });
      expect(fr.body.glossary.map((e: Term) => e.translation)).toEqual(['paracétamol']);

      const vi = await http.get(url('vi', segment.id), { token: translator.token });
      expect(vi.status).toBe(404);
      const unknown = await http.get(url('es', 'no-such-segment'), { token: translator.token });
      expect(unknown.status).toBe(404);
      const outside = await http.get(url('es', segment.id), { token: outsider.token });
      expect(outside.status).toBe(403);
    });

    it('finds plurals and honours case-sensitive entries, with every position in the source', async () => {
      const slug = await project();
      await addTerm(slug, { term: 'dose', locale: 'es', translation: 'dosis' });
      await addTerm(slug, { term: 'therapy', locale: 'es', translation: 'terapia' });
      await addTerm(slug, {
        term: 'AIDS',
        locale: 'es',
        translation: 'sida',
        caseSensitive: true,
      });
      const text = 'Hearing aids and therapies: one dose, then two doses.';
      const art = await article(slug, text);
      const segment = bySource(await segments(slug, art), text);
      const res = await http.get<{ glossary: Array<{ term: string; positions: unknown[] }> }>(
        `/api/projects/${slug}/articles/${art}/locales/es/segments/${segment.id}/suggestions`,
        { token: translator.token },
      );
      expect(res.status).toBe(200);
      const found = res.body.glossary.map((g) => [
        g.term,
        (g.positions as Array<{ start: number; end: number }>).map((p) =>
          text.slice(p.start, p.end),
        ),
      ]);
      expect(found).toEqual([
        ['therapy', ['therapies']],
        ['dose', ['dose', 'doses']],
      ]);
    });

    it('an id of an older source version is 409 SOURCE_CHANGED; an unknown article is 404', async () => {
      const slug = await project();
      const art = await article(slug, 'Take acetaminophen with food.');
      const old = bySource(await segments(slug, art), 'Take acetaminophen with food.');
      await http.put(
        `/api/projects/${slug}/articles/${art}/source`,
        { content: 'Take ibuprofen with food.' },
        { token: admin },
      );
      const base = `/api/projects/${slug}/articles`;
      const stale = await http.get(`${base}/${art}/locales/es/segments/${old.id}/suggestions`, {
        token: translator.token,
      });
      expect([stale.status, stale.body.code]).toEqual([409, 'SOURCE_CHANGED']);
      const missing = await http.get(`${base}/nope/locales/es/segments/${old.id}/suggestions`, {
        token: translator.token,
      });
      expect(missing.status).toBe(404);
    });
  });
});
