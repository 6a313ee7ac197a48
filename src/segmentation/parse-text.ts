/**
 * Plain text → SourceNode[]. The rules:
 *
 * - Line endings are normalised; blank lines (empty or whitespace only) separate paragraphs.
 * - A line starting with `•`, `◦`, `‣`, `⁃`, `-`, `*` or `+` and a space is a bullet list item;
 *   a line starting with a number and `.` or `)` and a space (`1.`, `2)`) is a numbered item.
 *   Consecutive items of the same kind make one list; a non-item line right after an item
 *   (no blank line in between) continues that item.
 * - A numbered list written on one line ("Steps: 1. Wash. 2. Dry.", see inline-list.ts) is split
 *   into the text before it and one numbered item per marker, never a segment `2.`.
 * - A paragraph of a single line, at most 80 characters, that does not end with punctuation
 *   (. ! ? : ; , … or a script full stop) is a heading (h2).
 * - Any other paragraph keeps its line breaks inside one block; the sentence splitter treats
 *   them as spaces, except that several short lines none of which ends with punctuation are
 *   split one per line (see sentences.ts).
 * - Text is literal: `<`, `&` and braces are characters, never markup.
 */
import { inlineNumberedList } from './inline-list';
import { element, SourceElement, SourceNode, text } from './source-tree';

const BULLET_ITEM = /^\s*[•◦‣⁃\-*+]\s+(.*)$/u;
const NUMBERED_ITEM = /^\s*(\d{1,4})[.)]\s+(.*)$/u;
const FINAL_PUNCTUATION = /[.!?:;,…。！？।؟۔።]["'”’»)\]]*$/u;

type Line = { kind: 'bullet' | 'number' | 'text'; content: string; number?: number };

function classify(line: string): Line[] {
  const bullet = BULLET_ITEM.exec(line);
  if (bullet) return [{ kind: 'bullet', content: bullet[1] }];
  const inline = inlineItems(line);
  if (inline.length) return inline;
  const numbered = NUMBERED_ITEM.exec(line);
  if (numbered) return [{ kind: 'number', content: numbered[2], number: Number(numbered[1]) }];
  return [{ kind: 'text', content: line }];
}

/** "Steps: 1. Wash. 2. Dry." → the text before the list, then one numbered item per marker. */
function inlineItems(line: string): Line[] {
  const markers = inlineNumberedList(line);
  if (!markers.length) return [];
  const intro = line.slice(0, markers[0].start).trim();
  const items = markers.map((marker, i): Line => ({
    kind: 'number',
    content: line.slice(marker.end, markers[i + 1]?.start ?? line.length).trim(),
    number: marker.value,
  }));
  return intro ? [{ kind: 'text', content: intro }, ...items] : items;
}

function isHeading(lines: string[]): boolean {
  if (lines.length !== 1) return false;
  const line = lines[0].trim();
  return line.length > 0 && line.length <= 80 && !FINAL_PUNCTUATION.test(line);
}

function paragraphNodes(lines: string[]): SourceNode[] {
  const nodes: SourceNode[] = [];
  let list: SourceElement | null = null;
  let listKind: Line['kind'] | null = null;
  let prose: string[] = [];
  const flushProse = (): void => {
    if (!prose.length) return;
    nodes.push(
      element(isHeading(prose) && !nodes.length && lines.length === prose.length ? 'h2' : 'p', [
        text(prose.join('\n')),
      ]),
    );
    prose = [];
  };
  for (const line of lines.flatMap(classify)) {
    if (line.kind === 'text') {
      if (list && !prose.length) {
        const item = list.children[list.children.length - 1] as SourceElement;
        (item.children[0] as { value: string }).value += `\n${line.content}`;
        continue;
      }
      prose.push(line.content);
      continue;
    }
    flushProse();
    if (!list || listKind !== line.kind) {
      const attrs: Array<[string, string]> =
        line.number && line.number !== 1 ? [['start', String(line.number)]] : [];
      list = element(line.kind === 'number' ? 'ol' : 'ul', [], attrs);
      listKind = line.kind;
      nodes.push(list);
    }
    list.children.push(element('li', [text(line.content)]));
  }
  flushProse();
  return nodes;
}

export function parseText(source: string): SourceNode[] {
  const paragraphs = source.replace(/\r\n?/g, '\n').split(/\n[^\S\n]*\n\s*/);
  return paragraphs.flatMap((paragraph) => {
    const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
    return lines.length ? paragraphNodes(lines) : [];
  });
}
