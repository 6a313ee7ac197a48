import { DomainError } from '../../common/domain-error';
import { XmlRejectedError } from '../../xml/safe-xml-reader';
import { InterchangeFormatError, PoRejectedError } from './readers';

export { IMPORT_ERROR_STATUS } from './import-error-status';

/** A reader's typed refusal as the contract's error; anything else unchanged. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof XmlRejectedError)
    return new DomainError(error.code, `The file was refused: ${error.message}`, {
      ...(error.position && { position: error.position }),
    });
  if (error instanceof PoRejectedError)
    return new DomainError(error.code, `The file was refused: ${error.message}`, {
      ...(error.line !== undefined && { line: error.line }),
    });
  if (error instanceof InterchangeFormatError)
    return new DomainError(error.code, `Not the format named in ?format=: ${error.message}`);
  return error;
}
