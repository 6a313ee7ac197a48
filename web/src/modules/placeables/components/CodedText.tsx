import { Fragment, type ReactNode } from 'react';
import { scan } from '../utils/codes';
import type { DiffOp } from '../utils/diff';

const unescape = (raw: string) => raw.replace(/\{\{/g, '{').replace(/\}\}/g, '}');

export interface Highlight {
  start: number;
  end: number;
  title?: string;
}

/** An inline code as a chip: an isolated left-to-right run, also inside right-to-left text. */
export function CodeChip({ raw }: { raw: string }) {
  return (
    <bdi dir="ltr" className="code-token">
      {raw}
    </bdi>
  );
}

/**
 * Segment text as React text (never HTML), codes as chips, optional highlighted ranges (glossary
 * terms) given as offsets into the raw text.
 */
export function CodedText({
  text,
  highlights = [],
}: {
  text: string;
  highlights?: readonly Highlight[];
}) {
  const out: ReactNode[] = [];
  for (const piece of scan(text)) {
    if (piece.type === 'code') {
      out.push(<CodeChip key={piece.start} raw={piece.raw} />);
      continue;
    }
    let at = piece.start;
    for (const h of highlights) {
      if (h.end <= at || h.start >= piece.end) continue;
      const from = Math.max(h.start, at);
      const to = Math.min(h.end, piece.end);
      if (from > at) out.push(unescape(text.slice(at, from)));
      out.push(
        <mark key={`h${from}`} className="term" title={h.title}>
          {unescape(text.slice(from, to))}
        </mark>,
      );
      at = to;
    }
    if (at < piece.end) out.push(unescape(text.slice(at, piece.end)));
  }
  return (
    <>
      {out.map((node, i) => (
        <Fragment key={i}>{node}</Fragment>
      ))}
    </>
  );
}

/** A word diff: removed words struck through, added words underlined (and named for screen readers). */
export function DiffText({
  ops,
  removedLabel,
  addedLabel,
}: {
  ops: readonly DiffOp[];
  removedLabel: string;
  addedLabel: string;
}) {
  return (
    <>
      {ops.map((op, i) =>
        op.type === 'equal' ? (
          <CodedText key={i} text={op.text} />
        ) : op.type === 'delete' ? (
          <del key={i} className="diff-del" aria-label={`${removedLabel}: ${op.text}`}>
            <CodedText text={op.text} />
          </del>
        ) : (
          <ins key={i} className="diff-ins" aria-label={`${addedLabel}: ${op.text}`}>
            <CodedText text={op.text} />
          </ins>
        ),
      )}
    </>
  );
}
