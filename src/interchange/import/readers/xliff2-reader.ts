/**
 * XLIFF 2.0 reader: one record per `<unit>`, streamed through the hardened XML reader (one unit
 * in memory at a time). Pure: no Nest, no database.
 *
 * Inline markup back to our codes: `<pc id=n>…</pc>` → `{n}…{/n}`, `<sc id=n/>` → `{n}`,
 * `<ec startRef=n/>` (or an isolated `<ec id=n/>`) → `{/n}`, `<ph id=n/>` → `{n/}`; `<cp hex>`
 * is its character, `<mrk>` keeps its content, `<sm/>`/`<em/>` are dropped. Anything else in a
 * source or target is a problem of that unit. A unit's segments (and ignorables) are joined in
 * order; a target in a segment whose state is `initial` is fuzzy.
 */
import { SafeXmlLimits, XmlElement, XmlSource } from '../../../xml/safe-xml-reader';
import { codedContent, InlineVisitor } from './coded-text';
import { ImportRecord, wholeNumber } from './record';
import { FileContext, readXliffDocument } from './xliff-document';

const inline: InlineVisitor = (element, coded, visitChildren) => {
  const { id } = element.attributes;
  switch (element.name) {
    case 'pc':
      coded.open(id, 'pc');
      visitChildren(element);
      coded.close(id, 'pc');
      return;
    case 'sc':
      coded.open(id, 'sc');
      return;
    case 'ec':
      coded.close(element.attributes.startRef ?? id, 'ec');
      return;
    case 'ph':
      coded.standalone(id, 'ph');
      return;
    case 'cp': {
      const hex = element.attributes.hex ?? '';
      const point = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (point <= 0x10ffff) coded.text(String.fromCodePoint(point));
      else coded.fail(`<cp hex="${hex}"> is not a code point`);
      return;
    }
    case 'mrk':
      visitChildren(element);
      return;
    case 'sm':
    case 'em':
      return;
    default:
      coded.fail(`<${element.name}> is not XLIFF 2.0 inline markup`);
  }
};

export function readXliff2(
  source: XmlSource,
  limits: SafeXmlLimits,
): AsyncGenerator<ImportRecord, void, undefined> {
  return readXliffDocument(source, limits, {
    version: '2.0',
    unit: 'unit',
    containers: new Set(['group']),
    record: unitRecord,
  });
}

function unitRecord(unit: XmlElement, file: FileContext, prefix: string): ImportRecord {
  let source = '';
  let target: string | null = null;
  let fuzzy = false;
  let problem: string | null = unit.attributes.id ? null : '<unit> has no id';
  for (const part of unit.children) {
    if (typeof part === 'string' || (part.name !== 'segment' && part.name !== 'ignorable'))
      continue;
    for (const child of part.children) {
      if (typeof child === 'string') continue;
      if (child.name !== 'source' && child.name !== 'target') continue;
      const content = codedContent(child, inline);
      problem ??= content.problem && `${child.name}: ${content.problem}`;
      if (child.name === 'source') source += content.text;
      else target = (target ?? '') + content.text;
    }
    const hasTarget = part.children.some((c) => typeof c !== 'string' && c.name === 'target');
    if (part.name === 'segment' && hasTarget && part.attributes.state === 'initial') fuzzy = true;
  }
  return {
    file: file.article,
    id: unit.attributes.id ?? '',
    source,
    target,
    fuzzy,
    revision: wholeNumber(unit.attributes[`${prefix}:revision`]),
    sourceVersion: file.sourceVersion,
    problem,
  };
}
