import { CsvSyntaxError, guardCell, parseCsv, unguardCell, writeCsv } from './csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain records with CRLF, LF or CR line ends and a trailing line end or none', () => {
    expect(fields('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('"a, b","say ""hi""","two\r\nlines"\r\nx,"",y\r\n')).toEqual([
      ['a, b', 'say "hi"', 'two\r\nlines'],
      ['x', '', 'y'],
    ]);
  });

  it('keeps empty fields, spaces and a lone quote inside an unquoted field', () => {
    expect(fields(',a, b ,\r\n5" tube,x\r\n')).toEqual([
      ['', 'a', ' b ', ''],
      ['5" tube', 'x'],
    ]);
  });

  it('skips blank lines and a byte-order mark, and numbers records by their first line', () => {
    const records = parseCsv('\uFEFFterm,note\r\n\r\nfever,"first\nsecond"\r\n\r\nrash,x\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['term', 'note'] },
      { line: 3, fields: ['fever', 'first\nsecond'] },
      { line: 6, fields: ['rash', 'x'] },
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\r\nc,"d\r\ne')).toThrow(
      new CsvSyntaxError(2, 'a quoted field is never closed'),
    );
    expect(() => parseCsv('a\r\n"b"c,d')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\r\n"b"c,d');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n\r\n')).toEqual([]);
  });
});

describe('writeCsv', () => {
  it('quotes only what needs it, doubles quotes and ends every record with CRLF', () => {
    expect(
      writeCsv(
        ['term', 'note'],
        [
          ['fever', 'plain'],
          ['blood pressure', 'say "high", not "elevated"'],
          ['rash', 'line one\nline two'],
        ],
      ),
    ).toBe(
      'term,note\r\n' +
        'fever,plain\r\n' +
        'blood pressure,"say ""high"", not ""elevated"""\r\n' +
        'rash,"line one\nline two"\r\n',
    );
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    expect(writeCsv(['a', 'b', 'c', 'd'], [['=1+2', '+x', '-5 mg', '@SUM(A1)']])).toBe(
      "a,b,c,d\r\n'=1+2,'+x,'-5 mg,'@SUM(A1)\r\n",
    );
    expect(guardCell('\t=cmd')).toBe("'\t=cmd");
    expect(guardCell('safe')).toBe('safe');
  });

  it('reads back what it wrote, apostrophes of the guard removed', () => {
    const rows = [
      ['=HYPERLINK("http://x")', 'a,b', 'c"d', 'e\r\nf'],
      ["'quoted", '', ' spaced ', 'ünïcödé'],
    ];
    const back = parseCsv(writeCsv(['1', '2', '3', '4'], rows))
      .slice(1)
      .map((r) => r.fields.map(unguardCell));
    expect(back).toEqual(rows);
  });
});
