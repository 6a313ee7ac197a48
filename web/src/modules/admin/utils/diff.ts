/**
 * A word-level diff between two texts, for showing what changed in a source segment
 * (old English → new English). Words, runs of whitespace, single punctuation marks and inline
 * codes (`{1}`, `{/1}`, `{2/}`) are the units; a CJK character is a unit of its own.
 */
export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

const TOKEN =
  /\{\/?\d+\/?\}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}_'’-]+|\s+|./gsu;

/** Above this many cells the LCS table is not built: the texts are shown as replaced. */
const MAX_CELLS = 4_000_000;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The parts that turn `before` into `after`, adjacent parts of one kind merged. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);

  // Common prefix and suffix first: most source edits touch a few words of a sentence.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };

  push('equal', a.slice(0, start).join(''));
  for (const part of middle(a.slice(start, endA), b.slice(start, endB))) push(part.op, part.text);
  push('equal', a.slice(endA).join(''));
  return reorder(parts);
}

/** LCS over the differing middle, walked forwards so deletions come before insertions. */
function middle(a: string[], b: string[]): DiffPart[] {
  if (a.length === 0) return [{ op: 'insert', text: b.join('') }];
  if (b.length === 0) return [{ op: 'delete', text: a.join('') }];
  if (a.length * b.length > MAX_CELLS) {
    return [
      { op: 'delete', text: a.join('') },
      { op: 'insert', text: b.join('') },
    ];
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], one flat array of (n+1)(m+1).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      out.push({ op: 'delete', text: a[i] });
      i++;
    } else {
      out.push({ op: 'insert', text: b[j] });
      j++;
    }
  }
  while (i < n) out.push({ op: 'delete', text: a[i++] });
  while (j < m) out.push({ op: 'insert', text: b[j++] });
  return out;
}

/**
 * Readability: a lone space left equal between two changes ("two" → "three", " ", "doses" →
 * "tablets") joins both sides, so a replaced phrase reads as one deletion and one insertion.
 */
function reorder(parts: DiffPart[]): DiffPart[] {
  const grouped = normalize(parts);
  const out: DiffPart[] = [];
  grouped.forEach((part, k) => {
    const prev = grouped[k - 1];
    const next = grouped[k + 1];
    const between = prev && next && prev.op !== 'equal' && next.op !== 'equal';
    if (part.op === 'equal' && between && /^\s+$/.test(part.text)) {
      out.push({ op: 'delete', text: part.text }, { op: 'insert', text: part.text });
    } else out.push(part);
  });
  return normalize(out);
}

/** Within each run of changes, deletions first; empty parts dropped; neighbours merged. */
function normalize(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (const part of parts) {
    if (part.op === 'delete') del += part.text;
    else if (part.op === 'insert') ins += part.text;
    else if (part.text) {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += part.text;
      else out.push({ ...part });
    }
  }
  flush();
  return out;
}

/** The old text (equal + deleted parts) and the new text (equal + inserted), for checks. */
export function sides(parts: DiffPart[]): { before: string; after: string } {
  return {
    before: parts
      .filter((p) => p.op !== 'insert')
      .map((p) => p.text)
      .join(''),
    after: parts
      .filter((p) => p.op !== 'delete')
      .map((p) => p.text)
      .join(''),
  };
}
