import { blockAppends, decodeIds, encodeIds, POSTING_BLOCK, topCandidates } from './postings';

describe('memory posting lists', () => {
  it('packs ids as varints: whole ids, then gaps while they increase', () => {
    // 1 → 2·1+1 = 3; 258 → gap 257 → 514 = 0x82 0x04; 200 → whole, 401 = 0x91 0x03.
    expect(encodeIds([1, 258, 200]).toString('hex')).toBe('03' + '8204' + '9103');
    const ids = [5, 6, 7, 2 ** 40 + 7, 3, 2 ** 52];
    expect(decodeIds(encodeIds(ids))).toEqual(ids);
    // A block is its appends one after the other.
    expect(decodeIds(Buffer.concat([encodeIds([10, 20]), encodeIds([30, 31])]))).toEqual([
      10, 20, 30, 31,
    ]);
    expect(encodeIds(Array.from({ length: 100 }, (_, i) => 1000 + 3 * i)).length).toBe(2 + 99);
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

  it('ranks entries by the number of blocks read that name them', () => {
    const blocks = [
      encodeIds([5, 7, 9]),
      encodeIds([7, 8, 9]),
      encodeIds([7, 8, 9]),
      encodeIds([9, 2 ** 33]),
      encodeIds([2 ** 33, 7]),
    ];
    // 7: 4, 9: 4, 8: 2, 2^33: 2, 5: 1
    expect(topCandidates(blocks, 10)).toEqual([9, 7, 2 ** 33, 8, 5]);
    expect(topCandidates(blocks, 2)).toEqual([9, 7]);
    expect(topCandidates([], 5)).toEqual([]);
  });

  it('breaks ties by the newer (higher) id and counts every posting of a large read', () => {
    const many = Array.from({ length: 5000 }, (_, i) => i + 1);
    const blocks = [encodeIds(many), encodeIds(many.filter((id) => id % 1000 === 0))];
    expect(topCandidates(blocks, 7)).toEqual([5000, 4000, 3000, 2000, 1000, 4999, 4998]);
    // The counts start from zero again on the next call.
    expect(topCandidates([encodeIds([3, 4])], 1)).toEqual([4]);
  });
});
