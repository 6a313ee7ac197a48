import { importSummary } from './import-summary';

describe('importSummary', () => {
  it('tabulates outcomes by code and lists problems other than empty units', () => {
    const text = importSummary({
      applied: true,
      units: 6,
      updated: 2,
      unchanged: 1,
      skipped: [
        { id: 'a', code: 'EMPTY', message: 'The unit has no translation.' },
        { id: 'b', code: 'SOURCE_CHANGED', message: 'English changed.', article: 'x' },
      ],
      errors: [{ id: 'c', code: 'CONFLICT', message: 'Changed since the export.', article: 'x' }],
      skippedTotal: 2,
      errorTotal: 1,
    });
    expect(text.split('\n')).toEqual([
      'outcome                   units',
      '-'.repeat(31),
      'updated                       2',
      'unchanged                     1',
      'skipped EMPTY                 1',
      'skipped SOURCE_CHANGED        1',
      'error CONFLICT                1',
      '-'.repeat(31),
      'total                         6',
      '',
      'CONFLICT x/c: Changed since the export.',
      'SOURCE_CHANGED x/b: English changed.',
      '',
    ]);
  });

  it('counts units beyond the listed ones and says when nothing was applied', () => {
    const text = importSummary({
      applied: false,
      units: 5,
      updated: 0,
      unchanged: 0,
      skipped: [],
      errors: [{ id: 'c', code: 'CHECK_FAILED', message: 'A number is missing.' }],
      skippedTotal: 0,
      errorTotal: 4,
    });
    expect(text).toMatch(/^error CHECK_FAILED\s+1$/m);
    expect(text).toMatch(/^error \(not listed\)\s+3$/m);
    expect(text).toMatch(/Nothing was applied \(atomic import\)\.\n$/);
  });
});
