/**
 * The status of each code an import refuses a whole file with (spread into ERROR_STATUS):
 * a file that is not the format it claims is 422 like TMX_INVALID; PO problems mirror the XML
 * reader's (malformed or not UTF-8: 400; over a limit: 413/422). IMPORT_REJECTED is an atomic
 * import that applied nothing because some unit failed.
 */
export const IMPORT_ERROR_STATUS = {
  XLIFF_INVALID: 422,
  PO_INVALID: 422,
  PO_MALFORMED: 400,
  PO_INVALID_UTF8: 400,
  PO_UNSUPPORTED_ENCODING: 422,
  PO_LINE_TOO_LONG: 422,
  PO_TOO_LARGE: 413,
  IMPORT_REJECTED: 422,
  ZIP_INVALID: 422,
  ZIP_TOO_LARGE: 413,
} as const;
