import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import i18next from 'i18next';
import { ADMIN, TestApp } from './support/app';
import { makeArticle, segments, SegmentItem } from './support/content';
import { makeProject, TestUser } from './support/factories';
import { Http, rawGet } from './support/http';
import { startTeam } from './support/team';

/**
 * Exports per article and per project, each format read back by the tools agencies use:
 * xmllint against the OASIS schemas, translate-toolkit, gettext's msgfmt, i18next itself.
 */

const SCHEMAS = join(__dirname, 'fixtures', 'xliff-schemas');
const TMS = join(__dirname, '..', 'bin', 'tms.js');
/** translate-toolkit lives in Debian's Python, not the pyenv one on PATH. */
const TOOLKIT = '/usr/bin';

const HTML =
  '<h2>Before the <strong>first</strong> dose</h2>' +
  '<p>Take <strong>2 tablets</strong> with water. Read the <a href="https://example.org/leaflet?a=1&amp;b=2">leaflet</a> before you start.</p>' +
  '<ul><li>Rest for 30 minutes.</li><li>Call us at 555-0100 if you feel dizzy.</li></ul>';
const TITLE = 'Starting your tablets';

const SPANISH: Record<string, string> = {
  [TITLE]: 'Cómo empezar sus comprimidos',
  'Before the {1}first{/1} dose': 'Antes de la {1}primera{/1} dosis',
  'Take {1}2 tablets{/1} with water.': 'Tome {1}2 comprimidos{/1} con agua.',
  'Read the {1}leaflet{/1} before you start.': 'Lea el {1}folleto{/1} antes de empezar.',
  'Rest for 30 minutes.': 'Descanse 30 minutos.',
};

const dir = mkdtempSync(join(tmpdir(), 'tms-export-'));
let fileNumber = 0;
function saveFile(content: string | Buffer, extension: string): string {
  fileNumber += 1;
  const path = join(dir, `export-${fileNumber}.${extension}`);
  writeFileSync(path, content);
  return path;
}

/** Runs a tool; returns its exit code and output instead of throwing. */
function run(command: string, args: string[]): { code: number; out: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

function validate(xml: string, schema: string): { code: number; out: string } {
  return run('xmllint', [
    '--noout',
    '--nonet',
    '--schema',
    join(SCHEMAS, schema),
    saveFile(xml, 'xlf'),
  ]);
}

describe('interchange export (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;
  let translator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let project: string;
  let article: string;
  let second: string;
  let byText: Map<string, SegmentItem>;

  const base = () => `/api/projects/${project}/articles/${article}/locales/es`;
  const segmentBase = () => `${base()}/segments`;

  async function save(segment: SegmentItem, target: string): Promise<number> {
    const res = await http.put(
      `${segmentBase()}/${segment.id}`,
      { target, revision: segment.revision },
      { token: translator.token },
    );
    expect(res.status).toBe(200);
    return res.body.revision as number;
  }

  async function review(id: string, revision: number, decision: string, comment?: string) {
    const res = await http.post(
      `${segmentBase()}/${id}/review`,
      { decision, revision, comment },
      { token: reviewer.token },
    );
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    ({ t, http, admin, translator, reviewer, outsider } = await startTeam({
      worker: false,
      names: { translator: 'Tomás Translator', reviewer: 'Rita Reviewer' },
    }));
    project = (
      await makeProject(http, admin, {
        targetLocales: ['es', 'fr'],
        members: { es: { translator, reviewer } },
      })
    ).slug;
    article = (
      await makeArticle(http, admin, project, {
        slug: 'starting-tablets',
        title: TITLE,
        format: 'html',
        content: HTML,
      })
    ).slug;
    second = (
      await makeArticle(http, admin, project, {
        slug: 'after-the-visit',
        title: 'After the visit',
        format: 'text',
        content: 'Keep your {appointment} card.\n\nBring it next time.',
      })
    ).slug;
    const items = await segments(http, translator.token, project, article, 'es');
    const find = (source: string) => items.find((s) => s.source === source)!;
    // Approved: title and heading. Translated: the tablets. Rejected: the rest.
    for (const source of [TITLE, 'Before the {1}first{/1} dose'])
      await review(find(source).id, await save(find(source), SPANISH[source]), 'approve');
    await save(
      find('Take {1}2 tablets{/1} with water.'),
      SPANISH['Take {1}2 tablets{/1} with water.'],
    );
    const leaflet = find('Read the {1}leaflet{/1} before you start.');
    await save(leaflet, SPANISH[leaflet.source]);
    const rest = find('Rest for 30 minutes.');
    await review(rest.id, await save(rest, SPANISH[rest.source]), 'reject', 'Use "media hora".');
    const call = find('Call us at 555-0100 if you feel dizzy.');
    expect(
      (
        await http.post(
          `${segmentBase()}/${call.id}/comments`,
          { body: 'Is 555-0100 a local number?' },
          { token: translator.token },
        )
      ).status,
    ).toBe(201);
    // A source change makes the leaflet sentence fuzzy, with the English it was written for.
    const changed = await http.put(
      `/api/projects/${project}/articles/${article}/source`,
      { content: HTML.replace('before you start', 'carefully before you start') },
      { token: admin },
    );
    expect(changed.status).toBe(200);
    byText = new Map(
      (await segments(http, translator.token, project, article, 'es')).map((s) => [s.source, s]),
    );
    expect(byText.get('Read the {1}leaflet{/1} carefully before you start.')?.state).toBe('fuzzy');
  });
  afterAll(() => t.close());

  const idOf = (source: string): string => byText.get(source)!.id;

  describe('XLIFF 2.0 per article', () => {
    let xml: string;
    let headers: Headers;

    beforeAll(async () => {
      const res = await http.get(`${base()}/export?format=xliff2`, { token: translator.token });
      expect(res.status).toBe(200);
      xml = res.text;
      headers = res.headers;
    });

    it('is a valid XLIFF 2.0 core document, sent as an attachment with its word count', () => {
      expect(headers.get('content-type')).toBe('application/xliff+xml; charset=utf-8');
      expect(headers.get('content-disposition')).toBe(
        `attachment; filename="${project}-${article}.es.xlf"`,
      );
      expect(Number(headers.get('x-segment-count'))).toBe(byText.size);
      expect(Number(headers.get('x-word-count'))).toBeGreaterThan(20);
      const verdict = validate(xml, 'xliff_core_2.0.xsd');
      expect(verdict.out).toContain('validates');
      expect(verdict.code).toBe(0);
    });

    it('has one unit per segment with our id, states and revision', () => {
      expect(xml.match(/<unit /g)).toHaveLength(byText.size);
      const unit = (source: string) =>
        new RegExp(`<unit id="${idOf(source)}"[^>]*>[\\s\\S]*?</unit>`).exec(xml)?.[0] ?? '';
      expect(unit(TITLE)).toContain('type="tms:title"');
      expect(unit(TITLE)).toContain('<segment state="final" subState="tms:approved">');
      expect(unit('Before the {1}first{/1} dose')).toContain('type="tms:heading"');
      expect(unit('Take {1}2 tablets{/1} with water.')).toMatch(
        /tms:revision="1"[\s\S]*<segment state="translated" subState="tms:translated">/,
      );
      expect(unit('Rest for 30 minutes.')).toContain('subState="tms:rejected"');
      expect(unit('Rest for 30 minutes.')).toContain('Rita Reviewer: Use "media hora".</note>');
      const call = unit('Call us at 555-0100 if you feel dizzy.');
      expect(call).toContain('<segment state="initial" subState="tms:untranslated">');
      expect(call).not.toContain('<target');
      expect(call).toContain('Tomás Translator: Is 555-0100 a local number?');
    });

    it('writes codes as pc with references to the original markup', () => {
      expect(xml).toContain(
        '<source>Take <pc id="1" dataRefStart="d1" dataRefEnd="d1e" type="fmt">2 tablets</pc> with water.</source>',
      );
      expect(xml).toContain(
        '<data id="d1">&lt;strong&gt;</data><data id="d1e">&lt;/strong&gt;</data>',
      );
      expect(xml).toContain(
        '<data id="d1">&lt;a href="https://example.org/leaflet?a=1&amp;amp;b=2"&gt;</data>',
      );
    });

    it('notes the English a fuzzy target was written for and how much it changed', () => {
      const fuzzy = new RegExp(
        `<unit id="${idOf('Read the {1}leaflet{/1} carefully before you start.')}"[\\s\\S]*?</unit>`,
      ).exec(xml)![0];
      expect(fuzzy).toContain('<segment state="initial" subState="tms:fuzzy">');
      expect(fuzzy).toContain(
        '<note category="tms:baseSource" priority="2" appliesTo="source">Read the {1}leaflet{/1} before you start.</note>',
      );
      expect(fuzzy).toContain('category="tms:changeRisk"');
      expect(fuzzy).toContain('<target>Lea el <pc id="1"');
    });

    it('keeps only the states asked for', async () => {
      const res = await http.get(`${base()}/export?format=xliff2&state=untranslated,fuzzy`, {
        token: reviewer.token,
      });
      expect(res.status).toBe(200);
      expect(res.text.match(/<unit /g)).toHaveLength(2);
      expect(res.text).toContain(idOf('Call us at 555-0100 if you feel dizzy.'));
      expect(res.text).toContain(idOf('Read the {1}leaflet{/1} carefully before you start.'));
      expect(res.headers.get('x-segment-count')).toBe('2');
      expect(validate(res.text, 'xliff_core_2.0.xsd').code).toBe(0);
    });
  });

  describe('XLIFF 1.2 per article', () => {
    let xml: string;
    beforeAll(async () => {
      const res = await http.get(`${base()}/export?format=xliff12`, { token: translator.token });
      expect(res.status).toBe(200);
      xml = res.text;
    });

    it('is valid against the XLIFF 1.2 transitional schema', () => {
      const verdict = validate(xml, 'xliff-core-1.2-transitional.xsd');
      expect(verdict.out).toContain('validates');
      expect(verdict.code).toBe(0);
      expect(xml).toContain(`<trans-unit id="${idOf(TITLE)}"`);
      expect(xml).toMatch(/approved="yes"[^>]*>\s*<source xml:lang="en">Starting your tablets/);
      expect(xml).toContain('<g id="1" ctype="bold">2 tablets</g>');
      expect(xml).toContain('<alt-trans alttranstype="previous-version">');
    });

    it('is read by translate-toolkit: xliff2po converts it and pofilter checks the result', () => {
      const input = saveFile(xml, 'xlf');
      const po = join(dir, 'from-xliff.po');
      const converted = run(`${TOOLKIT}/xliff2po`, ['--progress=none', input, po]);
      expect(converted.code).toBe(0);
      const text = readFileSync(po, 'utf8');
      expect(text).toContain('Tome 2 comprimidos con agua.');
      expect(text).toContain('Cómo empezar sus comprimidos');
      const filtered = run(`${TOOLKIT}/pofilter`, [
        '--progress=none',
        po,
        join(dir, 'filtered.po'),
      ]);
      expect(filtered.code).toBe(0);
    });
  });

  describe('PO per article', () => {
    let po: string;
    beforeAll(async () => {
      const res = await http.get(`${base()}/export?format=po`, { token: translator.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/x-gettext-translation; charset=utf-8');
      po = res.text;
    });

    it('passes msgfmt --check and carries ids, fuzzy flags and previous English', () => {
      const path = saveFile(po, 'po');
      const checked = run('msgfmt', ['--check', '-o', '/dev/null', path]);
      expect(checked.out).toBe('');
      expect(checked.code).toBe(0);
      expect(po).toContain('"Language: es\\n"');
      expect(po).toContain('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"');
      const leaflet = idOf('Read the {1}leaflet{/1} carefully before you start.');
      expect(po).toContain(
        `#, fuzzy\n#| msgid "Read the {1}leaflet{/1} before you start."\nmsgctxt "${leaflet}"\n`,
      );
      expect(po).toContain(
        `msgctxt "${idOf('Take {1}2 tablets{/1} with water.')}"\nmsgid "Take {1}2 tablets{/1} with water."\nmsgstr "Tome {1}2 comprimidos{/1} con agua."`,
      );
      expect(po).toContain('# Tomás Translator: Is 555-0100 a local number?');
    });

    it('is read by translate-toolkit: pofilter and po2xliff run on it', () => {
      const path = saveFile(po, 'po');
      expect(run(`${TOOLKIT}/pofilter`, ['--progress=none', path, join(dir, 'f2.po')]).code).toBe(
        0,
      );
      const xlf = join(dir, 'from-po.xlf');
      expect(run(`${TOOLKIT}/po2xliff`, ['--progress=none', path, xlf]).code).toBe(0);
      expect(readFileSync(xlf, 'utf8')).toContain('Descanse 30 minutos.');
    });
  });

  it('exports i18next JSON that i18next loads, t(id) giving the targets', async () => {
    const res = await http.get(`${base()}/export?format=i18next`, { token: translator.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'es', resources: { es: { translation: res.body } } });
    expect(i18n.t(idOf(TITLE))).toBe('Cómo empezar sus comprimidos');
    expect(i18n.t(idOf('Take {1}2 tablets{/1} with water.'))).toBe(
      'Tome {1}2 comprimidos{/1} con agua.',
    );
    expect(Object.keys(res.body)).not.toContain(idOf('Call us at 555-0100 if you feel dizzy.'));
  });

  it('answers bad input with 400 in the contract format, and 404 for unknown things', async () => {
    const bad = await http.get(`${base()}/export?format=docx`, { token: translator.token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const missing = await http.get(`${base()}/export`, { token: translator.token });
    expect(missing.status).toBe(400);
    const state = await http.get(`${base()}/export?format=po&state=done`, {
      token: translator.token,
    });
    expect(state.status).toBe(400);
    expect(state.body.code).toBe('VALIDATION_FAILED');
    for (const path of [
      `/api/projects/${project}/articles/nope/locales/es/export?format=po`,
      `/api/projects/${project}/articles/${article}/locales/de/export?format=po`,
    ]) {
      const res = await http.get(path, { token: admin });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const project404 = await http.get(`/api/projects/nope/articles/a/locales/es/export?format=po`, {
      token: admin,
    });
    expect(project404.status).toBe(404);
  });

  it('lets any member of the project export and no one else', async () => {
    // A member of another locale reads the project, as the segment list allows.
    const fr = await http.get(
      `/api/projects/${project}/articles/${article}/locales/fr/export?format=po`,
      {
        token: translator.token,
      },
    );
    expect(fr.status).toBe(200);
    const outside = await http.get(`${base()}/export?format=po`, { token: outsider.token });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('FORBIDDEN');
    const anonymous = await http.get(`${base()}/export?format=po`);
    expect(anonymous.status).toBe(401);
  });

  describe('per project', () => {
    const projectBase = () => `/api/projects/${project}/locales/es/export`;

    it('streams one XLIFF 2.0 document with a file per article', async () => {
      const res = await http.get(`${projectBase()}?format=xliff2`, { token: reviewer.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="${project}.es.xlf"`,
      );
      expect(res.text.match(/<file /g)).toHaveLength(2);
      expect(res.text).toContain(`original="${second}"`);
      expect(res.text).toContain('Keep your {appointment} card.');
      expect(validate(res.text, 'xliff_core_2.0.xsd').code).toBe(0);
      const v12 = await http.get(`${projectBase()}?format=xliff12&articles=${second}`, {
        token: reviewer.token,
      });
      expect(v12.text.match(/<file /g)).toHaveLength(1);
      expect(validate(v12.text, 'xliff-core-1.2-transitional.xsd').code).toBe(0);
    });

    it('zips PO files, one per article, with a manifest of word counts', async () => {
      const res = await rawGet(`${t.baseUrl}${projectBase()}?format=po&state=untranslated,fuzzy`, {
        authorization: `Bearer ${translator.token}`,
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const zip = saveFile(res.body, 'zip');
      const out = mkdtempSync(join(dir, 'unzipped-'));
      expect(run('unzip', ['-q', zip, '-d', out]).code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(
        [`${second}.es.po`, `${article}.es.po`, 'manifest.json'].sort(),
      );
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ project, locale: 'es', format: 'po' });
      const entry = manifest.files.find((f: { article: string }) => f.article === article);
      expect(entry).toMatchObject({ file: `${article}.es.po`, segments: 2, sourceVersion: 2 });
      expect(entry.words).toBeGreaterThan(5);
      expect(manifest.totals.words).toBe(Number(res.headers['x-word-count']));
      for (const name of [`${second}.es.po`, `${article}.es.po`]) {
        expect(run('msgfmt', ['--check', '-o', '/dev/null', join(out, name)]).code).toBe(0);
      }
      expect(readFileSync(join(out, `${second}.es.po`), 'utf8')).toContain(
        'msgid "Keep your {{appointment}} card."',
      );
    });

    it('stops when the client goes away, and the server carries on', async () => {
      for (const format of ['po', 'xliff2']) {
        const controller = new AbortController();
        const res = await fetch(`${t.baseUrl}${projectBase()}?format=${format}&bundle=zip`, {
          headers: { authorization: `Bearer ${translator.token}` },
          signal: controller.signal,
        });
        expect(res.status).toBe(200);
        controller.abort();
        await expect(res.arrayBuffer()).rejects.toThrow();
      }
      const after = await http.get(`${base()}/export?format=i18next`, { token: translator.token });
      expect(after.status).toBe(200);
      expect(after.body[idOf(TITLE)]).toBe('Cómo empezar sus comprimidos');
    });

    it('refuses a PO export as one file, and unknown articles', async () => {
      const single = await http.get(`${projectBase()}?format=po&bundle=file`, { token: admin });
      expect(single.status).toBe(400);
      const unknown = await http.get(
        `${projectBase()}?format=xliff2&articles=${second},gone,lost`,
        {
          token: admin,
        },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.details.articles).toEqual(['gone', 'lost']);
    });
  });

  it('tms export writes the file to standard output and a summary table to standard error', () => {
    const env = {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    };
    const result = spawnSync(
      process.execPath,
      [
        TMS,
        'export',
        '--project',
        project,
        '--article',
        article,
        '--locale',
        'es',
        '--format',
        'po',
      ],
      { env, encoding: 'utf8' },
    );
    expect(result.stderr).toMatch(/article\s+file\s+version\s+segments\s+words/);
    expect(result.stderr).toMatch(new RegExp(`${article}\\s+${article}\\.es\\.po\\s+2\\s+6`));
    expect(result.status).toBe(0);
    const path = saveFile(result.stdout, 'po');
    expect(run('msgfmt', ['--check', '-o', '/dev/null', path]).code).toBe(0);
    expect(result.stdout).toContain(`msgctxt "${idOf(TITLE)}"`);
    const bad = spawnSync(
      process.execPath,
      [TMS, 'export', '--project', project, '--locale', 'es', '--format', 'docx'],
      { env, encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('format must be one of');
  });
});
