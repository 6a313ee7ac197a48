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
import { TMS_NAMESPACE } from '../../formats/unit';
import {
  readSubtree,
  readXmlEvents,
  SafeXmlLimits,
  XmlElement,
  XmlSource,
} from '../../../xml/safe-xml-reader';
import { codedContent, InlineVisitor, tmsPrefix } from './coded-text';
import { ImportRecord, InterchangeFormatError, wholeNumber } from './record';

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

interface FileContext {
  article: string | null;
  sourceVersion: number | null;
}

export async function* readXliff2(
  source: XmlSource,
  limits: SafeXmlLimits,
): AsyncGenerator<ImportRecord, void, undefined> {
  const events = readXmlEvents(source, limits);
  let prefix: string | null = null;
  let file: FileContext = { article: null, sourceVersion: null };
  for await (const event of events) {
    if (event.type !== 'open') continue;
    if (prefix === null) {
      const version = event.attributes.version ?? '';
      if (event.name !== 'xliff' || !version.startsWith('2.'))
        throw new InterchangeFormatError(
          'XLIFF_INVALID',
          `The root element is <${event.name}${version ? ` version="${version}"` : ''}>, not <xliff version="2.0">`,
        );
      prefix = tmsPrefix(event.attributes, TMS_NAMESPACE);
      continue;
    }
    if (event.name === 'file') {
      file = {
        article: event.attributes[`${prefix}:article`] ?? event.attributes.original ?? null,
        sourceVersion: wholeNumber(event.attributes[`${prefix}:sourceVersion`]),
      };
    } else if (event.name === 'unit') {
      yield unitRecord(await readSubtree(event, events), file, prefix);
    } else if (event.name !== 'group') {
      // <notes>, <skeleton>, extension elements of <file> or <group>: not needed.
      await readSubtree(event, events);
    }
  }
  if (prefix === null) throw new InterchangeFormatError('XLIFF_INVALID', 'The file is empty');
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
