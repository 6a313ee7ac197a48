import type { SafeXmlLimits, XmlSource } from '../../../xml/safe-xml-reader';
import { readPo } from './po-reader';
import type { ImportFormat, ImportRecord } from './record';
import { readXliff12 } from './xliff12-reader';
import { readXliff2 } from './xliff2-reader';

export * from './record';
export { PoRejectedError, readPo, unquotePo } from './po-reader';
export type { PoRejectionCode } from './po-reader';
export { readXliff12 } from './xliff12-reader';
export { readXliff2 } from './xliff2-reader';

export interface ReaderLimits extends SafeXmlLimits {
  maxLineLength?: number;
}

/** The records of a file in `format`, read from a byte stream. */
export function readInterchange(
  format: ImportFormat,
  source: XmlSource,
  limits: ReaderLimits,
): AsyncGenerator<ImportRecord, void, undefined> {
  if (format === 'po') return readPo(source, limits);
  if (format === 'xliff12') return readXliff12(source, limits);
  return readXliff2(source, limits);
}
