import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestApp } from './support/app';
import { makeProject, TestUser } from './support/factories';
import { Http } from './support/http';
import { startTeam } from './support/team';
import { decodeIds } from '../src/memory/postings';

const PYTHON = '/usr/bin/python3';
const PO2TMX = '/usr/bin/po2tmx';
const TMS = join(__dirname, '..', 'bin', 'tms.js');
const TMX_TYPE = 'application/x-tmx+xml';

/** Reads a TMX file with translate-toolkit's TMX reader: [{source, target}] per unit. */
function readWithTranslateToolkit(file: string): Array<{ source: string; target: string }> {
  const script = [
    'import json, sys',
    'from translate.storage import tmx',
    'store = tmx.tmxfile.parsefile(sys.argv[1])',
    'print(json.dumps([{"source": u.source, "target": u.target} for u in store.units]))',
  ].join('\n');
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) as Array<{
    source: string;
    target: string;
  }>;
}

const HEADER =
  '<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" ' +
  'adminlang="en" srclang="en-US" datatype="plaintext"/>';

function tmxDocument(units: string[], prolog = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}<tmx version="1.4">${HEADER}<body>` +
    units.join('\n') +
    '</body></tmx>'
  );
}

const unit = (en: string, es: string, extra = '') =>
  `<tu><tuv xml:lang="en-US"><seg>${en}</seg></tuv><tuv xml:lang="es-ES"><seg>${es}</seg></tuv>${extra}</tu>`;

interface ImportResult {
  units: number;
  imported: number;
  duplicates: number;
  skipped: number;
  errors: Array<{ unit: number; message: string }>;
}

describe('TMX import and export (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let outsider: TestUser;
  let db: Client;
  const dir = mkdtempSync(join(tmpdir(), 'tms-tmx-'));

  beforeAll(async () => {
    ({ t, http, admin, translator, outsider } = await startTeam({ worker: false }));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const importTmx = (body: string | Buffer, token = admin, query = '', type = TMX_TYPE) =>
    http.request<ImportResult>('POST', `/api/tm/import${query}`, {
      token,
      rawBody: body,
      headers: { 'content-type': type },
    });

  const entryCount = async (): Promise<number> =>
    Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM tm_entries')).rows[0].n);
  /** Postings per gram, decoded from the posting blocks. */
  const postingLists = async (): Promise<Map<string, number>> => {
    const { rows } = await db.query<{ gram: string; entries: Buffer }>(
      'SELECT gram::text AS gram, entries FROM tm_posting_blocks',
    );
    const lists = new Map<string, number>();
    for (const row of rows) {
      lists.set(row.gram, (lists.get(row.gram) ?? 0) + decodeIds(row.entries).length);
    }
    return lists;
  };
  const postingCount = async (): Promise<number> =>
    [...(await postingLists()).values()].reduce((sum, n) => sum + n, 0);

  /** tm_grams counts every gram's postings, as the lookups' choice of rare grams assumes. */
  const gramsMatchPostings = async (): Promise<boolean> => {
    const lists = await postingLists();
    const { rows } = await db.query<{ gram: string; entries: number }>(
      'SELECT gram::text AS gram, entries FROM tm_grams WHERE entries > 0',
    );
    return rows.length === lists.size && rows.every((r) => lists.get(r.gram) === r.entries);
  };

  const search = (q: string, token: string) =>
    http.get<{ items: Array<{ source: string; target: string; score: number }> }>(
      `/api/tm?source=en&target=es&q=${encodeURIComponent(q)}`,
      { token },
    );

  it('imports units with inline codes, one entry per target language, and skips repeats', async () => {
    const body = tmxDocument([
      unit('Drink plenty of water.', 'Beba mucha agua.'),
      `<tu><tuv xml:lang="en"><seg>Take <bpt i="1">&lt;b&gt;</bpt>two<ept i="1">&lt;/b&gt;</ept> tablets.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
           <tuv xml:lang="es"><seg>Tome <bpt i="1">&lt;b&gt;</bpt>dos<ept i="1">&lt;/b&gt;</ept> comprimidos.<ph x="2"/></seg></tuv>
           <tuv xml:lang="fr-FR"><seg>Prenez <bpt i="1"/>deux<ept i="1"/> comprimés.<ph x="2"/></seg></tuv>
           <tuv xml:lang="tlh"><seg>x</seg></tuv></tu>`,
      `<tu><tuv xml:lang="es"><seg>Sin origen</seg></tuv></tu>`,
      unit('Drink plenty of water.', 'Beba mucha agua.'),
    ]);
    const before = await entryCount();
    const res = await importTmx(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      units: 4,
      imported: 3,
      duplicates: 1,
      skipped: 1,
      errors: [
        { unit: 2, message: 'unknown language "tlh"' },
        { unit: 3, message: expect.stringContaining('no <tuv>') },
      ],
    });
    expect(await entryCount()).toBe(before + 3);
    expect(await gramsMatchPostings()).toBe(true);

    // Entries without a project are everybody's, and match like approved ones.
    const found = await search('Take {1}two{/1} tablets.{2/}', outsider.token);
    expect(found.status).toBe(200);
    expect(found.body.items[0]).toMatchObject({
      source: 'Take {1}two{/1} tablets.{2/}',
      target: 'Tome {1}dos{/1} comprimidos.{2/}',
      score: 100,
    });
    expect((await search('Drink plenty of water', outsider.token)).body.items[0]).toMatchObject({
      target: 'Beba mucha agua.',
    });

    const again = await importTmx(body);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 4 });
    expect(await entryCount()).toBe(before + 3);
    expect(await gramsMatchPostings()).toBe(true);
  });

  it("imports into a project's memory, visible to its members only", async () => {
    const { slug } = await makeProject(http, admin, {
      targetLocales: ['es'],
      members: { es: { translator } },
    });
    const sentence = 'Store the vaccine in the refrigerator.';
    const res = await importTmx(
      tmxDocument([unit(sentence, 'Guarde la vacuna en el refrigerador.')]),
      admin,
      `?project=${slug}`,
    );
    expect(res.body).toMatchObject({ imported: 1 });
    expect((await search(sentence, translator.token)).body.items[0]).toMatchObject({
      score: 100,
    });
    expect((await search(sentence, outsider.token)).body.items).toEqual([]);

    const unknown = await importTmx(tmxDocument([]), admin, '?project=no-such-project');
    expect(unknown.status).toBe(404);
  });

  it('imports a TMX that translate-toolkit po2tmx wrote (DOCTYPE included)', async () => {
    const po = join(dir, 'leaflet.po');
    const tmx = join(dir, 'leaflet.tmx');
    writeFileSync(
      po,
      [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '',
        'msgid "Wear a mask in the waiting room."',
        'msgstr "Use una mascarilla en la sala de espera."',
        '',
        'msgid "Ask for help & directions at the desk."',
        'msgstr "Pida ayuda e indicaciones en el mostrador."',
        '',
      ].join('\n'),
    );
    execFileSync(PO2TMX, ['-l', 'es', po, tmx], { stdio: 'ignore' });
    expect(readFileSync(tmx, 'utf8')).toContain('<!DOCTYPE tmx');
    const res = await importTmx(readFileSync(tmx));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ units: 2, imported: 2, skipped: 0, errors: [] });
    expect(
      (await search('Ask for help & directions at the desk.', outsider.token)).body.items[0],
    ).toMatchObject({ target: 'Pida ayuda e indicaciones en el mostrador.', score: 100 });
  });

  const lols = (): string => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i += 1) {
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    }
    return `<!DOCTYPE tmx [${entities.join('')}]>`;
  };
  const deep = `<tu><tuv xml:lang="en"><seg>${'<hi>'.repeat(80)}x${'</hi>'.repeat(80)}</seg></tuv></tu>`;
  const HOSTILE: Array<[string, string | Buffer, number, string]> = [
    [
      'XXE (a SYSTEM entity naming /etc/passwd)',
      tmxDocument(
        [unit('&xxe;', 'x')],
        '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      ),
      422,
      'XML_DOCTYPE_FORBIDDEN',
    ],
    ['billion laughs', tmxDocument([unit('&lol9;', 'x')], lols()), 422, 'XML_DOCTYPE_FORBIDDEN'],
    [
      'an external DTD',
      tmxDocument([unit('a', 'b')], '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/evil.dtd">'),
      422,
      'XML_DOCTYPE_FORBIDDEN',
    ],
    ['an undeclared entity', tmxDocument([unit('&nbsp;', 'x')]), 422, 'XML_ENTITY_FORBIDDEN'],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from(tmxDocument([unit('Caf', 'x')]).split('Caf')[0] + 'Caf'),
        Buffer.from([0xe9]),
        Buffer.from(tmxDocument([unit('Caf', 'x')]).split('Caf')[1]),
      ]),
      400,
      'XML_INVALID_UTF8',
    ],
    ['deep nesting', tmxDocument([deep]), 422, 'XML_TOO_DEEP'],
    ['malformed XML', tmxDocument([unit('a', 'b')]).replace('</body>', ''), 400, 'XML_MALFORMED'],
    ['not TMX', '<?xml version="1.0"?><xliff version="1.2"/>', 422, 'TMX_INVALID'],
  ];

  it.each(HOSTILE)(
    'refuses %s with its code and imports nothing',
    async (_name, body, status, code) => {
      const before = { entries: await entryCount(), postings: await postingCount() };
      const res = await importTmx(body);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, code });
      expect(res.text).not.toContain('root:');
      expect({ entries: await entryCount(), postings: await postingCount() }).toEqual(before);
    },
  );

  it('imports nothing when the problem comes after thousands of good units', async () => {
    const units = Array.from({ length: 2500 }, (_, i) =>
      unit(`Rollback sentence number ${i} stays out.`, `Frase ${i}.`),
    );
    const body = tmxDocument([...units, unit('A &bogus; entity', 'x')]);
    const before = { entries: await entryCount(), postings: await postingCount() };
    const res = await importTmx(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'XML_ENTITY_FORBIDDEN' });
    expect({ entries: await entryCount(), postings: await postingCount() }).toEqual(before);
  });

  it('answers a refused file at once and keeps the connection for the next request', async () => {
    // Refused in its first bytes; the 8 MB after them are read and dropped, not left unread.
    const body = Buffer.concat([
      Buffer.from(tmxDocument([unit('&xxe;', 'x')], '<!DOCTYPE tmx [<!ENTITY xxe "x">]>')),
      Buffer.alloc(8 * 1024 * 1024, 0x20),
    ]);
    const refused = await importTmx(body);
    expect(refused.body).toMatchObject({ code: 'XML_DOCTYPE_FORBIDDEN' });
    const started = Date.now();
    const next = await http.get('/api/tm?source=en&target=es&q=water', { token: admin });
    expect(next.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is for admins only and takes the file as an XML body', async () => {
    const body = tmxDocument([unit('Members may not import.', 'x')]);
    expect((await importTmx(body, translator.token)).status).toBe(403);
    expect(
      (
        await http.request('POST', '/api/tm/import', {
          rawBody: body,
          headers: { 'content-type': TMX_TYPE },
        })
      ).status,
    ).toBe(401);
    const json = await http.post('/api/tm/import', { tmx: body }, { token: admin });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    for (const type of ['application/xml', 'text/xml; charset=utf-8']) {
      expect((await importTmx(tmxDocument([]), admin, '', type)).status).toBe(200);
    }
    // XML bodies are streamed to the import route only.
    const elsewhere = await http.request('POST', '/api/projects', {
      token: admin,
      rawBody: body,
      headers: { 'content-type': TMX_TYPE },
    });
    expect(elsewhere.status).toBe(415);
  });

  it('exports what the caller may see as TMX that translate-toolkit reads', async () => {
    const res = await http.get(`/api/tm/export?source=en&target=es`, { token: outsider.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(TMX_TYPE);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tm-en-es.tmx"');
    expect(res.text).toContain('<ph x="2"/>');
    const file = join(dir, 'export.tmx');
    writeFileSync(file, res.text);
    const units = readWithTranslateToolkit(file);
    // translate-toolkit gives the text without the inline codes.
    expect(units).toEqual(
      expect.arrayContaining([
        { source: 'Drink plenty of water.', target: 'Beba mucha agua.' },
        { source: 'Take two tablets.', target: 'Tome dos comprimidos.' },
        {
          source: 'Ask for help & directions at the desk.',
          target: 'Pida ayuda e indicaciones en el mostrador.',
        },
      ]),
    );
    // The project import is not the outsider's to see.
    expect(units.map((u) => u.source)).not.toContain('Store the vaccine in the refrigerator.');
    expect(units).toHaveLength(4);

    // And it imports back: every pair is already there.
    const back = await importTmx(res.text);
    expect(back.body).toMatchObject({ units: 4, imported: 0, duplicates: 4 });

    expect((await http.get('/api/tm/export?source=en&target=xx', { token: admin })).status).toBe(
      400,
    );
    expect((await http.get('/api/tm/export?source=en&target=es')).status).toBe(401);
  });

  describe('tms tm (CLI)', () => {
    const tms = (args: string[]) => {
      const result = spawnSync(process.execPath, [TMS, ...args], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: t.databaseUrl,
          REDIS_URL: t.config.redisUrl,
          ADMIN_EMAIL: 'admin@test.local',
          ADMIN_PASSWORD: 'admin-password-1',
          SEED_DEMO: 'false',
        },
        timeout: 60_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    it('imports a file and exports a locale pair to standard output', () => {
      const file = join(dir, 'cli.tmx');
      writeFileSync(
        file,
        tmxDocument([
          unit('Check your temperature twice a day.', 'Tómese la temperatura dos veces al día.'),
          `<tu><tuv xml:lang="en"><seg>Orphan</seg></tuv><tuv xml:lang="zz-Bad"><seg>x</seg></tuv></tu>`,
        ]),
      );
      const imported = tms(['tm', 'import', file]);
      expect(imported.stderr).toBe('unit 2: unknown language "zz-Bad"\n');
      expect(imported.stdout).toBe(
        'Imported 1 entries from 2 units (0 duplicates, 0 units skipped)\n',
      );
      expect(imported.code).toBe(0);

      const exported = tms(['tm', 'export', '--source', 'en', '--target', 'es']);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toMatch(/^Exported \d+ units\n$/);
      const out = join(dir, 'cli-export.tmx');
      writeFileSync(out, exported.stdout);
      expect(readWithTranslateToolkit(out)).toEqual(
        expect.arrayContaining([
          {
            source: 'Check your temperature twice a day.',
            target: 'Tómese la temperatura dos veces al día.',
          },
          // The CLI is the operator: project memories are exported too.
          {
            source: 'Store the vaccine in the refrigerator.',
            target: 'Guarde la vacuna en el refrigerador.',
          },
        ]),
      );
    });

    it('exits 2 with one line for a refused file, an unknown project or a missing file', () => {
      const hostile = join(dir, 'hostile.tmx');
      writeFileSync(
        hostile,
        tmxDocument(
          [unit('&xxe;', 'x')],
          '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ),
      );
      for (const args of [
        ['tm', 'import', hostile],
        ['tm', 'import', hostile, '--project', 'no-such-project'],
        ['tm', 'import', join(dir, 'missing.tmx')],
        ['tm', 'export', '--source', 'en', '--target', 'xx'],
      ]) {
        const result = tms(args);
        expect(result.code).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(tms(['tm', 'import', hostile]).stderr).toMatch(/^tms: XML_DOCTYPE_FORBIDDEN: /);
    });
  });
});
