import {
  codeDeletionRange,
  insertCode,
  insertText,
  outsideCodes,
  protectCodes,
  scan,
  sourceCodes,
} from './codes';

describe('scan', () => {
  it('finds paired and standalone codes with their offsets', () => {
    const pieces = scan('Read {1}this{/1} now{2/}');
    expect(pieces.map((p) => [p.type, p.raw, p.start, p.end])).toEqual([
      ['text', 'Read ', 0, 5],
      ['code', '{1}', 5, 8],
      ['text', 'this', 8, 12],
      ['code', '{/1}', 12, 16],
      ['text', ' now', 16, 20],
      ['code', '{2/}', 20, 24],
    ]);
  });

  it('reads doubled braces as literal text, escapes first', () => {
    const pieces = scan('a {{1}} b {{{3}');
    expect(pieces).toHaveLength(2);
    expect(pieces[0]).toMatchObject({ type: 'text', text: 'a {1} b {' });
    expect(pieces[1]).toMatchObject({ type: 'code', kind: 'open', id: 3 });
  });
});

describe('sourceCodes', () => {
  it('lists each code once in order, pairs with their closing code', () => {
    expect(sourceCodes('{2/} Take {1}two{/1} tablets {3}')).toEqual([
      { id: 2, paired: false, open: '{2/}', close: null },
      { id: 1, paired: true, open: '{1}', close: '{/1}' },
      { id: 3, paired: false, open: '{3}', close: null },
    ]);
  });
});

describe('insertCode', () => {
  const pair = { id: 1, paired: true, open: '{1}', close: '{/1}' };
  const single = { id: 2, paired: false, open: '{2/}', close: null };

  it('inserts a standalone code at the caret', () => {
    expect(insertCode('ab', 1, 1, single)).toEqual({
      value: 'a{2/}b',
      selectionStart: 5,
      selectionEnd: 5,
    });
  });

  it('wraps the selection in a pair and keeps it selected', () => {
    expect(insertCode('take two now', 5, 8, pair)).toEqual({
      value: 'take {1}two{/1} now',
      selectionStart: 8,
      selectionEnd: 11,
    });
  });

  it('puts an empty pair at the caret with the caret inside', () => {
    expect(insertCode('ab', 2, 2, pair)).toMatchObject({ value: 'ab{1}{/1}', selectionStart: 5 });
  });

  it('never inserts inside an existing code', () => {
    expect(insertCode('x{1}y', 2, 2, single).value).toBe('x{1}{2/}y');
  });
});

describe('insertText and outsideCodes', () => {
  it('widens a selection that cuts a code', () => {
    expect(outsideCodes('a{1}b{/1}', 2, 6)).toEqual([1, 9]);
  });

  it('replaces the selection with text', () => {
    expect(insertText('hello world', 6, 11, 'there')).toEqual({
      value: 'hello there',
      selectionStart: 11,
      selectionEnd: 11,
    });
  });
});

describe('protectCodes', () => {
  it('leaves an edit that keeps codes whole untouched', () => {
    expect(protectCodes('a{1}b{/1}', 'ax{1}b{/1}', 2).value).toBe('ax{1}b{/1}');
  });

  it('removes a whole code when a backspace cut into it', () => {
    // Backspace after "{1" deleted the "1": the code goes whole.
    expect(protectCodes('a{1}b', 'a{}b', 2)).toEqual({
      value: 'ab',
      selectionStart: 1,
      selectionEnd: 1,
    });
  });

  it('moves text typed inside a code to after it', () => {
    expect(protectCodes('a{12}b', 'a{1x2}b', 4).value).toBe('a{12}xb');
  });

  it('widens a cut that takes half a code, keeping the inserted text', () => {
    // Selected "b{/" and pasted "Z".
    expect(protectCodes('a{1}b{/1}c', 'a{1}Z1}c', 5).value).toBe('a{1}Zc');
  });

  it('handles a Delete key press on a code', () => {
    expect(protectCodes('a{2/}b', 'a2/}b', 1)).toMatchObject({ value: 'ab', selectionStart: 1 });
  });
});

describe('codeDeletionRange', () => {
  it('takes the whole code before the caret on Backspace', () => {
    expect(codeDeletionRange('a{1}b', 4, 4, 'Backspace')).toEqual([1, 4]);
    expect(codeDeletionRange('a{1}b', 5, 5, 'Backspace')).toBeNull();
  });

  it('takes the whole code after the caret on Delete', () => {
    expect(codeDeletionRange('a{1}b', 1, 1, 'Delete')).toEqual([1, 4]);
    expect(codeDeletionRange('a{1}b', 0, 0, 'Delete')).toBeNull();
  });

  it('widens a selection that cuts a code', () => {
    expect(codeDeletionRange('a{1}b', 0, 2, 'Delete')).toEqual([0, 4]);
    expect(codeDeletionRange('a{1}b', 0, 4, 'Delete')).toBeNull();
  });
});
