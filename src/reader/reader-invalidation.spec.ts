import { parseReaderChange } from './reader-invalidation';

describe('parseReaderChange', () => {
  it('reads an article or a whole project from the NOTIFY payload', () => {
    expect(parseReaderChange('{"project":"p","article":"a"}')).toEqual({
      project: 'p',
      article: 'a',
    });
    expect(parseReaderChange('{"project":"p"}')).toEqual({ project: 'p' });
  });

  it('ignores anything else', () => {
    for (const payload of [undefined, '', 'nonsense', '{}', '{"project":1}', 'null'])
      expect(parseReaderChange(payload)).toBeNull();
  });
});
