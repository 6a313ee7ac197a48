import { createWriteStream, writeFileSync } from 'node:fs';

/**
 * A translation-memory corpus with a realistic vocabulary, for `BENCH_TM_CORPUS=realistic`.
 *
 * gen_tm.py's sentences use about 500 distinct words, so every word pair is common: a worst
 * case for posting lists. Real memories have tens of thousands of words with Zipfian
 * frequencies. This generator makes such a corpus, deterministically (seeded): 40,000
 * invented content words (syllables put together, so no text is borrowed), drawn with Zipf's
 * law, between English function words; sometimes a number or a pair of inline codes. Probes
 * are edited copies of stored sentences (1 to 3 words replaced, inserted or deleted), like
 * gen_tm.py's. Output: the same TSV rows (id, en, es, source, target) and probes JSON.
 */

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = 'b c d f g h j k l m n p r s t v w z br cl dr fl gr pl pr sh st th tr'.split(' ');
const VOWELS = 'a e i o u ai ea ee io oa ou'.split(' ');
const CODAS = ['', '', 'n', 'r', 's', 'l', 't', 'm', 'nd', 'st', 'ck'];
const FUNCTION_WORDS = (
  'the of and to a in for is that with on as be by are this it or from at your can not ' +
  'if should when have more their will they may you which all about after before each ' +
  'other than some only most also into every how what who during without because'
).split(' ');
const CONTENT_WORDS = 40_000;

function inventWords(next: () => number, count: number): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const words = new Set<string>();
  while (words.size < count) {
    const syllables = 1 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    if (word.length > 2 && !FUNCTION_WORDS.includes(word)) words.add(word);
  }
  return [...words];
}

/** Draws indexes 0..n-1 with probability proportional to 1/(i+1)^s. */
function zipf(next: () => number, n: number, s: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface RealisticProbe {
  probe: string;
  origin_id: number;
}

export async function generateRealistic(
  rows: number,
  tsvPath: string,
  probesPath: string,
  seed = 17,
): Promise<void> {
  const next = random(seed);
  const content = inventWords(next, CONTENT_WORDS);
  const contentIndex = zipf(next, content.length, 1.05);
  const functionIndex = zipf(next, FUNCTION_WORDS.length, 1);
  const word = () => (next() < 0.4 ? FUNCTION_WORDS[functionIndex()] : content[contentIndex()]);
  const sentence = (): string => {
    const length = 8 + Math.floor(next() * 18);
    const words = Array.from({ length }, word);
    if (next() < 0.2)
      words.splice(Math.floor(next() * length), 0, String(1 + Math.floor(next() * 500)));
    if (next() < 0.1) {
      const at = Math.floor(next() * (words.length - 1));
      words[at] = `{1}${words[at]}`;
      words[at + 1] = `${words[at + 1]}{/1}`;
    }
    const text = words.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };

  const seen = new Set<string>();
  const sources: string[] = [];
  const out = createWriteStream(tsvPath);
  let buffer: string[] = [];
  while (sources.length < rows) {
    const source = sentence();
    if (seen.has(source)) continue;
    seen.add(source);
    sources.push(source);
    buffer.push(`${sources.length}\ten\tes\t${source}\t[es] ${source}\n`);
    if (buffer.length >= 10_000) {
      if (!out.write(buffer.join('')))
        await new Promise<void>((resolve) => out.once('drain', resolve));
      buffer = [];
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(buffer.join(''), resolve);
  });

  const probes: RealisticProbe[] = [];
  for (let i = 0; i < 200; i++) {
    const origin = Math.floor(next() * rows);
    const words = sources[origin].slice(0, -1).split(' ');
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * words.length);
      const kind = next();
      if (kind < 0.5) words[at] = word();
      else if (kind < 0.75) words.splice(at, 0, word());
      else if (words.length > 4) words.splice(at, 1);
    }
    probes.push({ probe: `${words.join(' ')}.`, origin_id: origin + 1 });
  }
  writeFileSync(probesPath, JSON.stringify(probes));
}
