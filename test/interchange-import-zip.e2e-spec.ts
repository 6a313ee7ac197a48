import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from './support/app';
import { makeArticle, segments, SegmentItem } from './support/content';
import { makeProject, TestUser } from './support/factories';
import { Http, rawGet } from './support/http';
import { startTeam } from './support/team';

interface ImportResult {
  applied: boolean;
  units: number;
  updated: number;
  unchanged: number;
  skipped: Array<{ id: string; code: string; article?: string }>;
  errors: Array<{ id: string; code: string; article?: string }>;
}

const ARTICLE = [
  '## After your operation',
  '',
  'Keep the wound **dry** for 2 days.',
  '',
  'Call the ward if the dressing gets wet.',
].join('\n');

/**
 * The CAT tool: opens the exported zip, fills every PO target with "ES: " + the English
 * through translate-toolkit's PO store, and writes a new zip (manifest.json kept, as a
 * translator sending the bundle back would). `extra` entries are added as they are.
 */
const TRANSLATE_ZIP = `
import sys, zipfile, json
from translate.storage import po
src, dst, extra = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for name in zin.namelist():
        data = zin.read(name)
        if name.endswith('.po'):
            store = po.pofile.parsestring(data)
            for unit in store.units:
                if unit.isheader(): continue
                unit.target = 'ES: ' + unit.source
                unit.markfuzzy(False)
            data = bytes(store)
        zout.writestr(name, data)
    for name, text in extra.items():
        zout.writestr(name, text)
`;

/** Writes a zip of the given entries (name → text, or {zeros: n} for a run of zero bytes). */
const MAKE_ZIP = `
import sys, zipfile, json
entries = json.loads(sys.argv[2])
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for name, content in entries.items():
        z.writestr(name, b'\\0' * content['zeros'] if isinstance(content, dict) else content)
`;

describe('interchange import of a zip (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let dir: string;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
    dir = mkdtempSync(join(tmpdir(), 'tms-zip-test-'));
  });
  afterAll(() => t.close());

  /** A project with two articles, untranslated in es. */
  async function twoArticles(): Promise<{ project: string; articles: string[] }> {
    const project = (
      await makeProject(http, admin, {
        targetLocales: ['es'],
        members: { es: { translator, reviewer } },
      })
    ).slug;
    const articles = [
      (await makeArticle(http, admin, project, { content: ARTICLE })).slug,
      (await makeArticle(http, admin, project, { content: ARTICLE })).slug,
    ];
    return { project, articles };
  }

  const list = (project: string, article: string): Promise<SegmentItem[]> =>
    segments(http, translator.token, project, article, 'es');

  async function exportZip(project: string, query: string): Promise<string> {
    const res = await rawGet(`${t.baseUrl}/api/projects/${project}/locales/es/export?${query}`, {
      authorization: `Bearer ${translator.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const path = join(mkdtempSync(join(dir, 'export-')), 'export.zip');
    writeFileSync(path, res.body);
    return path;
  }

  function translatedZip(exported: string, extra: Record<string, string> = {}): Buffer {
    const out = `${exported}.translated.zip`;
    execFileSync('/usr/bin/python3', ['-c', TRANSLATE_ZIP, exported, out, JSON.stringify(extra)]);
    return readFileSync(out);
  }

  function makeZip(entries: Record<string, string | { zeros: number }>): Buffer {
    const path = join(mkdtempSync(join(dir, 'made-')), 'made.zip');
    execFileSync('/usr/bin/python3', ['-c', MAKE_ZIP, path, JSON.stringify(entries)]);
    return readFileSync(path);
  }

  const importZip = (
    project: string,
    format: string,
    body: Buffer,
    options: { article?: string; token?: string; contentType?: string } = {},
  ) =>
    http.request<ImportResult>(
      'POST',
      `/api/projects/${project}/${options.article ? `articles/${options.article}/` : ''}locales/es/import?format=${format}`,
      {
        token: options.token ?? translator.token,
        rawBody: body,
        headers: { 'content-type': options.contentType ?? 'application/zip' },
      },
    );

  const uploadsLeft = () =>
    readdirSync(tmpdir()).filter((name) => name.startsWith('tms-zip-upload-'));

  it('imports the PO zip the project export gives, every article in one report', async () => {
    const { project, articles } = await twoArticles();
    const before = [...(await list(project, articles[0])), ...(await list(project, articles[1]))];
    const zip = translatedZip(await exportZip(project, 'format=po'));
    const leftBefore = uploadsLeft().length;

    const res = await importZip(project, 'po', zip);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applied: true,
      units: before.length,
      updated: before.length,
      unchanged: 0,
      errors: [],
      skipped: [],
    });
    for (const article of articles)
      for (const segment of await list(project, article)) {
        expect(segment.target).toBe(`ES: ${segment.source}`);
        expect(segment.state).toBe('translated');
      }
    // The temporary copy of the upload is gone.
    expect(uploadsLeft().length).toBeLessThanOrEqual(leftBefore);

    const again = await importZip(project, 'po', zip, {
      contentType: 'application/x-zip-compressed',
    });
    expect(again.body).toMatchObject({ updated: 0, unchanged: before.length, errors: [] });
  });

  /**
   * translate-toolkit's XLIFF 1.2 store, on every .xlf entry of the zip. `plain`: the text API
   * (`unit.source` is the text with the inline codes dropped, and `unit.target = …` writes plain
   * text, so the codes are lost). `rich`: the placeable API, as a CAT tool keeping tags does:
   * the target is the source's tree (its <g>/<x> elements) with "ES: " put in front.
   */
  function xliffTool(exported: string, mode: 'plain' | 'rich'): Buffer {
    const out = `${exported}.${mode}.zip`;
    const script = `
import sys, zipfile
from translate.storage import xliff
from translate.storage.placeables import StringElem
src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for name in zin.namelist():
        data = zin.read(name)
        if name.endswith('.xlf'):
            store = xliff.xlifffile.parsestring(data)
            for unit in store.units:
                if mode == 'plain':
                    unit.target = 'ES: ' + unit.source
                else:
                    tree = unit.rich_source[0].copy()
                    tree.sub.insert(0, StringElem('ES: '))
                    unit.rich_target = [tree]
                unit.markfuzzy(False)
            data = bytes(store)
        zout.writestr(name, data)
`;
    execFileSync('/usr/bin/python3', ['-c', script, exported, out, mode]);
    return readFileSync(out);
  }

  const shape = (items: SegmentItem[]) =>
    items.map(({ source, target, state, revision, checks }) => ({
      source,
      target,
      state,
      revision,
      checks,
    }));

  it('XLIFF 1.2 zip through translate-toolkit (placeables): the same state as typing', async () => {
    const viaTool = await twoArticles();
    const typed = await twoArticles();
    const res = await importZip(
      viaTool.project,
      'xliff12',
      xliffTool(await exportZip(viaTool.project, 'format=xliff12&bundle=zip'), 'rich'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, errors: [], skipped: [] });
    let coded = 0;
    for (const [index, article] of typed.articles.entries()) {
      for (const segment of await list(typed.project, article)) {
        const save = await http.put(
          `/api/projects/${typed.project}/articles/${article}/locales/es/segments/${segment.id}`,
          { target: `ES: ${segment.source}`, revision: 0 },
          { token: translator.token },
        );
        expect(save.status).toBe(200);
        if (segment.source.includes('{1}')) coded += 1;
      }
      expect(shape(await list(viaTool.project, viaTool.articles[index]))).toEqual(
        shape(await list(typed.project, article)),
      );
    }
    expect(coded).toBeGreaterThan(0);
  });

  it("XLIFF 1.2 through translate-toolkit's text setter loses the codes: CHECK_FAILED", async () => {
    const { project, articles } = await twoArticles();
    const res = await importZip(
      project,
      'xliff12',
      xliffTool(await exportZip(project, 'format=xliff12&bundle=zip'), 'plain'),
    );
    expect(res.status).toBe(200);
    const all = (await Promise.all(articles.map((article) => list(project, article)))).flat();
    const coded = all.filter((s) => s.source.includes('{1}'));
    expect(coded.length).toBeGreaterThan(0);
    expect(res.body.updated).toBe(all.length - coded.length);
    expect(res.body.errors.map((e) => e.code)).toEqual(coded.map(() => 'CHECK_FAILED'));
    for (const segment of coded) expect(segment.target).toBeNull();
  });

  it('a zip with a broken file changes nothing, not even the good files before it', async () => {
    const { project, articles } = await twoArticles();
    const zip = translatedZip(await exportZip(project, 'format=po'), {
      'zz-broken.po': 'msgid "unterminated\n',
    });
    const res = await importZip(project, 'po', zip);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PO_MALFORMED', details: { entry: 'zz-broken.po' } });
    for (const article of articles)
      expect((await list(project, article)).every((s) => s.target === null)).toBe(true);
  });

  it('refuses bad names, bombs, other formats and non-zips as a whole', async () => {
    const { project, articles } = await twoArticles();
    const good = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n';
    const cases: Array<[Buffer, string, number]> = [
      [makeZip({ '../escape.po': good }), 'ZIP_INVALID', 422],
      [makeZip({ '/etc/abs.po': good }), 'ZIP_INVALID', 422],
      [makeZip({ 'notes.txt': 'hello' }), 'ZIP_INVALID', 422],
      [makeZip({ 'manifest.json': '{}' }), 'ZIP_INVALID', 422],
      [makeZip({ 'bomb.po': { zeros: 50 * 1024 * 1024 } }), 'ZIP_TOO_LARGE', 413],
      [Buffer.from('PK\u0003\u0004 this is not really a zip'), 'ZIP_INVALID', 422],
    ];
    for (const [body, code, status] of cases) {
      const res = await importZip(project, 'po', body);
      expect({ status: res.status, code: (res.body as unknown as { code: string }).code }).toEqual({
        status,
        code,
      });
    }
    for (const article of articles)
      expect((await list(project, article)).every((s) => s.target === null)).toBe(true);
  });

  it('takes a zip on the per-project route only, with the same role check', async () => {
    const { project, articles } = await twoArticles();
    const zip = translatedZip(await exportZip(project, 'format=po'));
    const perArticle = await importZip(project, 'po', zip, { article: articles[0] });
    expect(perArticle.status).toBe(415);
    const stranger = await importZip(project, 'po', zip, { token: outsider.token });
    expect(stranger.status).toBe(403);
    const byAdmin = await importZip(project, 'po', zip, { token: admin });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.updated).toBeGreaterThan(0);
  });

  const postForm = (path: string, form: FormData, token = translator.token) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });

  it('takes the file or the zip as multipart/form-data in a field named file', async () => {
    const { project, articles } = await twoArticles();
    const exported = await exportZip(project, 'format=po');
    const zip = translatedZip(exported);
    const single = execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))',
      `${exported}.translated.zip`,
      `${articles[0]}.es.po`,
    ]);

    const wrongField = new FormData();
    wrongField.append('upload', new Blob([single]), 'es.po');
    const refused = await postForm(
      `/api/projects/${project}/articles/${articles[0]}/locales/es/import?format=po`,
      wrongField,
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    const one = new FormData();
    one.append('file', new Blob([single], { type: 'text/x-gettext-translation' }), 'es.po');
    const perArticle = await postForm(
      `/api/projects/${project}/articles/${articles[0]}/locales/es/import?format=po`,
      one,
    );
    expect(perArticle.status).toBe(200);
    const first = await list(project, articles[0]);
    expect(await perArticle.json()).toMatchObject({ updated: first.length, errors: [] });
    expect((await list(project, articles[1])).every((s) => s.target === null)).toBe(true);

    const bundle = new FormData();
    bundle.append('file', new Blob([zip], { type: 'application/zip' }), 'es.zip');
    const perProject = await postForm(
      `/api/projects/${project}/locales/es/import?format=po`,
      bundle,
    );
    expect(perProject.status).toBe(200);
    const second = await list(project, articles[1]);
    expect(await perProject.json()).toMatchObject({
      updated: second.length,
      unchanged: first.length,
      errors: [],
    });
    for (const segment of second) expect(segment.target).toBe(`ES: ${segment.source}`);

    // Other routes still refuse a form.
    const elsewhere = new FormData();
    elsewhere.append('file', new Blob(['term,translation']), 'glossary.csv');
    const glossary = await postForm(`/api/projects/${project}/glossary`, elsewhere, admin);
    expect(glossary.status).toBe(415);
  });
});
