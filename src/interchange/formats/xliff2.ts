import { inlineTokens, InlineToken } from './inline';
import { hasTarget, unitNotes } from './notes';
import type { ChunkStream, CodeMarkup, InterchangeFile, InterchangeUnit, UnitState } from './unit';
import { TMS_NAMESPACE } from './unit';
import { escapeAttr, escapeText, hexOf } from './xml';

/**
 * XLIFF 2.0 core (OASIS Standard, 2014), one `<file>` per article and one `<unit>` per segment,
 * valid against xliff_core_2.0.xsd. The unit id is our segment id; `tms:revision` and
 * `tms:sourceVersion` let an import tell whether the text it gets back was based on what is
 * current. Inline codes are `<pc>` / `<ph>` (or `<sc>`/`<ec>` when a target's codes cross)
 * with data references to the original HTML markup in `<originalData>`.
 */

export interface XliffDocument {
  sourceLocale: string;
  targetLocale: string;
  files: AsyncIterable<InterchangeFile>;
}

const SEGMENT_STATE: Record<UnitState, 'initial' | 'translated' | 'final'> = {
  untranslated: 'initial',
  fuzzy: 'initial',
  translated: 'translated',
  rejected: 'translated',
  approved: 'final',
};

/** XLIFF 2.0 has an element for characters XML cannot carry. */
const cp = (char: string): string => `<cp hex="${hexOf(char)}"/>`;
const text = (value: string): string => escapeText(value, cp);

function attrs(pairs: Array<[string, string | number | null | undefined]>): string {
  let out = '';
  for (const [name, value] of pairs)
    if (value !== null && value !== undefined) out += ` ${name}="${escapeAttr(String(value))}"`;
  return out;
}

const startRef = (id: number): string => `d${id}`;
const endRef = (id: number): string => `d${id}e`;

function codeType(markup: CodeMarkup | undefined): string | undefined {
  if (!markup) return undefined;
  if (markup.tag === 'a') return 'link';
  if (markup.tag === 'img') return 'image';
  return 'fmt';
}

function inlineXml(tokens: InlineToken[], codes: ReadonlyMap<number, CodeMarkup>): string {
  const closesLater = (from: number, id: number): boolean =>
    tokens.some((t, i) => i > from && t.type === 'close' && t.id === id);
  const opened = new Set<number>();
  let out = '';
  tokens.forEach((token, index) => {
    if (token.type === 'text') {
      out += text(token.value);
      return;
    }
    const markup = codes.get(token.id);
    const known = markup !== undefined;
    const type = codeType(markup);
    if (token.type === 'standalone') {
      out += `<ph${attrs([
        ['id', token.id],
        ['dataRef', known ? startRef(token.id) : null],
        ['type', type],
      ])}/>`;
    } else if (token.type === 'open' && token.paired) {
      out += `<pc${attrs([
        ['id', token.id],
        ['dataRefStart', known ? startRef(token.id) : null],
        ['dataRefEnd', known && markup.close !== undefined ? endRef(token.id) : null],
        ['type', type],
      ])}>`;
    } else if (token.type === 'close' && token.paired) {
      out += '</pc>';
    } else if (token.type === 'open') {
      opened.add(token.id);
      out += `<sc${attrs([
        ['id', token.id],
        ['dataRef', known ? startRef(token.id) : null],
        ['isolated', closesLater(index, token.id) ? null : 'yes'],
        ['type', type],
      ])}/>`;
    } else {
      const dataRef = known && markup.close !== undefined ? endRef(token.id) : null;
      out += opened.has(token.id)
        ? `<ec${attrs([
            ['startRef', token.id],
            ['dataRef', dataRef],
            ['type', type],
          ])}/>`
        : `<ec${attrs([
            ['id', token.id],
            ['isolated', 'yes'],
            ['dataRef', dataRef],
            ['type', type],
          ])}/>`;
    }
  });
  return out;
}

function originalData(unit: InterchangeUnit, used: ReadonlySet<number>): string {
  let out = '';
  for (const id of [...used].sort((a, b) => a - b)) {
    const markup = unit.codes.get(id);
    if (!markup) continue;
    out += `<data id="${startRef(id)}">${text(markup.open)}</data>`;
    if (markup.close !== undefined) out += `<data id="${endRef(id)}">${text(markup.close)}</data>`;
  }
  return out === '' ? '' : `\n      <originalData>${out}</originalData>`;
}

function notesXml(unit: InterchangeUnit): string {
  const notes = unitNotes(unit);
  if (notes.length === 0) return '';
  const items = notes.map(
    (note) =>
      `\n        <note${attrs([
        ['category', note.category === 'comment' ? 'comment' : `tms:${note.category}`],
        ['priority', note.priority],
        ['appliesTo', note.appliesTo],
      ])}>${text(note.text)}</note>`,
  );
  return `\n      <notes>${items.join('')}\n      </notes>`;
}

export function xliff2Unit(unit: InterchangeUnit): string {
  const sourceTokens = inlineTokens(unit.source);
  const targetTokens = hasTarget(unit) ? inlineTokens(unit.target) : null;
  const used = new Set<number>();
  for (const token of [...sourceTokens, ...(targetTokens ?? [])])
    if (token.type !== 'text') used.add(token.id);
  const target =
    targetTokens === null
      ? ''
      : `\n        <target>${inlineXml(targetTokens, unit.codes)}</target>`;
  return (
    `\n    <unit${attrs([
      ['id', unit.id],
      ['name', unit.kind],
      ['type', `tms:${unit.kind}`],
      ['tms:revision', unit.revision],
      ['tms:state', unit.state],
      ['tms:words', unit.words],
    ])}>` +
    notesXml(unit) +
    originalData(unit, used) +
    `\n      <segment${attrs([
      ['state', SEGMENT_STATE[unit.state]],
      ['subState', `tms:${unit.state}`],
    ])}>` +
    `\n        <source>${inlineXml(sourceTokens, unit.codes)}</source>` +
    target +
    `\n      </segment>\n    </unit>`
  );
}

export async function* writeXliff2(doc: XliffDocument): ChunkStream {
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"${attrs([
      ['xmlns:tms', TMS_NAMESPACE],
      ['version', '2.0'],
      ['srcLang', doc.sourceLocale],
      ['trgLang', doc.targetLocale],
    ])}>`
  );
  let index = 0;
  for await (const file of doc.files) {
    index += 1;
    let units = 0;
    for await (const unit of file.units) {
      if (units === 0) yield fileStart(file, index);
      units += 1;
      yield xliff2Unit(unit);
    }
    // A <file> needs at least one unit: an article with nothing to export is left out.
    if (units > 0) yield '\n  </file>';
    else index -= 1;
  }
  if (index === 0) yield EMPTY_FILE;
  yield '\n</xliff>\n';
}

/** <xliff> needs a <file> and a <file> a unit: when the filter left nothing, say so. */
const EMPTY_FILE =
  '\n  <file id="f0">\n    <notes>\n      <note category="tms:empty">No segment matched the ' +
  'export filter.</note>\n    </notes>\n    <unit id="empty">\n      <ignorable>' +
  '<source></source></ignorable>\n    </unit>\n  </file>';

function fileStart(file: InterchangeFile, index: number): string {
  return (
    `\n  <file${attrs([
      ['id', `f${index}`],
      ['original', file.article],
      ['trgDir', file.targetDirection],
      ['tms:article', file.article],
      ['tms:sourceVersion', file.sourceVersion],
      ['tms:format', file.sourceFormat],
    ])}>` +
    `\n    <notes>\n      <note category="tms:title">${text(file.title)}</note>\n    </notes>`
  );
}
