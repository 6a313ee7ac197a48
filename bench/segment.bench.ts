/**
 * `npm run bench -- segment`: segmentation throughput (MB/s, segments/s) on a 1,000-segment
 * article and on 1,000 generated articles (heapUsed before/after, with global.gc), and
 * alignment time for 1,000- and 5,000-segment articles with 10% edits and 5% moves.
 * Targets (2-core machine): segment 1,000 segments < 20 ms, align 1,000 < 10 ms.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { alignSegments, renderDocument, segmentDocument, SourceFormat } from '../src/segmentation';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc && !process.env.TMS_BENCH_CHILD) {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TMS_BENCH_CHILD: '1' },
  });
  process.exit(child.status ?? 1);
}

// ------------------------------------------------------------ deterministic health text

let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

const SUBJECTS = [
  'Your doctor',
  'Dr. Rivera',
  'The nurse',
  'Your care team',
  'The pharmacist',
  'A dietitian at St. Luke’s Clinic',
];
const VERBS = ['may suggest', 'will check', 'can explain', 'often recommends', 'will review'];
const OBJECTS = [
  'a dose of 250 mg twice a day',
  'your blood pressure (approx. 120/80 mmHg)',
  'the side effects listed in Fig. 2',
  'a follow-up visit at 9 a.m. on Monday',
  'the results of your blood test, e.g. white cell counts',
  'a 0.5 mL injection every 3 weeks',
];
const TAILS = [
  '',
  ' before each treatment',
  ' if you feel dizzy',
  ' during the first month',
  ' vs. a placebo',
];

function sentence(): string {
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}${pick(TAILS)}.`;
}

function markdownArticle(targetSegments: number): string {
  const parts: string[] = [];
  let count = 0;
  while (count < targetSegments) {
    parts.push(`## Section ${parts.length + 1}: managing treatment`);
    count++;
    const sentences = Array.from({ length: 3 }, sentence);
    sentences[1] = `**${sentences[1]}** Call [the clinic](https://example.org/clinic "Clinic hours") at 555-0100.`;
    parts.push(sentences.join(' '));
    count += 4;
    parts.push(
      ['- ' + sentence(), '- ' + sentence(), '- Take `ibuprofen` only if advised.'].join('\n'),
    );
    count += 3;
  }
  return parts.join('\n\n');
}

// ------------------------------------------------------------ measurement helpers

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, fn: () => void): number {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const rows: Array<Record<string, string | number>> = [];
const mb = (bytes: number): number => bytes / 1024 / 1024;

function benchOneArticle(): { segments: Array<{ key: string; text: string }> } {
  const markdown = markdownArticle(1000);
  const html = segmentDocument({ content: markdown, format: 'markdown', locale: 'en' });
  const rendered = renderDocument(
    html.tree,
    html.segments.map((s) => s.text),
  );
  const text = html.segments.map((s) => s.text.replace(/\{\/?\d+\/?\}/g, '')).join('\n\n');
  const inputs: Array<[SourceFormat, string]> = [
    ['markdown', markdown],
    ['html', rendered],
    ['text', text],
  ];
  for (const [format, content] of inputs) {
    const segments = segmentDocument({ content, format, locale: 'en' }).segments.length;
    const ms = time(30, () => segmentDocument({ content, format, locale: 'en' }));
    const bytes = Buffer.byteLength(content);
    rows.push({
      case: `segment 1 article (${format})`,
      segments,
      'KB in': Math.round(bytes / 1024),
      'median ms': ms.toFixed(2),
      'MB/s': (mb(bytes) / (ms / 1000)).toFixed(1),
      'segments/s': Math.round(segments / (ms / 1000)),
    });
  }
  const renderMs = time(30, () =>
    renderDocument(
      html.tree,
      html.segments.map((s) => s.text),
    ),
  );
  rows.push({
    case: 'render 1 article',
    segments: html.segments.length,
    'median ms': renderMs.toFixed(2),
  });
  return html;
}

function benchManyArticles(): string {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let bytes = 0;
  let segments = 0;
  const start = performance.now();
  for (let i = 0; i < 1000; i++) {
    const content = markdownArticle(40 + (i % 40));
    bytes += Buffer.byteLength(content);
    segments += segmentDocument({ content, format: 'markdown', locale: 'en' }).segments.length;
  }
  const ms = performance.now() - start;
  gc?.();
  const after = process.memoryUsage().heapUsed;
  rows.push({
    case: 'segment 1,000 articles (markdown)',
    segments,
    'KB in': Math.round(bytes / 1024),
    'median ms': `${ms.toFixed(0)} total`,
    'MB/s': (mb(bytes) / (ms / 1000)).toFixed(1),
    'segments/s': Math.round(segments / (ms / 1000)),
  });
  return `heapUsed before ${mb(before).toFixed(1)} MB, after ${mb(after).toFixed(1)} MB${gc ? '' : ' (no global.gc)'}`;
}

/** A new version: 10% of segments edited, 5% moved elsewhere. */
function edited<T extends { key: string; text: string }>(
  segments: T[],
): Array<{ key: string; text: string }> {
  const out = segments.map((s) => ({ key: s.key, text: s.text }));
  for (let i = 0; i < out.length / 10; i++) {
    const at = Math.floor(random() * out.length);
    out[at] = {
      key: `edited-${i}`,
      text: out[at].text.replace(/\b(may|will|can)\b/, 'should') + ' Ask questions.',
    };
  }
  for (let i = 0; i < out.length / 20; i++) {
    const [moved] = out.splice(Math.floor(random() * out.length), 1);
    out.splice(Math.floor(random() * out.length), 0, moved);
  }
  return out;
}

function benchAlignment(size: number): void {
  const doc = segmentDocument({ content: markdownArticle(size), format: 'markdown', locale: 'en' });
  const oldSegments = doc.segments.slice(0, size);
  const newSegments = edited(oldSegments);
  const ms = time(size > 2000 ? 10 : 30, () => alignSegments(oldSegments, newSegments));
  const result = alignSegments(oldSegments, newSegments);
  const count = (relation: string): number =>
    result.segments.filter((s) => s.relation === relation).length;
  rows.push({
    case: `align ${size.toLocaleString('en')} segments (10% edits, 5% moves)`,
    segments: size,
    'median ms': ms.toFixed(2),
    'segments/s': Math.round(size / (ms / 1000)),
    result: `kept ${count('kept')}, changed ${count('changed')}, added ${count('added')}, removed ${result.removed.length}`,
  });
}

benchOneArticle();
const memory = benchManyArticles();
benchAlignment(1000);
benchAlignment(5000);
console.table(rows);
console.log(memory);
console.log('Targets: segment a 1,000-segment article < 20 ms; align 1,000 segments < 10 ms.');
