import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePo } from '../src/interchange/formats/po';
import type { InterchangeFile, InterchangeUnit, UnitState } from '../src/interchange/formats/unit';
import { writeXliff12 } from '../src/interchange/formats/xliff12';
import { writeXliff2 } from '../src/interchange/formats/xliff2';
import { TestApp } from './support/app';
import { makeArticle, segments, SegmentItem } from './support/content';
import { outboxPayloads } from './support/db';
import { makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';

type Format = 'xliff2' | 'xliff12' | 'po';

interface ImportResult {
  applied: boolean;
  units: number;
  updated: number;
  unchanged: number;
  skipped: Array<{ id: string; code: string; message: string; article?: string }>;
  errors: Array<{ id: string; code: string; message: string; details?: Record<string, unknown> }>;
  skippedTotal: number;
  errorTotal: number;
}

interface HistoryItem {
  revision: number;
  target: string;
  state: string;
  action: string;
  origin: string;
  author: { id: string; name: string } | null;
}

const CONTENT_TYPE: Record<Format, string> = {
  xliff2: 'application/xliff+xml',
  xliff12: 'application/x-xliff+xml',
  po: 'text/x-gettext-translation',
};

const ARTICLE = [
  '## Before your scan',
  '',
  'Do not eat for **4 hours** before the scan.',
  '',
  'Bring a list of the medicines you take.',
  '',
  'Tell the nurse if you might be pregnant.',
].join('\n');

/** What our translator "types": keeps every code and number of the English. */
const spanish = (source: string): string => `ES: ${source}`;

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

/** A unit as the export writes it, from a segment as the API lists it. */
function unitOf(segment: SegmentItem, target: string | null | undefined): InterchangeUnit {
  const text = target === undefined ? segment.target : target;
  return {
    id: segment.id,
    position: segment.position,
    kind: segment.kind,
    source: segment.source,
    target: text,
    state: (text === null
      ? 'untranslated'
      : segment.state === 'untranslated'
        ? 'translated'
        : segment.state) as UnitState,
    revision: segment.revision,
    previousSource: null,
    changeRisk: null,
    codes: new Map(),
    comments: [],
    checks: [],
    words: 1,
  };
}

function fileOf(article: string, units: InterchangeUnit[]): InterchangeFile {
  return {
    article,
    title: 'Before your scan',
    sourceVersion: 1,
    sourceFormat: 'markdown',
    sourceLocale: 'en',
    targetLocale: 'es',
    targetDirection: 'ltr',
    units: iterate(units),
  };
}

/** The file an export would give, with the targets `target(segment)` (undefined: as stored). */
function exportFile(
  format: Format,
  files: Array<{ article: string; units: InterchangeUnit[] }>,
): Promise<string> {
  if (format === 'po') return collect(writePo(fileOf(files[0].article, files[0].units)));
  const doc = {
    sourceLocale: 'en',
    targetLocale: 'es',
    files: iterate(files.map((f) => fileOf(f.article, f.units))),
  };
  return collect(format === 'xliff2' ? writeXliff2(doc) : writeXliff12(doc));
}

describe('interchange import (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let project: string;

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({ worker: false }));
    project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        members: { es: { translator, reviewer } },
      })
    ).slug;
  });
  afterAll(() => t.close());

  async function article(content = ARTICLE): Promise<string> {
    return (await makeArticle(http, admin, project, { content })).slug;
  }

  const list = (art: string): Promise<SegmentItem[]> =>
    segments(http, translator.token, project, art, 'es');

  const importFile = (
    art: string | null,
    format: Format,
    body: string | Buffer,
    options: { token?: string; query?: string; contentType?: string } = {},
  ) =>
    http.request<ImportResult>(
      'POST',
      `/api/projects/${project}/${art === null ? '' : `articles/${art}/`}locales/es/import?format=${format}${options.query ?? ''}`,
      {
        token: options.token ?? translator.token,
        rawBody: body,
        headers: { 'content-type': options.contentType ?? CONTENT_TYPE[format] },
      },
    );

  const history = async (art: string, id: string): Promise<HistoryItem[]> => {
    const res = await http.get<{ items: HistoryItem[] }>(
      `/api/projects/${project}/articles/${art}/locales/es/segments/${id}/history`,
      { token: translator.token },
    );
    expect(res.status).toBe(200);
    return res.body.items;
  };

  const save = (
    art: string,
    id: string,
    target: string,
    revision: number,
    token = translator.token,
  ) =>
    http.put(
      `/api/projects/${project}/articles/${art}/locales/es/segments/${id}`,
      { target, revision },
      { token },
    );

  describe.each<Format>(['xliff2', 'xliff12', 'po'])('%s per article', (format) => {
    it('saves every translated unit as the translator, origin import, state translated', async () => {
      const art = await article();
      const before = await list(art);
      const file = await exportFile(format, [
        { article: art, units: before.map((s) => unitOf(s, spanish(s.source))) },
      ]);
      const res = await importFile(art, format, file);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        applied: true,
        units: before.length,
        updated: before.length,
        unchanged: 0,
        errors: [],
        skipped: [],
      });
      const after = await list(art);
      for (const segment of after) {
        expect(segment.target).toBe(spanish(segment.source));
        expect(segment.state).toBe('translated');
        expect(segment.revision).toBe(1);
      }
      const coded = after.find((s) => s.source.includes('{1}'));
      expect(coded?.target).toBe(spanish(coded?.source ?? ''));
      const [latest] = await history(art, after[0].id);
      expect(latest).toMatchObject({
        revision: 1,
        action: 'import',
        origin: 'import',
        state: 'translated',
        author: { id: translator.id },
      });

      const events = (await outboxPayloads(t.databaseUrl, 'segment.translated')).filter(
        (e) => e.article === art,
      );
      expect(events).toHaveLength(before.length);
      expect(events[0]).toMatchObject({
        locale: 'es',
        state: 'translated',
        revision: 1,
        authorId: translator.id,
        origin: 'import',
      });

      // The same file again: nothing to do.
      const again = await importFile(art, format, file);
      expect(again.body).toMatchObject({ updated: 0, unchanged: before.length, errors: [] });
    });
  });

  it('skips empty and fuzzy units, and takes fuzzy ones with includeFuzzy=true', async () => {
    const art = await article();
    const [first, second, third] = await list(art);
    const file = await exportFile('po', [
      {
        article: art,
        units: [
          unitOf(first, spanish(first.source)),
          { ...unitOf(second, spanish(second.source)), state: 'fuzzy' },
          unitOf(third, null),
        ],
      },
    ]);
    const res = await importFile(art, 'po', file);
    expect(res.body.updated).toBe(1);
    expect(res.body.skipped.map((s) => [s.id, s.code])).toEqual([
      [second.id, 'NOT_TRANSLATED'],
      [third.id, 'EMPTY'],
    ]);
    const fuzzyToo = await importFile(art, 'po', file, { query: '&includeFuzzy=true' });
    expect(fuzzyToo.body).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await list(art))[1].target).toBe(spanish(second.source));
  });

  it('reports a segment changed since the export as CONFLICT; force is for admins only', async () => {
    const art = await article();
    const [first, second] = await list(art);
    const file = await exportFile('xliff2', [
      {
        article: art,
        units: [unitOf(first, spanish(first.source)), unitOf(second, spanish(second.source))],
      },
    ]);
    // Someone saves the first segment after the export.
    expect((await save(art, first.id, `Otra: ${first.source}`, 0)).status).toBe(200);

    const res = await importFile(art, 'xliff2', file);
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(1);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        id: first.id,
        code: 'CONFLICT',
        details: expect.objectContaining({ fileRevision: 0, currentRevision: 1 }),
      }),
    ]);
    expect((await list(art))[0].target).toBe(`Otra: ${first.source}`);

    const refused = await importFile(art, 'xliff2', file, { query: '&force=true' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });

    const forced = await importFile(art, 'xliff2', file, { query: '&force=true', token: admin });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ updated: 1, unchanged: 1, errors: [] });
    const [now] = await list(art);
    expect(now).toMatchObject({ target: spanish(first.source), revision: 2, state: 'translated' });
  });

  it('skips a unit whose English changed since the export as SOURCE_CHANGED', async () => {
    const art = await article();
    const before = await list(art);
    const file = await exportFile('xliff12', [
      { article: art, units: before.map((s) => unitOf(s, spanish(s.source))) },
    ]);
    const updated = await http.put(
      `/api/projects/${project}/articles/${art}/source`,
      { content: ARTICLE.replace('Bring a list', 'Bring the list') },
      { token: admin },
    );
    expect(updated.status).toBe(200);
    const res = await importFile(art, 'xliff12', file);
    expect(res.status).toBe(200);
    const changed = before.find((s) => s.source.startsWith('Bring a list'));
    expect(res.body.skipped).toEqual([
      expect.objectContaining({ id: changed?.id, code: 'SOURCE_CHANGED' }),
    ]);
    expect(res.body.updated).toBe(before.length - 1);
    const after = await list(art);
    expect(after.find((s) => s.source.startsWith('Bring the list'))?.target).toBeNull();
  });

  it('fails a target breaking a blocking check per unit (CHECK_FAILED), the others saved', async () => {
    const art = await article();
    const [first, second] = await list(art);
    const file = await exportFile('po', [
      {
        article: art,
        units: [
          unitOf(first, spanish(first.source)),
          unitOf(second, 'No coma durante horas {7/}.'),
        ],
      },
    ]);
    const res = await importFile(art, 'po', file);
    expect(res.body.updated).toBe(1);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        id: second.id,
        code: 'CHECK_FAILED',
        details: {
          checks: expect.arrayContaining([expect.objectContaining({ severity: 'error' })]),
        },
      }),
    ]);
    expect((await list(art))[1].target).toBeNull();
  });

  it('atomic=true applies nothing when a unit fails (422 IMPORT_REJECTED with the report)', async () => {
    const art = await article();
    const [first, second] = await list(art);
    const file = await exportFile('xliff2', [
      {
        article: art,
        units: [unitOf(first, spanish(first.source)), unitOf(second, 'No coma {7/}.')],
      },
    ]);
    const res = await importFile(art, 'xliff2', file, { query: '&atomic=true' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      code: 'IMPORT_REJECTED',
      details: { applied: false, updated: 0, errorTotal: 1 },
    });
    expect((await list(art)).every((s) => s.target === null)).toBe(true);
  });

  it('reports inline markup it cannot read as INVALID_UNIT, without failing the file', async () => {
    const art = await article();
    const [first, second] = await list(art);
    const file = (
      await exportFile('xliff2', [
        {
          article: art,
          units: [unitOf(first, spanish(first.source)), unitOf(second, 'Traducción')],
        },
      ])
    ).replace('<target>Traducción</target>', '<target><b>Traducción</b></target>');
    const res = await importFile(art, 'xliff2', file);
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(1);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ id: second.id, code: 'INVALID_UNIT' }),
    ]);
  });

  it('imports a project file into each article its <file> names', async () => {
    const [a, b] = [await article(), await article()];
    const [sa, sb] = [await list(a), await list(b)];
    const file = await exportFile('xliff2', [
      { article: a, units: sa.map((s) => unitOf(s, spanish(s.source))) },
      { article: b, units: sb.map((s) => unitOf(s, spanish(s.source))) },
    ]);
    const res = await importFile(null, 'xliff2', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: sa.length + sb.length, errors: [] });
    expect((await list(b)).every((s) => s.state === 'translated')).toBe(true);
  });

  describe('hostile files change nothing', () => {
    let art: string;
    let valid: string;
    beforeAll(async () => {
      art = await article();
      const all = await list(art);
      valid = await exportFile('xliff2', [
        { article: art, units: all.map((s) => unitOf(s, spanish(s.source))) },
      ]);
    });
    afterEach(async () => {
      expect((await list(art)).every((s) => s.target === null)).toBe(true);
    });

    const withPrologue = (prologue: string) =>
      valid.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        `<?xml version="1.0"?>\n${prologue}\n`,
      );
    /** The valid file with `tail` put in place of its last unit's end: refused after units. */
    const lateInFile = (tail: string) => {
      const at = valid.lastIndexOf('</unit>');
      return valid.slice(0, at) + tail + valid.slice(at);
    };

    const cases: Array<[string, () => string | Buffer, number, string[]]> = [
      [
        'XXE',
        () =>
          withPrologue('<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
            '<target>',
            '<target>&xxe;',
          ),
        422,
        ['XML_DOCTYPE_FORBIDDEN'],
      ],
      [
        'billion laughs',
        () =>
          withPrologue(
            '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
          ).replace('<target>', '<target>&lol3;'),
        422,
        ['XML_DOCTYPE_FORBIDDEN'],
      ],
      [
        'external DTD',
        () => withPrologue('<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/xliff.dtd">'),
        422,
        ['XML_DOCTYPE_FORBIDDEN'],
      ],
      [
        'undeclared entity',
        () => valid.replace('<target>', '<target>&xxe;'),
        422,
        ['XML_ENTITY_FORBIDDEN'],
      ],
      [
        'invalid UTF-8',
        () =>
          Buffer.concat([
            Buffer.from(lateInFile('<notes><note>')),
            Buffer.from([0xc3, 0x28, 0xff]),
            Buffer.from('</note></notes>' + valid.slice(valid.lastIndexOf('</unit>'))),
          ]),
        400,
        ['XML_INVALID_UTF8'],
      ],
      [
        '10 MB attribute',
        () =>
          lateInFile(`<notes><note category="${'a'.repeat(10 * 1024 * 1024)}">x</note></notes>`),
        422,
        ['XML_ATTRIBUTE_TOO_LARGE', 'XML_TOKEN_TOO_LARGE'],
      ],
      [
        'deep nesting',
        () => lateInFile(`<notes><note>${'<x>'.repeat(200)}${'</x>'.repeat(200)}</note></notes>`),
        422,
        ['XML_TOO_DEEP'],
      ],
      ['not XLIFF', () => '<html><body>hello</body></html>', 422, ['XLIFF_INVALID']],
      ['truncated', () => valid.slice(0, valid.length - 40), 400, ['XML_MALFORMED']],
    ];
    it.each(cases)('%s', async (_name, body, status, codes) => {
      const res = await importFile(art, 'xliff2', body());
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
      expect(codes).toContain((res.body as unknown as { code: string }).code);
    });

    it('a PO file that is not UTF-8', async () => {
      const res = await importFile(
        art,
        'po',
        Buffer.concat([
          Buffer.from('msgctxt "x"\nmsgid "a"\nmsgstr "'),
          Buffer.from([0xff]),
          Buffer.from('"\n'),
        ]),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'PO_INVALID_UTF8' });
    });
  });

  it('a file refused after several applied batches changes nothing (one transaction)', async () => {
    const content = Array.from(
      { length: 1_200 },
      (_, i) => `Appointment ${i + 1} is in the east wing.`,
    ).join('\n\n');
    const art = await article(content);
    const all: SegmentItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: SegmentItem[]; nextCursor: string | null } } = await http.get(
        `/api/projects/${project}/articles/${art}/locales/es/segments?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: translator.token },
      );
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThan(1_000);
    const valid = await exportFile('po', [
      { article: art, units: all.map((s) => unitOf(s, spanish(s.source))) },
    ]);
    // Past the first two batches of 500, a line that is not PO.
    const res = await importFile(art, 'po', `${valid}\nthis is not a PO line\n`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PO_MALFORMED', details: { line: expect.any(Number) } });
    const [first] = await list(art);
    expect(first.target).toBeNull();
    const ok = await importFile(art, 'po', valid);
    expect(ok.body).toMatchObject({ updated: all.length, errors: [] });
  });

  it('checks roles, the locale, the format and the media type', async () => {
    const art = await article();
    const file = await exportFile('xliff2', [{ article: art, units: [] }]);
    expect((await importFile(art, 'xliff2', file, { token: outsider.token })).status).toBe(403);
    const reviewerImport = await importFile(art, 'xliff2', file, { token: reviewer.token });
    expect(reviewerImport.status).toBe(200);
    const unknownLocale = await http.request(
      'POST',
      `/api/projects/${project}/articles/${art}/locales/de/import?format=xliff2`,
      { token: admin, rawBody: file, headers: { 'content-type': 'application/xml' } },
    );
    expect(unknownLocale.status).toBe(404);
    expect(unknownLocale.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await importFile('no-such-article', 'xliff2', file, { token: admin })).status).toBe(
      404,
    );
    const badFormat = await http.request(
      'POST',
      `/api/projects/${project}/articles/${art}/locales/es/import?format=docx`,
      { token: admin, rawBody: file, headers: { 'content-type': 'application/xml' } },
    );
    expect(badFormat.status).toBe(400);
    expect(badFormat.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const json = await http.post(
      `/api/projects/${project}/articles/${art}/locales/es/import?format=po`,
      { file },
      { token: admin },
    );
    expect(json.status).toBe(415);
  });

  it('round trip through translate-toolkit: the same state as typing the targets', async () => {
    const [viaFile, typed] = [await article(), await article()];
    const exported = await exportFile('po', [
      { article: viaFile, units: (await list(viaFile)).map((s) => unitOf(s, null)) },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'tms-import-'));
    const path = join(dir, 'es.po');
    writeFileSync(path, exported);
    // The CAT tool: translate-toolkit's PO store fills each msgstr with the translation.
    const script = [
      'import sys',
      'from translate.storage import po',
      'store = po.pofile.parsefile(sys.argv[1])',
      'for unit in store.units:',
      '    if unit.isheader(): continue',
      '    unit.target = "ES: " + unit.source',
      '    unit.markfuzzy(False)',
      'store.savefile(sys.argv[1])',
    ].join('\n');
    execFileSync('/usr/bin/python3', ['-c', script, path]);
    // msgfmt accepts what the tool wrote: it is still a valid PO file.
    execFileSync('msgfmt', ['--check-format', '-o', '/dev/null', path]);
    const res = await importFile(viaFile, 'po', readFileSync(path));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errors: [], skipped: [] });

    for (const segment of await list(typed))
      expect((await save(typed, segment.id, spanish(segment.source), 0)).status).toBe(200);
    const shape = (items: SegmentItem[]) =>
      items.map(({ source, target, state, revision, checks }) => ({
        source,
        target,
        state,
        revision,
        checks,
      }));
    expect(shape(await list(viaFile))).toEqual(shape(await list(typed)));
  });

  it('tms import: a file into an article as a user, a summary table, exit 1 on unit errors', async () => {
    const art = await article();
    const [first, second] = await list(art);
    const dir = mkdtempSync(join(tmpdir(), 'tms-import-cli-'));
    const path = join(dir, 'es.xlf');
    writeFileSync(
      path,
      await exportFile('xliff12', [
        {
          article: art,
          units: [unitOf(first, spanish(first.source)), unitOf(second, 'Sin código {7/}.')],
        },
      ]),
    );
    const tms = (args: string[]) =>
      spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'tms.js'), ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          LOG_LEVEL: 'silent',
          DATABASE_URL: t.databaseUrl,
          REDIS_URL: 'none',
          SEED_DEMO: 'false',
        },
      });
    const base = ['import', '--project', project, '--article', art, '--locale', 'es'];
    const result = tms([...base, '--format', 'xliff12', '--user', translator.email, path]);
    expect(result.stdout).toMatch(/^outcome\s+units$/m);
    expect(result.stdout).toMatch(/^updated\s+1$/m);
    expect(result.stdout).toMatch(/^error CHECK_FAILED\s+1$/m);
    expect(result.stdout).toContain(`CHECK_FAILED ${art}/${second.id}`);
    expect(result.status).toBe(1);
    const [saved] = await list(art);
    expect(saved).toMatchObject({ target: spanish(first.source), state: 'translated' });
    const [latest] = await history(art, saved.id);
    expect(latest).toMatchObject({ origin: 'import', author: { id: translator.id } });

    const outsiderRun = tms([...base, '--format', 'xliff12', '--user', outsider.email, path]);
    expect(outsiderRun.status).toBe(2);
    expect(outsiderRun.stderr).toMatch(/may not translate/);
    expect(tms([...base, '--format', 'docx', path]).status).toBe(2);
  });
});
