import { plainText, tokenize } from './codes';

describe('tokenize', () => {
  it('splits paired and standalone codes from text', () => {
    expect(tokenize('Read the {1}fact sheet{/1} before {2/}')).toEqual([
      { type: 'text', value: 'Read the ' },
      { type: 'code', kind: 'open', id: '1', raw: '{1}' },
      { type: 'text', value: 'fact sheet' },
      { type: 'code', kind: 'close', id: '1', raw: '{/1}' },
      { type: 'text', value: ' before ' },
      { type: 'code', kind: 'standalone', id: '2', raw: '{2/}' },
    ]);
  });

  it('resolves brace escapes before codes, left to right', () => {
    expect(plainText('a {{1}} b')).toBe('a {1} b');
    expect(tokenize('{{{1}x{/1}}}')).toEqual([
      { type: 'text', value: '{' },
      { type: 'code', kind: 'open', id: '1', raw: '{1}' },
      { type: 'text', value: 'x' },
      { type: 'code', kind: 'close', id: '1', raw: '{/1}' },
      { type: 'text', value: '}' },
    ]);
  });

  it('marks lone braces and malformed codes as stray', () => {
    const types = tokenize('{1 x} {/1/} {a}').map((t) => t.type);
    expect(types.filter((t) => t === 'stray')).toHaveLength(6);
    expect(types).not.toContain('code');
  });

  it('replaces codes in plain text', () => {
    expect(plainText('a{1}b{/1}c{2/}', ' ')).toBe('a b c ');
  });
});
