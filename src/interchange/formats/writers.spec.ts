import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineTokens } from './inline';
import { pluralFormsFor } from './plural-forms';
import { poString, writePo } from './po';
import { writeI18next } from './i18next';
import type { InterchangeFile, InterchangeUnit } from './unit';
import { writeXliff12 } from './xliff12';
import { writeXliff2 } from './xliff2';
import { escapeAttr, escapeText } from './xml';
import { iterate, sampleUnit } from '../__fixtures__/units';

const SCHEMAS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'xliff-schemas');
const dir = mkdtempSync(join(tmpdir(), 'tms-writers-'));

const unit = sampleUnit;

function file(units: InterchangeUnit[], overrides: Partial<InterchangeFile> = {}): InterchangeFile {
  return {
    article: 'after-the-infusion',
    title: 'After the infusion',
    sourceVersion: 3,
    sourceFormat: 'markdown',
    sourceLocale: 'en',
    targetLocale: 'es',
    targetDirection: 'ltr',
    units: iterate(units),
    ...overrides,
  };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

function xliff2(units: InterchangeUnit[], targetLocale = 'es'): Promise<string> {
  return collect(
    writeXliff2({
      sourceLocale: 'en',
      targetLocale,
      files: iterate([file(units, { targetLocale })]),
    }),
  );
}

function xliff12(units: InterchangeUnit[]): Promise<string> {
  return collect(
    writeXliff12({ sourceLocale: 'en', targetLocale: 'es', files: iterate([file(units)]) }),
  );
}

/** xmllint's verdict on a document against one of the carried schemas ('' when valid). */
function schemaErrors(xml: string, schema: string): string {
  const path = join(dir, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(path, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMAS, schema), path], {
      stdio: 'pipe',
    });
    return '';
  } catch (error) {
    return String((error as { stderr: Buffer }).stderr);
  }
}

describe('xml escaping', () => {
  it('escapes markup characters in text and quotes and whitespace in attributes', () => {
    expect(escapeText('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; "d"');
    expect(escapeAttr('say "hi"\n\tnow')).toBe('say &quot;hi&quot;&#10;&#9;now');
  });

  it('hands characters XML 1.0 forbids to the caller, keeping tab, newline and pairs', () => {
    expect(escapeText('a\u0001b\u000Bc\tok\n😀')).toBe('a\uFFFDb\uFFFDc\tok\n😀');
    expect(escapeText('x\u0007y', (c) => `[${c.charCodeAt(0)}]`)).toBe('x[7]y');
    expect(escapeText('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
  });
});

describe('inline tokens', () => {
  it('pairs well-nested codes and resolves doubled braces', () => {
    expect(inlineTokens('{{x}} {1}a {2/}{/1}')).toEqual([
      { type: 'text', value: '{x} ' },
      { type: 'open', id: 1, paired: true },
      { type: 'text', value: 'a ' },
      { type: 'standalone', id: 2 },
      { type: 'close', id: 1, paired: true },
    ]);
  });

  it('leaves crossing and lone codes unpaired', () => {
    const tokens = inlineTokens('{1}a{2}b{/1}c{/2} {3}');
    expect(tokens.filter((t) => t.type !== 'text').every((t) => !('paired' in t && t.paired))).toBe(
      true,
    );
  });
});

describe('XLIFF 2.0 writer', () => {
  it('writes one unit per segment with our id, state, codes and data references', async () => {
    const xml = await xliff2([unit()]);
    expect(xml).toContain(
      '<unit id="a1b2c3d4e5f6a1b2c3d4e5f6" name="paragraph" type="tms:paragraph"',
    );
    expect(xml).toContain('tms:revision="2"');
    expect(xml).toContain('<segment state="translated" subState="tms:translated">');
    expect(xml).toContain(
      '<source>Rest for <pc id="1" dataRefStart="d1" dataRefEnd="d1e" type="fmt">two days</pc> after the infusion.<ph id="2" dataRef="d2" type="fmt"/></source>',
    );
    expect(xml).toContain(
      '<originalData><data id="d1">&lt;em&gt;</data><data id="d1e">&lt;/em&gt;</data><data id="d2">&lt;br&gt;</data></originalData>',
    );
    expect(xml).toContain('tms:sourceVersion="3"');
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });

  it.each([
    ['untranslated', 'initial'],
    ['fuzzy', 'initial'],
    ['translated', 'translated'],
    ['rejected', 'translated'],
    ['approved', 'final'],
  ] as const)('maps %s to state %s and keeps ours as subState', async (state, xliffState) => {
    const xml = await xliff2([unit({ state, target: state === 'untranslated' ? null : 'Hecho.' })]);
    expect(xml).toContain(`<segment state="${xliffState}" subState="tms:${state}">`);
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });

  it('leaves out empty targets and escapes text, controls and literal braces', async () => {
    const xml = await xliff2([
      unit({
        source: 'Use {{dose}} & <b>not</b> "x"\u0001 here',
        target: '',
        state: 'untranslated',
        codes: new Map(),
      }),
    ]);
    expect(xml).toContain(
      '<source>Use {dose} &amp; &lt;b&gt;not&lt;/b&gt; "x"<cp hex="0001"/> here</source>',
    );
    expect(xml).not.toContain('<target');
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });

  it('writes notes for the English the target was based on, risk, comments and checks', async () => {
    const xml = await xliff2([
      unit({
        state: 'fuzzy',
        previousSource: 'Rest for {1}three days{/1} after the infusion.{2/}',
        changeRisk: 'clinical',
        comments: [{ author: 'Ana', text: 'Ask the nurse <team>' }],
        checks: [{ code: 'PUNCTUATION', severity: 'warning', message: 'Ends differently' }],
      }),
    ]);
    expect(xml).toContain(
      '<note category="tms:baseSource" priority="2" appliesTo="source">Rest for {1}three days{/1} after the infusion.{2/}</note>',
    );
    expect(xml).toContain(
      '<note category="tms:changeRisk" priority="1" appliesTo="source">clinical',
    );
    expect(xml).toContain(
      '<note category="comment" priority="4">Ana: Ask the nurse &lt;team&gt;</note>',
    );
    expect(xml).toContain('PUNCTUATION (warning): Ends differently</note>');
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });

  it('uses sc/ec when a target leaves a code open, and marks the title by type', async () => {
    const xml = await xliff2([
      unit({ kind: 'title', target: '{1}Descanse dos días.{2/}', state: 'fuzzy' }),
    ]);
    expect(xml).toContain('type="tms:title"');
    expect(xml).toContain(
      '<target><sc id="1" dataRef="d1" isolated="yes" type="fmt"/>Descanse dos días.<ph id="2"',
    );
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });

  it('writes right-to-left targets as they are and marks the file direction', async () => {
    const xml = await xliff2([unit({ target: 'استرح {1}يومين{/1} بعد التسريب.{2/}' })], 'ar');
    expect(xml).toContain('trgLang="ar"');
    expect(xml).toContain('<target>استرح <pc id="1"');
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });

  it('is still a valid document when nothing matched', async () => {
    const xml = await xliff2([]);
    expect(xml).toContain('No segment matched');
    expect(schemaErrors(xml, 'xliff_core_2.0.xsd')).toBe('');
  });
});

describe('XLIFF 1.2 writer', () => {
  it('writes trans-units with g/x codes, approved and target state', async () => {
    const xml = await xliff12([
      unit({ state: 'approved' }),
      unit({ id: 'b2', state: 'untranslated', target: null }),
    ]);
    expect(xml).toContain(
      '<trans-unit id="a1b2c3d4e5f6a1b2c3d4e5f6" resname="a1b2c3d4e5f6a1b2c3d4e5f6" restype="x-tms-paragraph" approved="yes"',
    );
    expect(xml).toContain(
      'Rest for <g id="1" ctype="italic">two days</g> after the infusion.<x id="2" ctype="lb"/>',
    );
    expect(xml).toContain('<target xml:lang="es" state="final">');
    expect(schemaErrors(xml, 'xliff-core-1.2-transitional.xsd')).toBe('');
  });

  it('carries the previous English of a fuzzy target in alt-trans', async () => {
    const xml = await xliff12([
      unit({
        state: 'fuzzy',
        previousSource: 'Rest for {1}a day{/1}.{2/}',
        changeRisk: 'wording',
        comments: [{ author: 'Li', text: 'check "day"' }],
      }),
    ]);
    expect(xml).toContain('state="needs-review-translation" state-qualifier="fuzzy-match"');
    expect(xml).toContain('<alt-trans alttranstype="previous-version">');
    expect(xml).toContain('Rest for <g id="1" ctype="italic">a day</g>.');
    expect(xml).toContain(
      '<note from="Li" priority="4" annotates="general">Li: check "day"</note>',
    );
    expect(schemaErrors(xml, 'xliff-core-1.2-transitional.xsd')).toBe('');
  });

  it('uses bx/ex for crossing codes and it for a code without its partner', async () => {
    const xml = await xliff12([unit({ target: '{1}Descanse {2/}dos{/1}{/3} días.' })]);
    expect(xml).toContain('<g id="1" ctype="italic">Descanse <x id="2" ctype="lb"/>dos</g>');
    expect(xml).toContain('<it id="3e" pos="close"/>');
    const crossing = await xliff12([unit({ target: '{1}a{2}b{/1}c{/2}' })]);
    expect(crossing).toContain('<bx id="1" rid="1" ctype="italic"/>a<bx id="2" rid="2"');
    expect(crossing).toContain('<ex id="1e" rid="1"/>c<ex id="2e" rid="2"/>');
    expect(schemaErrors(crossing, 'xliff-core-1.2-transitional.xsd')).toBe('');
    expect(schemaErrors(xml, 'xliff-core-1.2-transitional.xsd')).toBe('');
  });
});

describe('PO writer', () => {
  it('escapes quotes, backslashes and controls', () => {
    expect(poString('say "hi"\\ \n\t\u0001')).toBe('say \\"hi\\"\\\\ \\n\\t\\001');
  });

  it('writes a header with Language and Plural-Forms and one entry per segment', async () => {
    const po = await collect(
      writePo(
        file([
          unit({
            state: 'fuzzy',
            previousSource: 'Rest for a day.',
            comments: [{ author: 'Ana', text: 'two lines\nof comment' }],
          }),
          unit({ id: 'c3', state: 'untranslated', target: null, source: 'Keep {{braces}}.' }),
        ]),
        new Date('2026-01-02T03:04:05Z'),
      ),
    );
    expect(po).toContain('"Language: es\\n"');
    expect(po).toContain('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"');
    expect(po).toContain('"PO-Revision-Date: 2026-01-02 03:04+0000\\n"');
    expect(po).toContain(
      '# Ana: two lines\n# of comment\n#. tms: kind=paragraph state=fuzzy revision=2 words=7\n#, fuzzy\n#| msgid "Rest for a day."\nmsgctxt "a1b2c3d4e5f6a1b2c3d4e5f6"\nmsgid "Rest for {1}two days{/1} after the infusion.{2/}"\nmsgstr "Descanse {1}dos días{/1} después de la infusión.{2/}"\n',
    );
    expect(po).toContain('msgctxt "c3"\nmsgid "Keep {{braces}}."\nmsgstr ""\n');
  });

  it('names plural rules per language', () => {
    expect(pluralFormsFor('zh-Hans')).toBe('nplurals=1; plural=0;');
    expect(pluralFormsFor('ar')).toMatch(/^nplurals=6;/);
    expect(pluralFormsFor('fr')).toBe('nplurals=2; plural=(n > 1);');
    expect(pluralFormsFor('pt-BR')).toBe('nplurals=2; plural=(n > 1);');
    expect(pluralFormsFor('pt')).toBe('nplurals=2; plural=(n != 1);');
  });
});

describe('i18next writer', () => {
  it('writes a flat JSON object of translated segments keyed by id', async () => {
    const json = await collect(
      writeI18next(
        file([
          unit(),
          unit({ id: 'empty', target: '', state: 'untranslated' }),
          unit({ id: 'q', target: 'Dice "sí" {{x}}' }),
        ]),
      ),
    );
    expect(JSON.parse(json)).toEqual({
      a1b2c3d4e5f6a1b2c3d4e5f6: 'Descanse {1}dos días{/1} después de la infusión.{2/}',
      q: 'Dice "sí" {{x}}',
    });
  });

  it('writes an empty object when nothing is translated', async () => {
    expect(JSON.parse(await collect(writeI18next(file([]))))).toEqual({});
  });
});
