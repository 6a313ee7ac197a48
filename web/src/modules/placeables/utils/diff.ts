/**
 * A word-level diff (longest common subsequence) between two segment texts, for "what changed
 * in the English since this translation was written" and for translation-memory matches. Inline
 * codes and whitespace runs are tokens of their own, so a code is never split.
 */

export type DiffOp = { type: 'equal' | 'insert' | 'delete'; text: string };

const TOKEN = /\{\{|\}\}|\{\/?\d{1,4}\/?\}|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|\s+|./gsu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Above this many token pairs, the diff gives up on alignment (whole delete + insert). */
const MAX_CELLS = 400_000;

export function diffWords(before: string, after: string): DiffOp[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common prefix and suffix first: most edits are small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  const push = (type: DiffOp['type'], text: string) => {
    if (!text) return;
    const last = ops[ops.length - 1];
    if (last?.type === type) last.text += text;
    else ops.push({ type, text });
  };
  push('equal', a.slice(0, start).join(''));

  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push('delete', midA.join(''));
    push('insert', midB.join(''));
  } else {
    const n = midA.length;
    const m = midB.length;
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..].
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] =
          midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('equal', midA[i++]);
        j++;
      } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        push('delete', midA[i++]);
      } else {
        push('insert', midB[j++]);
      }
    }
  }
  push('equal', a.slice(endA).join(''));
  return absorbWhitespace(ops);
}

/**
 * One change reads as one deletion then one insertion, and a lone space between two changes
 * belongs to both: "[-the doctor-]{+a nurse+}" rather than "[-the-]{+a+} [-doctor-]{+nurse+}".
 */
function absorbWhitespace(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ type: 'delete', text: deleted });
    if (inserted) out.push({ type: 'insert', text: inserted });
    deleted = inserted = '';
  };
  ops.forEach((op, k) => {
    if (op.type === 'delete') deleted += op.text;
    else if (op.type === 'insert') inserted += op.text;
    else if (/^\s+$/.test(op.text) && (deleted || inserted) && k + 1 < ops.length) {
      deleted += op.text;
      inserted += op.text;
    } else {
      flush();
      out.push({ ...op });
    }
  });
  flush();
  return out;
}

/** True when the diff has anything but equal text. */
export function hasChanges(ops: DiffOp[]): boolean {
  return ops.some((op) => op.type !== 'equal');
}
