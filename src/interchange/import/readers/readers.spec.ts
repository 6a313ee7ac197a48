import fc from 'fast-check';
import { writePo } from '../../formats/po';
import type { CodeMarkup, InterchangeFile, InterchangeUnit, UnitState } from '../../formats/unit';
import { writeXliff12 } from '../../formats/xliff12';
import { writeXliff2 } from '../../formats/xliff2';
import { XmlRejectedError } from '../../../xml/safe-xml-reader';
import {
  ImportFormat,
  ImportRecord,
  InterchangeFormatError,
  PoRejectedError,
  readInterchange,
  unquotePo,
} from './index';
import { BR, EM, iterate, sampleUnit } from '../../__fixtures__/units';

const LIMITS = { maxBytes: 10 * 1024 * 1024 };

const unit = (overrides: Partial<InterchangeUnit> = {}): InterchangeUnit =>
  sampleUnit({ id: 'k1', ...overrides });

function file(units: InterchangeUnit[]): InterchangeFile {
  return {
    article: 'after-the-infusion',
    title: 'After the infusion',
    sourceVersion: 3,
    sourceFormat: 'markdown',
    sourceLocale: 'en',
    targetLocale: 'es',
    targetDirection: 'ltr',
    units: iterate(units),
  };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

function write(format: ImportFormat, units: InterchangeUnit[]): Promise<string> {
  const doc = { sourceLocale: 'en', targetLocale: 'es', files: iterate([file(units)]) };
  if (format === 'po') return collect(writePo(file(units), new Date(0)));
  return collect(format === 'xliff2' ? writeXliff2(doc) : writeXliff12(doc));
}

async function read(format: ImportFormat, text: string | Uint8Array): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  for await (const record of readInterchange(format, [text], LIMITS)) records.push(record);
  return records;
}

const FORMATS: ImportFormat[] = ['xliff2', 'xliff12', 'po'];

describe.each(FORMATS)('%s reader', (format) => {
  it('reads back what the writer wrote: id, source, target, revision, version, article', async () => {
    const records = await read(format, await write(format, [unit()]));
    expect(records).toEqual([
      {
        file: 'after-the-infusion',
        id: 'k1',
        source: 'Rest for {1}two days{/1} after the infusion.{2/}',
        target: 'Descanse {1}dos días{/1} después de la infusión.{2/}',
        fuzzy: false,
        revision: 2,
        sourceVersion: 3,
        problem: null,
      },
    ]);
  });

  it('marks fuzzy targets and gives no target for untranslated units', async () => {
    const records = await read(
      format,
      await write(format, [
        unit({ id: 'f', state: 'fuzzy', previousSource: 'Rest for two days.' }),
        unit({ id: 'u', target: null, state: 'untranslated', revision: 0 }),
      ]),
    );
    expect(records.map((r) => [r.id, r.fuzzy, r.target === null || r.target === ''])).toEqual([
      ['f', true, false],
      ['u', false, true],
    ]);
  });

  it('keeps literal braces escaped and crossing codes as codes', async () => {
    const crossing = unit({
      source: 'Use {{x}} with {1}bold {2}both{/1} italic{/2}',
      target: 'Use {{x}} con {1}negrita {2}ambas{/1} cursiva{/2}',
      codes: new Map([
        [1, { tag: 'strong', open: '<strong>', close: '</strong>' }],
        [2, EM],
      ]),
    });
    const [record] = await read(format, await write(format, [crossing]));
    expect(record.source).toBe(crossing.source);
    expect(record.target).toBe(crossing.target);
  });

  it('gives only typed errors for arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          await read(format, bytes);
        } catch (error) {
          expect(
            error instanceof XmlRejectedError ||
              error instanceof InterchangeFormatError ||
              error instanceof PoRejectedError,
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives only typed errors for a valid file cut or corrupted anywhere', async () => {
    const whole = Buffer.from(await write(format, [unit(), unit({ id: 'k2' })]));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: whole.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        async (at, byte, cut) => {
          const broken = Buffer.from(whole);
          broken[at] = byte;
          try {
            await read(format, cut ? whole.subarray(0, at) : broken);
          } catch (error) {
            expect(
              error instanceof XmlRejectedError ||
                error instanceof InterchangeFormatError ||
                error instanceof PoRejectedError,
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Coded text as our notation writes it: text with doubled braces, nested pairs, standalones. */
const CHARS = [
  'a',
  'Z',
  ' ',
  '{',
  '}',
  '<',
  '>',
  '&',
  '"',
  "'",
  '\n',
  '\t',
  '\\',
  'é',
  '中',
  '😀',
  '#',
  '/',
];
const textPiece = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 8 })
  .map((chars) => chars.join(''));
type Node = { text: string } | { paired: Node[] } | { standalone: true };
const node: fc.Memo<Node> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(fc.record({ text: textPiece }), fc.constant<Node>({ standalone: true }))
    : fc.oneof(
        fc.record({ text: textPiece }),
        fc.constant<Node>({ standalone: true }),
        fc.record({ paired: fc.array(node(depth - 1), { maxLength: 3 }) }),
      ),
);

function render(nodes: Node[], next = { id: 0 }, codes = new Map<number, CodeMarkup>()): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text.replace(/[{}]/g, (b) => b + b);
    else if ('standalone' in n) {
      const id = ++next.id;
      codes.set(id, BR);
      out += `{${id}/}`;
    } else {
      const id = ++next.id;
      codes.set(id, EM);
      out += `{${id}}${render(n.paired, next, codes)}{/${id}}`;
    }
  }
  return out;
}

describe.each(FORMATS)('%s writer → reader round trip (property)', (format) => {
  it('yields the same source, target, state class and revision for any coded text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(node(3), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<UnitState>('translated', 'fuzzy', 'approved', 'rejected'),
        fc.nat({ max: 1000 }),
        async (nodes, extra, state, revision) => {
          const codes = new Map<number, CodeMarkup>();
          const source = render(nodes, { id: 0 }, codes);
          // A target with the same codes around different text.
          const target = `${extra.join('').replace(/[{}]/g, (b) => b + b)}${source}`;
          fc.pre(source.trim() !== '' && target.trim() !== '');
          const [record] = await read(
            format,
            await write(format, [unit({ source, target, codes, state, revision })]),
          );
          expect(record.source).toBe(source);
          expect(record.target).toBe(target);
          expect(record.revision).toBe(revision);
          // XLIFF 2.0 has no state for a rejected target: it is `translated` (subState tms:rejected).
          const fuzzy = state === 'fuzzy' || (state === 'rejected' && format !== 'xliff2');
          expect(record.fuzzy).toBe(fuzzy);
          expect(record.problem).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('xliff2 reader, foreign markup', () => {
  const doc = (target: string) =>
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es">' +
    '<file id="f1"><unit id="u1"><segment state="translated"><source>A <pc id="1">b</pc></source>' +
    `<target>${target}</target></segment></unit></file></xliff>`;

  it('reports an unknown inline element as a problem of the unit, not a crash', async () => {
    const [record] = await read('xliff2', doc('A <b>b</b>'));
    expect(record.problem).toMatch(/<b> is not XLIFF 2.0 inline markup/);
  });

  it('reports a code id that is not a number', async () => {
    const [record] = await read('xliff2', doc('A <pc id="x1">b</pc>'));
    expect(record.problem).toMatch(/id "x1"/);
  });

  it('reads sc/ec, cp and mrk, and an isolated ec', async () => {
    const [record] = await read(
      'xliff2',
      doc('<sc id="1"/>a<cp hex="0001"/><mrk id="m1" translate="no">b</mrk><ec startRef="1"/>'),
    );
    expect(record.target).toBe('{1}a\u0001b{/1}');
  });

  it('refuses a file that is not XLIFF 2', async () => {
    await expect(read('xliff2', '<xliff version="1.2"/>')).rejects.toBeInstanceOf(
      InterchangeFormatError,
    );
  });
});

describe('xliff12 reader, other tools', () => {
  it('reads bpt/ept/ph native codes and trans-units in groups', async () => {
    const text =
      '<xliff version="1.2"><file original="a" source-language="en" datatype="html"><body>' +
      '<group id="g"><trans-unit id="u1"><source>x <bpt id="1">&lt;b&gt;</bpt>y<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br&gt;</ph></source>' +
      '<target state="translated">z <bpt id="1">&lt;b&gt;</bpt>w<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br&gt;</ph></target>' +
      '</trans-unit></group></body></file></xliff>';
    const [record] = await read('xliff12', text);
    expect(record).toMatchObject({ file: 'a', source: 'x {1}y{/1}{2/}', target: 'z {1}w{/1}{2/}' });
    expect(record.revision).toBeNull();
  });
});

describe('po reader', () => {
  it('unquotes the escapes gettext writes', () => {
    expect(unquotePo('"a\\n\\t\\"\\\\\\001\\x41"')).toBe('a\n\t"\\\u0001A');
    expect(() => unquotePo('"a"b"')).toThrow(PoRejectedError);
  });

  it('reads multi-line strings, skips obsolete entries and #| previous strings', async () => {
    const po = [
      'msgid ""',
      'msgstr ""',
      '"Content-Type: text/plain; charset=UTF-8\\n"',
      '"X-TMS-Article: a\\n"',
      '',
      '#. tms: kind=paragraph state=fuzzy revision=4 words=2',
      '#, fuzzy',
      '#| msgid "Old"',
      'msgctxt "k1"',
      'msgid ""',
      '"One\\n"',
      '"two"',
      'msgstr ""',
      '"Uno\\n"',
      '"dos"',
      '#~ msgctxt "k0"',
      '#~ msgid "gone"',
      '#~ msgstr "ido"',
      '',
      'msgctxt "k2"',
      'msgid "Three"',
      'msgstr "Tres"',
    ].join('\n');
    const records = await read('po', po);
    expect(records).toMatchObject([
      { id: 'k1', file: 'a', source: 'One\ntwo', target: 'Uno\ndos', fuzzy: true, revision: 4 },
      { id: 'k2', source: 'Three', target: 'Tres', fuzzy: false, revision: null },
    ]);
  });

  it('refuses invalid UTF-8, another charset and malformed lines with typed errors', async () => {
    await expect(read('po', Buffer.from([0x6d, 0xff, 0x0a]))).rejects.toMatchObject({
      code: 'PO_INVALID_UTF8',
    });
    await expect(
      read('po', 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n'),
    ).rejects.toMatchObject({ code: 'PO_UNSUPPORTED_ENCODING' });
    await expect(read('po', 'msgid "a"\nnonsense\n')).rejects.toMatchObject({
      code: 'PO_MALFORMED',
    });
  });

  it('reports an entry without msgctxt as a problem of that entry', async () => {
    const [record] = await read('po', 'msgid "a"\nmsgstr "b"\n');
    expect(record.problem).toMatch(/no msgctxt/);
  });
});
