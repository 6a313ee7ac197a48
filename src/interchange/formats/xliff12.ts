import { inlineTokens, InlineToken } from './inline';
import { hasTarget, unitNotes } from './notes';
import type { ChunkStream, CodeMarkup, InterchangeFile, InterchangeUnit, UnitState } from './unit';
import { TMS_NAMESPACE } from './unit';
import type { XliffDocument } from './xliff2';
import { escapeAttr, escapeText } from './xml';

/**
 * XLIFF 1.2 (transitional schema), one `<file>` per article, one `<trans-unit>` per segment.
 * Codes are `<g>` / `<x/>` (`<bx/>` / `<ex/>` when a target's codes cross, `<it/>` for one
 * without its partner), `approved="yes"`
 * marks approved text and `<alt-trans>` carries the English a fuzzy target was written for.
 * Characters XML 1.0 cannot carry become U+FFFD (1.2 has no element for them).
 */

const TARGET_STATE: Record<UnitState, { state: string; qualifier?: string }> = {
  untranslated: { state: 'needs-translation' },
  fuzzy: { state: 'needs-review-translation', qualifier: 'fuzzy-match' },
  translated: { state: 'translated' },
  rejected: { state: 'needs-translation', qualifier: 'x-rejected' },
  approved: { state: 'final' },
};

const PAIRED_CTYPE: Record<string, string> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underlined',
  a: 'link',
};
const STANDALONE_CTYPE: Record<string, string> = { br: 'lb', img: 'image' };

function attrs(pairs: Array<[string, string | number | null | undefined]>): string {
  let out = '';
  for (const [name, value] of pairs)
    if (value !== null && value !== undefined) out += ` ${name}="${escapeAttr(String(value))}"`;
  return out;
}

function ctype(markup: CodeMarkup | undefined, standalone: boolean): string | undefined {
  if (!markup || !/^[a-z][a-z0-9-]*$/.test(markup.tag)) return undefined;
  const known = (standalone ? STANDALONE_CTYPE : PAIRED_CTYPE)[markup.tag];
  return known ?? `x-html-${markup.tag}`;
}

function inlineXml(tokens: InlineToken[], codes: ReadonlyMap<number, CodeMarkup>): string {
  const closesLater = (from: number, id: number): boolean =>
    tokens.some((t, i) => i > from && t.type === 'close' && t.id === id);
  const opened = new Set<number>();
  let out = '';
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'text') {
      out += escapeText(token.value);
      continue;
    }
    const markup = codes.get(token.id);
    if (token.type === 'standalone')
      out += `<x${attrs([
        ['id', token.id],
        ['ctype', ctype(markup, true)],
      ])}/>`;
    else if (token.type === 'open' && token.paired)
      out += `<g${attrs([
        ['id', token.id],
        ['ctype', ctype(markup, false)],
      ])}>`;
    else if (token.type === 'close' && token.paired) out += '</g>';
    else if (token.type === 'open' && closesLater(index, token.id)) {
      opened.add(token.id);
      out += `<bx${attrs([
        ['id', token.id],
        ['rid', token.id],
        ['ctype', ctype(markup, false)],
      ])}/>`;
    } else if (token.type === 'open')
      out += `<it${attrs([
        ['id', token.id],
        ['pos', 'open'],
        ['ctype', ctype(markup, false)],
      ])}/>`;
    else if (opened.has(token.id))
      out += `<ex${attrs([
        ['id', `${token.id}e`],
        ['rid', token.id],
      ])}/>`;
    else
      out += `<it${attrs([
        ['id', `${token.id}e`],
        ['pos', 'close'],
      ])}/>`;
  }
  return out;
}

function notesXml(unit: InterchangeUnit): string {
  // The English a fuzzy target was written for is in <alt-trans>, not repeated as a note.
  return unitNotes(unit)
    .filter((note) => note.category !== 'baseSource')
    .map((note) => {
      return `\n        <note${attrs([
        ['from', note.author ?? 'tms'],
        ['priority', note.priority],
        ['annotates', note.appliesTo ?? 'general'],
      ])}>${escapeText(note.text)}</note>`;
    })
    .join('');
}

export function xliff12Unit(
  unit: InterchangeUnit,
  sourceLocale: string,
  targetLocale: string,
): string {
  const { state, qualifier } = TARGET_STATE[unit.state];
  const source = inlineXml(inlineTokens(unit.source), unit.codes);
  let body = `\n        <source${attrs([['xml:lang', sourceLocale]])}>${source}</source>`;
  if (hasTarget(unit)) {
    const target = inlineXml(inlineTokens(unit.target), unit.codes);
    body += `\n        <target${attrs([
      ['xml:lang', targetLocale],
      ['state', state],
      ['state-qualifier', qualifier],
    ])}>${target}</target>`;
    if (unit.previousSource !== null && unit.previousSource !== unit.source)
      body +=
        `\n        <alt-trans alttranstype="previous-version">` +
        `\n          <source${attrs([['xml:lang', sourceLocale]])}>${inlineXml(
          inlineTokens(unit.previousSource),
          unit.codes,
        )}</source>` +
        `\n          <target${attrs([['xml:lang', targetLocale]])}>${target}</target>` +
        `\n        </alt-trans>`;
  }
  return (
    `\n      <trans-unit${attrs([
      ['id', unit.id],
      ['resname', unit.id],
      ['restype', `x-tms-${unit.kind}`],
      ['approved', unit.state === 'approved' ? 'yes' : hasTarget(unit) ? 'no' : null],
      ['tms:revision', unit.revision],
      ['tms:state', unit.state],
      ['tms:words', unit.words],
    ])}>` +
    body +
    notesXml(unit) +
    `\n      </trans-unit>`
  );
}

const DATATYPE: Record<string, string> = {
  html: 'html',
  markdown: 'x-markdown',
  text: 'plaintext',
};

type FileHead = Pick<InterchangeFile, 'article' | 'title' | 'sourceVersion' | 'sourceFormat'>;

function fileStart(file: FileHead, sourceLocale: string, targetLocale: string): string {
  return (
    `\n  <file${attrs([
      ['original', file.article],
      ['source-language', sourceLocale],
      ['target-language', targetLocale],
      ['datatype', DATATYPE[file.sourceFormat] ?? 'plaintext'],
      ['tms:article', file.article],
      ['tms:sourceVersion', file.sourceVersion],
    ])}>` +
    `\n    <header>\n      <note from="tms" annotates="general">${escapeText(
      `Title: ${file.title}`,
    )}</note>\n    </header>\n    <body>`
  );
}

export async function* writeXliff12(doc: XliffDocument): ChunkStream {
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xliff${attrs([
      ['version', '1.2'],
      ['xmlns', 'urn:oasis:names:tc:xliff:document:1.2'],
      ['xmlns:tms', TMS_NAMESPACE],
    ])}>`
  );
  let files = 0;
  for await (const file of doc.files) {
    files += 1;
    yield fileStart(file, doc.sourceLocale, doc.targetLocale);
    for await (const unit of file.units)
      yield xliff12Unit(unit, doc.sourceLocale, doc.targetLocale);
    yield '\n    </body>\n  </file>';
  }
  if (files === 0)
    yield (
      fileStart(
        {
          article: 'empty',
          title: 'No article matched the export filter',
          sourceVersion: 0,
          sourceFormat: 'text',
        },
        doc.sourceLocale,
        doc.targetLocale,
      ) + '\n    </body>\n  </file>'
    );
  yield '\n</xliff>\n';
}
