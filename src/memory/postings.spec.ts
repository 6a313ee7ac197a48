import {
  blockAppends,
  decodeIds,
  encodeIds,
  gramWeight,
  POSTING_BLOCK,
  topCandidates,
} from './postings';

describe('memory posting lists', () => {
  it('packs ids as 8-byte big-endian integers, as int8send does', () => {
    const bytes = encodeIds([1, 258, 2 ** 40 + 7]);
    expect(bytes.toString('hex')).toBe(
      '0000000000000001' + '0000000000000102' + '0000010000000007',
    );
    expect(decodeIds(bytes)).toEqual([1, 258, 2 ** 40 + 7]);
  });

  it('fills the last block before starting new ones', () => {
    expect(blockAppends(0, [1, 2])).toEqual([{ block: 0, ids: [1, 2] }]);
    const ids = Array.from({ length: POSTING_BLOCK + 3 }, (_, i) => i + 1);
    const appends = blockAppends(POSTING_BLOCK - 2, ids);
    expect(appends.map((a) => [a.block, a.ids.length])).toEqual([
      [0, 2],
      [1, POSTING_BLOCK],
      [2, 1],
    ]);
    expect(appends.flatMap((a) => a.ids)).toEqual(ids);
    expect(blockAppends(2 * POSTING_BLOCK, [9])).toEqual([{ block: 2, ids: [9] }]);
  });

  it('weighs rare grams above common ones, and every gram above zero', () => {
    expect(gramWeight(10, 1000)).toBeGreaterThan(gramWeight(500, 1000));
    expect(gramWeight(1000, 1000)).toBeGreaterThan(0);
  });

  it('ranks entries by the summed weight of the lists they appear in', () => {
    const blocks = [
      { weight: 3, ids: encodeIds([5, 7]) },
      { weight: 1, ids: encodeIds([7, 8, 9]) },
      { weight: 1, ids: encodeIds([8, 9]) },
      { weight: 0.5, ids: encodeIds([9, 2 ** 33]) },
    ];
    // 7: 4, 5: 3, 9: 2.5, 8: 2, 2^33: 0.5
    expect(topCandidates(blocks, 10)).toEqual([7, 5, 9, 8, 2 ** 33]);
    expect(topCandidates(blocks, 2)).toEqual([7, 5]);
    expect(topCandidates([], 5)).toEqual([]);
  });

  it('breaks ties by the newer (higher) id and counts every posting of a large read', () => {
    const many = Array.from({ length: 5000 }, (_, i) => i + 1);
    const blocks = [
      { weight: 1, ids: encodeIds(many) },
      { weight: 1, ids: encodeIds(many.filter((id) => id % 1000 === 0)) },
    ];
    expect(topCandidates(blocks, 7)).toEqual([5000, 4000, 3000, 2000, 1000, 4999, 4998]);
  });
});
