/**
 * `npm run bench -- golden`: scores splitSentences on the Golden Rules of sentence
 * segmentation (pragmatic_segmenter's README, MIT), per language, with and without the rules
 * about lists. The file is public reference data outside the project:
 * ../shared/benchmarks/golden-rules.json relative to the repository root; when it is absent
 * the benchmark says so and exits 0.
 *
 * Inputs were copied from a README where they are source-code string literals, so the escapes
 * `\n` and `\"` are decoded. Sentences are compared after normalizeText on both sides
 * (NFC, whitespace collapsed; a line break between CJK characters removed).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeText, splitSentences } from '../src/segmentation';

interface GoldenRule {
  lang: string;
  language: string;
  rule: number;
  name: string;
  input: string;
  expected: string[];
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

const isListRule = (rule: GoldenRule): boolean => /\blist|numbered|lettered/i.test(rule.name);
const decode = (input: string): string => input.replace(/\\n/g, '\n').replace(/\\"/g, '"');
const percent = (passed: number, total: number): string =>
  total ? `${((100 * passed) / total).toFixed(2)}%` : '—';

function main(): void {
  const file = path.resolve(repoRoot(), '..', 'shared', 'benchmarks', 'golden-rules.json');
  if (!existsSync(file)) {
    console.log(
      `golden: ${file} not found (public reference data, not part of the project); nothing to score.`,
    );
    return;
  }
  const rules = (JSON.parse(readFileSync(file, 'utf8')) as { rules: GoldenRule[] }).rules;
  const byLanguage = new Map<
    string,
    { name: string; all: [number, number]; noList: [number, number] }
  >();
  const failures: string[] = [];
  for (const rule of rules) {
    const got = splitSentences(decode(rule.input), rule.lang).map(normalizeText);
    const expected = rule.expected.map(normalizeText);
    const ok = JSON.stringify(got) === JSON.stringify(expected);
    const entry = byLanguage.get(rule.lang) ?? { name: rule.language, all: [0, 0], noList: [0, 0] };
    entry.all[0] += ok ? 1 : 0;
    entry.all[1] += 1;
    if (!isListRule(rule)) {
      entry.noList[0] += ok ? 1 : 0;
      entry.noList[1] += 1;
    }
    byLanguage.set(rule.lang, entry);
    if (!ok)
      failures.push(
        `${rule.lang} #${rule.rule} ${rule.name}\n    got      ${JSON.stringify(got)}\n    expected ${JSON.stringify(expected)}`,
      );
  }
  const rows = [...byLanguage.entries()].map(([lang, e]) => ({
    lang,
    language: e.name,
    rules: e.all[1],
    passed: e.all[0],
    score: percent(e.all[0], e.all[1]),
    'without list rules': `${percent(e.noList[0], e.noList[1])} (${e.noList[0]}/${e.noList[1]})`,
  }));
  console.table(rows);
  const others = [...byLanguage.entries()].filter(([lang]) => lang !== 'en').map(([, e]) => e);
  const sum = (
    pick: (e: { all: [number, number]; noList: [number, number] }) => [number, number],
  ): [number, number] =>
    others.reduce<[number, number]>((acc, e) => [acc[0] + pick(e)[0], acc[1] + pick(e)[1]], [0, 0]);
  const en = byLanguage.get('en');
  if (en) {
    console.log(
      `English: ${percent(...en.all)} (${en.all.join('/')}), without list rules ${percent(...en.noList)} (${en.noList.join('/')}); target ≥ 98%`,
    );
  }
  const [op, ot] = sum((e) => e.all);
  const [np, nt] = sum((e) => e.noList);
  console.log(
    `Other languages: ${percent(op, ot)} (${op}/${ot}), without list rules ${percent(np, nt)} (${np}/${nt}); target 100%`,
  );
  console.log(failures.length ? `Failures:\n  ${failures.join('\n  ')}` : 'No failures.');
}

main();
