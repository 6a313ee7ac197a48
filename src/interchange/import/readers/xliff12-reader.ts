/**
 * XLIFF 1.2 reader: one record per `<trans-unit>` (also inside `<group>`), streamed through the
 * hardened XML reader. Pure: no Nest, no database.
 *
 * Inline markup back to our codes: `<g id=n>…</g>` → `{n}…{/n}`, `<x id=n/>` → `{n/}`,
 * `<bx rid=n/>` / `<ex rid=n/>` → `{n}` / `{/n}`, `<it pos=open|close>` likewise; the
 * native-code elements `<bpt>`/`<ept>`/`<ph>` are codes too (their content is markup, not
 * text). `<mrk>` keeps its content. Anything else is a problem of that unit. A target whose
 * `state` is `new` or `needs-…` is fuzzy; `approved="yes"` is read as a plain translation.
 */
import { SafeXmlLimits, XmlElement, XmlSource } from '../../../xml/safe-xml-reader';
import { childElements, codedContent, InlineVisitor } from './coded-text';
import { ImportRecord, wholeNumber } from './record';
import { FileContext, readXliffDocument } from './xliff-document';

const inline: InlineVisitor = (element, coded, visitChildren) => {
  const { id, rid } = element.attributes;
  switch (element.name) {
    case 'g':
      coded.open(id, 'g');
      visitChildren(element);
      coded.close(id, 'g');
      return;
    case 'x':
    case 'ph':
      coded.standalone(id, element.name);
      return;
    case 'bx':
    case 'bpt':
      coded.open(rid ?? id, element.name);
      return;
    case 'ex':
    case 'ept':
      coded.close(rid ?? id, element.name);
      return;
    case 'it':
      if (element.attributes.pos === 'close') coded.close(id, 'it');
      else coded.open(id, 'it');
      return;
    case 'mrk':
      visitChildren(element);
      return;
    default:
      coded.fail(`<${element.name}> is not XLIFF 1.2 inline markup`);
  }
};

/** Target states that mean the text is not a finished translation (XLIFF 1.2 state list). */
const NOT_TRANSLATED = /^(new|needs-)/;

export function readXliff12(
  source: XmlSource,
  limits: SafeXmlLimits,
): AsyncGenerator<ImportRecord, void, undefined> {
  return readXliffDocument(source, limits, {
    version: '1.2',
    unit: 'trans-unit',
    containers: new Set(['body', 'group']),
    record: unitRecord,
  });
}

function unitRecord(unit: XmlElement, file: FileContext, prefix: string): ImportRecord {
  let problem: string | null = unit.attributes.id ? null : '<trans-unit> has no id';
  const read = (element: XmlElement | undefined): string | null => {
    if (!element) return null;
    const content = codedContent(element, inline);
    problem ??= content.problem && `${element.name}: ${content.problem}`;
    return content.text;
  };
  const [sourceElement] = childElements(unit, 'source');
  const [targetElement] = childElements(unit, 'target');
  const source = read(sourceElement);
  const target = read(targetElement);
  const state = targetElement?.attributes.state ?? '';
  return {
    file: file.article,
    id: unit.attributes.id ?? '',
    source,
    target,
    fuzzy: target !== null && NOT_TRANSLATED.test(state),
    revision: wholeNumber(unit.attributes[`${prefix}:revision`]),
    sourceVersion: file.sourceVersion,
    problem,
  };
}
