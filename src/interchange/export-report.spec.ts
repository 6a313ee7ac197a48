import { progressLine, summaryTable } from './export-report';

describe('export report', () => {
  it('draws a progress line that never passes 100%', () => {
    expect(progressLine(0, 200, 10)).toBe('[..........]   0% 0/200 segments');
    expect(progressLine(100, 200, 10)).toBe('[#####.....]  50% 100/200 segments');
    expect(progressLine(250, 200, 10)).toBe('[##########] 100% 250/200 segments');
    expect(progressLine(0, 0, 4)).toBe('[####] 100% 0/0 segments');
  });

  it('prints one row per file and a total, numbers aligned right', () => {
    const table = summaryTable([
      { article: 'rest', file: 'rest.es.po', sourceVersion: 2, segments: 12, words: 140 },
      { article: 'diet-tips', file: 'diet-tips.es.po', sourceVersion: 1, segments: 3, words: 9 },
    ]);
    expect(table.split('\n')).toEqual([
      'article             file             version  segments  words',
      '------------------  ---------------  -------  --------  -----',
      'rest                rest.es.po             2        12    140',
      'diet-tips           diet-tips.es.po        1         3      9',
      '------------------  ---------------  -------  --------  -----',
      'total (2 articles)                                  15    149',
      '',
    ]);
  });
});
