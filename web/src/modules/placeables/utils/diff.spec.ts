import { diffWords, hasChanges, tokenize } from './diff';

const render = (before: string, after: string) =>
  diffWords(before, after)
    .map((op) =>
      op.type === 'equal' ? op.text : op.type === 'delete' ? `[-${op.text}-]` : `{+${op.text}+}`,
    )
    .join('');

describe('tokenize', () => {
  it('keeps codes, words with apostrophes, numbers and spaces as tokens', () => {
    expect(tokenize("Don't take {1}2.5 mg{/1}")).toEqual([
      "Don't",
      ' ',
      'take',
      ' ',
      '{1}',
      '2',
      '.',
      '5',
      ' ',
      'mg',
      '{/1}',
    ]);
  });
});

describe('diffWords', () => {
  it('marks a changed number as a word change', () => {
    expect(render('Take 2 tablets daily.', 'Take 3 tablets daily.')).toBe(
      'Take [-2-]{+3+} tablets daily.',
    );
  });

  it('shows inserted and deleted words', () => {
    expect(render('Do not drive.', 'Do drive today.')).toBe('Do [-not -]drive{+ today+}.');
  });

  it('groups a run of replaced words with their spaces', () => {
    expect(render('see the doctor now', 'see a nurse now')).toBe(
      'see [-the doctor-]{+a nurse+} now',
    );
  });

  it('treats a code as one token', () => {
    expect(render('Read {1}this{/1}', 'Read {2}this{/2}')).toBe(
      'Read [-{1}-]{+{2}+}this[-{/1}-]{+{/2}+}',
    );
  });

  it('reports no change for equal texts, and everything for an empty side', () => {
    expect(hasChanges(diffWords('same text', 'same text'))).toBe(false);
    expect(diffWords('', 'new words')).toEqual([{ type: 'insert', text: 'new words' }]);
    expect(diffWords('old', '')).toEqual([{ type: 'delete', text: 'old' }]);
  });

  it('works on non-Latin scripts', () => {
    expect(render('خذ قرصين يوميا', 'خذ قرصا يوميا')).toBe('خذ [-قرصين-]{+قرصا+} يوميا');
  });
});
