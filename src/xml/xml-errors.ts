import type { XmlRejectionCode } from './safe-xml-reader';

/**
 * The HTTP status of each XmlRejectedError code, for the global error mapping
 * (src/common/domain-error.ts spreads it into ERROR_STATUS). Malformed XML is a bad request
 * like malformed JSON; XML that parses but is refused (unsafe or over a limit) is 422; a body
 * over the byte cap is 413.
 */
export const XML_ERROR_STATUS: Record<XmlRejectionCode, 400 | 413 | 422> = {
  XML_MALFORMED: 400,
  XML_INVALID_UTF8: 400,
  XML_UNSUPPORTED_ENCODING: 422,
  XML_DOCTYPE_FORBIDDEN: 422,
  XML_ENTITY_FORBIDDEN: 422,
  XML_TOO_DEEP: 422,
  XML_ATTRIBUTE_TOO_LARGE: 422,
  XML_TEXT_TOO_LARGE: 422,
  XML_TOKEN_TOO_LARGE: 422,
  XML_TOO_MANY_NODES: 422,
  XML_TOO_LARGE: 413,
};
