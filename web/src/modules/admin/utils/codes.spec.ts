import { splitCodes } from './codes';

describe('splitCodes', () => {
  it('cuts text into plain runs and codes', () => {
    expect(splitCodes('Read {1}this{/1} now{2/}')).toEqual([
      { code: false, text: 'Read ' },
      { code: true, text: '{1}' },
      { code: false, text: 'this' },
      { code: true, text: '{/1}' },
      { code: false, text: ' now' },
      { code: true, text: '{2/}' },
    ]);
  });

  it('leaves text without codes whole, and braces that are not codes alone', () => {
    expect(splitCodes('No codes {here}')).toEqual([{ code: false, text: 'No codes {here}' }]);
    expect(splitCodes('')).toEqual([]);
  });
});
