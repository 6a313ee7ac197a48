/**
 * The document walk both XLIFF readers share: check the root element's version, note each
 * `<file>`'s article and source version, hand every unit element to the dialect's reader one
 * at a time, and skip what imports do not need. Pure: no Nest, no database.
 */
import { TMS_NAMESPACE } from '../../formats/unit';
import {
  readSubtree,
  readXmlEvents,
  SafeXmlLimits,
  XmlElement,
  XmlSource,
} from '../../../xml/safe-xml-reader';
import { tmsPrefix } from './coded-text';
import { ImportRecord, InterchangeFormatError, wholeNumber } from './record';

export interface FileContext {
  article: string | null;
  sourceVersion: number | null;
}

export interface XliffDialect {
  /** The version the root element must have, as written in errors: "1.2" or "2.0". */
  version: string;
  /** The element of one translation unit: `trans-unit` (1.2) or `unit` (2.0). */
  unit: string;
  /** Elements walked into to find units (`body`, `group`); anything else is skipped whole. */
  containers: ReadonlySet<string>;
  record(unit: XmlElement, file: FileContext, prefix: string): ImportRecord;
}

export async function* readXliffDocument(
  source: XmlSource,
  limits: SafeXmlLimits,
  dialect: XliffDialect,
): AsyncGenerator<ImportRecord, void, undefined> {
  const events = readXmlEvents(source, limits);
  const major = `${dialect.version.split('.')[0]}.`;
  let prefix: string | null = null;
  let file: FileContext = { article: null, sourceVersion: null };
  for await (const event of events) {
    if (event.type !== 'open') continue;
    if (prefix === null) {
      const version = event.attributes.version ?? '';
      if (event.name !== 'xliff' || !version.startsWith(major))
        throw new InterchangeFormatError(
          'XLIFF_INVALID',
          `The root element is <${event.name}${version ? ` version="${version}"` : ''}>, not <xliff version="${dialect.version}">`,
        );
      prefix = tmsPrefix(event.attributes, TMS_NAMESPACE);
      continue;
    }
    if (event.name === 'file') {
      file = {
        article: event.attributes[`${prefix}:article`] ?? event.attributes.original ?? null,
        sourceVersion: wholeNumber(event.attributes[`${prefix}:sourceVersion`]),
      };
    } else if (event.name === dialect.unit) {
      yield dialect.record(await readSubtree(event, events), file, prefix);
    } else if (!dialect.containers.has(event.name)) {
      // Headers, notes, skeletons, binary units, extension elements: not needed.
      await readSubtree(event, events);
    }
  }
  if (prefix === null) throw new InterchangeFormatError('XLIFF_INVALID', 'The file is empty');
}
