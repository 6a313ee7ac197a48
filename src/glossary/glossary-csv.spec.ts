import { GlossaryCsvError, readGlossaryCsv, writeGlossaryCsv } from './glossary-csv';

const HEADER = 'term,locale,translation,doNotTranslate,note\r\n';

describe('readGlossaryCsv', () => {
  it('reads entries, defaulting a do-not-translate translation to the term', () => {
    const file = readGlossaryCsv(
      HEADER +
        'acetaminophen,es,paracetamol,false,"Spain, not Mexico"\r\n' +
        '  blood   pressure ,es, presión arterial ,,\r\n' +
        'EpiPen,es,,TRUE,\r\n',
    );
    expect(file.errors).toEqual([]);
    expect(file.hasCaseSensitive).toBe(false);
    expect(file.rows).toEqual([
      {
        line: 2,
        entry: {
          term: 'acetaminophen',
          locale: 'es',
          translation: 'paracetamol',
          doNotTranslate: false,
          note: 'Spain, not Mexico',
          caseSensitive: false,
        },
      },
      {
        line: 3,
        entry: expect.objectContaining({
          term: 'blood pressure',
          translation: 'presión arterial',
          note: null,
        }),
      },
      {
        line: 4,
        entry: expect.objectContaining({
          term: 'EpiPen',
          translation: 'EpiPen',
          doNotTranslate: true,
        }),
      },
    ]);
  });

  it('takes the columns in any order and any case, with an optional caseSensitive', () => {
    const file = readGlossaryCsv('Locale,TERM,translation,caseSensitive\nes,AIDS,sida,yes\n');
    expect(file.hasCaseSensitive).toBe(true);
    expect(file.rows[0].entry).toMatchObject({ term: 'AIDS', locale: 'es', caseSensitive: true });
  });

  it('reports a bad record by its line and reads the others', () => {
    const file = readGlossaryCsv(
      HEADER +
        ',es,vacío,false,\r\n' +
        'fever,es,,false,\r\n' +
        'rash,es,erupción,maybe,\r\n' +
        'cough,es,tos\r\n' +
        `${'x'.repeat(201)},es,x,false,\r\n` +
        'nausea,es,"náuseas\u202e",false,\r\n' +
        'dose,es,dosis,false,"two\r\nlines"\r\n',
    );
    expect(file.errors).toEqual([
      { line: 2, message: 'term should not be blank.' },
      { line: 3, message: 'translation should not be blank unless doNotTranslate is true.' },
      { line: 4, message: 'doNotTranslate must be true or false.' },
      { line: 5, message: 'Expected 5 fields, found 3.' },
      { line: 6, message: 'term must be shorter than or equal to 200 characters.' },
      { line: 7, message: expect.stringMatching(/^translation: The text contains/) },
    ]);
    expect(file.rows.map((r) => [r.line, r.entry.note])).toEqual([[8, 'two\nlines']]);
  });

  it('refuses a file it cannot read as a whole', () => {
    expect(() => readGlossaryCsv('')).toThrow(GlossaryCsvError);
    expect(() => readGlossaryCsv('term,locale\r\n')).toThrow(/lacks "translation"/);
    expect(() => readGlossaryCsv('term,locale,translation,colour\r\n')).toThrow(
      /Unknown column "colour"/,
    );
    expect(() => readGlossaryCsv('term,term,locale,translation\r\n')).toThrow(/twice/);
  });
});

describe('writeGlossaryCsv', () => {
  it('writes the five columns, guarding formula-like cells, and reads back the same', () => {
    const entries = [
      {
        term: 'blood pressure',
        locale: 'es',
        translation: 'presión arterial',
        doNotTranslate: false,
        note: 'Say "arterial", not "sanguínea".',
      },
      { term: '=cmd', locale: 'fr', translation: '@risk', doNotTranslate: true, note: null },
    ];
    const csv = writeGlossaryCsv(entries);
    expect(csv).toBe(
      HEADER +
        'blood pressure,es,presión arterial,false,"Say ""arterial"", not ""sanguínea""."\r\n' +
        "'=cmd,fr,'@risk,true,\r\n",
    );
    expect(readGlossaryCsv(csv).rows.map((r) => r.entry)).toEqual(
      entries.map((e) => ({ ...e, caseSensitive: false })),
    );
  });
});
