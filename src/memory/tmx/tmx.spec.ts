import fc from 'fast-check';
import { XmlRejectedError } from '../../xml/safe-xml-reader';
import { readTmx, TmxFormatError, tmxLocale, TmxRecord } from './tmx-reader';
import { segMarkup, tmxDate, tmxHead, tmxTail, tmxUnit, TmxUnit } from './tmx-writer';

const LIMITS = { maxBytes: 10 * 1024 * 1024 };

async function records(xml: string): Promise<TmxRecord[]> {
  const out: TmxRecord[] = [];
  for await (const record of readTmx([xml], LIMITS)) out.push(record);
  return out;
}

const tmx = (body: string, srclang = 'en-US') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="${srclang}" datatype="plaintext"><note>n</note></header>
<body>${body}</body></tmx>`;

const write = (units: TmxUnit[]) =>
  tmxHead({ sourceLocale: units[0]?.sourceLocale ?? 'en', creationToolVersion: '0.1.0' }) +
  units.map(tmxUnit).join('') +
  tmxTail();

describe('tmxLocale', () => {
  it.each([
    ['en', 'en'],
    ['EN-us', 'en'],
    ['es_ES', 'es'],
    ['pt-br', 'pt-BR'],
    ['pt-PT', 'pt'],
    ['zh-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-hans', 'zh-Hans'],
  ])('%s → %s', (tag, expected) => {
    expect(tmxLocale(tag)).toBe(expected);
  });

  it.each(['', 'x', 'klingon', '12', 'qaa'])('%s is unknown', (tag) => {
    expect(tmxLocale(tag)).toBeUndefined();
  });
});

describe('readTmx', () => {
  it('gives one pair per target language, with locales canonicalised', async () => {
    const result = await records(
      tmx(`<tu tuid="1"><prop type="x">p</prop>
        <tuv xml:lang="EN-US"><seg>Rest &amp; drink water.</seg></tuv>
        <tuv xml:lang="es-ES"><seg>Descanse y beba agua.</seg></tuv>
        <tuv xml:lang="fr-FR"><seg>Reposez-vous et buvez de l'eau.</seg></tuv>
      </tu>`),
    );
    expect(result).toEqual([
      {
        type: 'unit',
        unit: 1,
        problems: [],
        pairs: [
          {
            sourceLocale: 'en',
            targetLocale: 'es',
            source: 'Rest & drink water.',
            target: 'Descanse y beba agua.',
          },
          {
            sourceLocale: 'en',
            targetLocale: 'fr',
            source: 'Rest & drink water.',
            target: "Reposez-vous et buvez de l'eau.",
          },
        ],
      },
    ]);
  });

  it('maps bpt/ept, ph, it, hi to our codes, numbered alike in source and target', async () => {
    const [record] = await records(
      tmx(`<tu>
        <tuv xml:lang="en"><seg>Take <bpt i="1">&lt;b&gt;</bpt>two<ept i="1">&lt;/b&gt;</ept> tablets<ph x="7">&lt;br/&gt;</ph> daily <hi>{now}</hi><it pos="begin">&lt;i&gt;</it></seg></tuv>
        <tuv xml:lang="es"><seg>Tome <bpt i="4">&lt;b&gt;</bpt>dos<ept i="4">&lt;/b&gt;</ept> comprimidos<ph x="7"/> al día <hi>{ya}</hi><it pos="begin"/></seg></tuv>
      </tu>`),
    );
    expect(record).toMatchObject({
      type: 'unit',
      pairs: [
        {
          source: 'Take {1}two{/1} tablets{2/} daily {3}{{now}}{/3}{4/}',
          // bpt i="4" is not the source's i="1": a code of its own.
          target: 'Tome {5}dos{/5} comprimidos{2/} al día {3}{{ya}}{/3}{4/}',
        },
      ],
    });
  });

  it('matches codes by x across segments when i differs', async () => {
    const [record] = await records(
      tmx(`<tu>
        <tuv xml:lang="en"><seg><bpt i="1" x="1"/>a<ept i="1"/> <ph x="2"/></seg></tuv>
        <tuv xml:lang="es"><seg><ph x="2"/> <bpt i="9" x="1"/>b<ept i="9"/></seg></tuv>
      </tu>`),
    );
    expect(record).toMatchObject({ pairs: [{ source: '{1}a{/1} {2/}', target: '{2/} {1}b{/1}' }] });
  });

  it('reports unit problems without stopping', async () => {
    const result = await records(
      tmx(`<tu><tuv xml:lang="es"><seg>Solo destino</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>Fever</seg></tuv><tuv xml:lang="tlh"><seg>x</seg></tuv>
            <tuv xml:lang="es"><seg>Fiebre</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>Alone</seg></tuv></tu>
        <tu srclang="xx-invalid-"><tuv xml:lang="en"><seg>a</seg></tuv></tu>`),
    );
    expect(result).toEqual([
      { type: 'skipped', problem: { unit: 1, message: expect.stringContaining('no <tuv>') } },
      {
        type: 'unit',
        unit: 2,
        pairs: [{ sourceLocale: 'en', targetLocale: 'es', source: 'Fever', target: 'Fiebre' }],
        problems: [{ unit: 2, message: 'unknown language "tlh"' }],
      },
      { type: 'skipped', problem: { unit: 3, message: 'no translation' } },
      { type: 'skipped', problem: { unit: 4, message: 'unknown source language "xx-invalid-"' } },
    ]);
  });

  it('uses <tu srclang> over the header, and skips units when the header says *all*', async () => {
    const body = `<tu srclang="es"><tuv xml:lang="en"><seg>Cough</seg></tuv><tuv xml:lang="es"><seg>Tos</seg></tuv></tu>
      <tu><tuv xml:lang="en"><seg>Cough</seg></tuv><tuv xml:lang="es"><seg>Tos</seg></tuv></tu>`;
    const result = await records(tmx(body, '*all*'));
    expect(result[0]).toMatchObject({
      pairs: [{ sourceLocale: 'es', targetLocale: 'en', source: 'Tos' }],
    });
    expect(result[1]).toMatchObject({ type: 'skipped', problem: { unit: 2 } });
  });

  it('reads the DOCTYPE po2tmx writes, and refuses any other', async () => {
    const withDoctype = (doctype: string) =>
      tmx(
        '<tu><tuv xml:lang="en"><seg>Cough</seg></tuv><tuv xml:lang="es"><seg>Tos</seg></tuv></tu>',
      ).replace('<tmx ', `${doctype}\n<tmx `);
    expect(await records(withDoctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">'))).toHaveLength(1);
    await expect(
      records(withDoctype('<!DOCTYPE tmx SYSTEM "file:///etc/passwd">')),
    ).rejects.toMatchObject({
      code: 'XML_DOCTYPE_FORBIDDEN',
    });
  });

  it('refuses files that are not TMX', async () => {
    await expect(records('<xliff/>')).rejects.toBeInstanceOf(TmxFormatError);
    await expect(records('<tmx version="1.4"><body/></tmx>')).rejects.toBeInstanceOf(
      TmxFormatError,
    );
  });

  it('refuses unsafe XML with the XML reader error', async () => {
    const xxe = `<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>${tmx('&x;')}`.replace(
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '',
    );
    await expect(records(xxe)).rejects.toMatchObject({ code: 'XML_DOCTYPE_FORBIDDEN' });
    await expect(records(xxe)).rejects.toBeInstanceOf(XmlRejectedError);
  });
});

describe('TMX writer', () => {
  it('writes a TMX 1.4 head with the required header attributes', () => {
    const head = tmxHead({ sourceLocale: 'en', creationToolVersion: '0.1.0' });
    expect(head).toContain('<tmx version="1.4">');
    for (const attribute of [
      'creationtool="tms"',
      'creationtoolversion="0.1.0"',
      'segtype="sentence"',
      'o-tmf="tms"',
      'adminlang="en"',
      'srclang="en"',
      'datatype="plaintext"',
    ]) {
      expect(head).toContain(attribute);
    }
  });

  it('escapes text and writes codes as bpt/ept/ph', () => {
    expect(segMarkup('Use <b> & {1}bold{/1}{2/} {{x}}\u0001')).toBe(
      'Use &lt;b&gt; &amp; <bpt i="1" x="1"/>bold<ept i="1"/><ph x="2"/> {x}',
    );
    expect(tmxDate(new Date('2026-01-31T23:59:58.123Z'))).toBe('20260131T235958Z');
  });

  it('round-trips units with codes, escapes and several targets', async () => {
    const units: TmxUnit[] = [
      {
        sourceLocale: 'en',
        targetLocale: 'es',
        source: 'A {1}b{/1} < c & "d"',
        target: 'Una {1}b{/1} > c',
      },
      {
        sourceLocale: 'en',
        targetLocale: 'ar',
        source: 'Dose: {1/} mg',
        target: 'الجرعة: {1/} ملغ',
        createdAt: new Date(),
      },
    ];
    const result = await records(write(units));
    expect(result.map((r) => (r.type === 'unit' ? r.pairs : r))).toEqual(
      units.map(({ createdAt: _createdAt, ...pair }) => [pair]),
    );
  });

  it('round-trips any text with codes (property)', async () => {
    const piece = fc.oneof(
      fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
        .map((s) => s.replace(/[{}]/g, '')),
      fc.constantFrom('{{', '}}', '<', '&', ']]>', '"'),
    );
    const text = fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
      .map(([parts, paired, standalone]) => {
        const body = parts.join('');
        return `${paired ? `{1}${body}{/1}` : body}${standalone ? ' {2/}' : ''}x`;
      });
    await fc.assert(
      fc.asyncProperty(text, text, async (source, target) => {
        const [record] = await records(
          write([{ sourceLocale: 'en', targetLocale: 'es', source, target }]),
        );
        if (record.type !== 'unit') throw new Error(record.problem.message);
        const clean = (s: string) =>
          // eslint-disable-next-line no-control-regex
          s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(record.pairs[0]).toMatchObject({ source: clean(source), target: clean(target) });
      }),
      { numRuns: 200 },
    );
  });
});
