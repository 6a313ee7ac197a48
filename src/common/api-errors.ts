import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ERROR_STATUS, type ErrorCode } from './domain-error';

/** The fields of every error body; ErrorDto and the errors with precise details extend it. */
export abstract class ErrorBodyDto {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'Not Found', description: 'The HTTP reason phrase of statusCode' })
  error!: string;
  @ApiProperty({
    example: 'NOT_FOUND',
    description: 'Stable UPPER_SNAKE identifier that clients switch on',
  })
  code!: string;
  @ApiProperty({ description: 'Human-readable text (English)' }) message!: string;
}

/** The body of every error response (see the global exception filter). */
export class ErrorDto extends ErrorBodyDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Machine-readable particulars; 400 VALIDATION_FAILED lists `errors: [{field, messages}]`',
  })
  details?: object;
}

/**
 * An error with a precise `details` schema: a subclass of ErrorBodyDto that names its code, e.g.
 * `class TranslationConflictErrorDto extends ErrorBodyDto { static readonly code = 'TRANSLATION_CONFLICT' }`.
 */
export type PreciseError = Type<ErrorBodyDto> & { readonly code: ErrorCode };

/** What a bare status stands for, when a route names no codes of that status. */
const CODES_BY_STATUS: Record<number, ErrorCode[]> = {
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
  401: ['UNAUTHORIZED'],
  403: ['FORBIDDEN'],
  404: ['NOT_FOUND'],
  409: ['CONFLICT'],
  413: ['PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  422: ['UNPROCESSABLE'],
  429: ['TOO_MANY_REQUESTS'],
  503: ['SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE'],
};

/** What a 401 means on a route that needs a token. */
const UNAUTHORIZED_TEXT =
  'no bearer token, or one that is invalid or expired, or a deactivated user';

const ref = (model: Type<unknown>): { $ref: string } => ({
  $ref: `#/components/schemas/${model.name}`,
});

/**
 * Documents a route's (or a controller's) error responses, all with the error body: a status
 * number stands for its generic codes, an error code for itself at its status, a PreciseError
 * class for its code with its own `details` schema. Codes of one status are listed together in
 * that response's description, e.g. `ApiErrors(400, 401, 403, 404, 'EMAIL_TAKEN')`.
 */
export function ApiErrors(
  ...specs: Array<number | ErrorCode | PreciseError>
): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, { codes: Set<ErrorCode>; precise: PreciseError[] }>();
  const entry = (status: number) => {
    let found = byStatus.get(status);
    if (!found) byStatus.set(status, (found = { codes: new Set(), precise: [] }));
    return found;
  };
  for (const spec of specs) {
    if (typeof spec === 'number') entry(spec);
    else if (typeof spec === 'string') entry(ERROR_STATUS[spec]).codes.add(spec);
    else {
      const e = entry(ERROR_STATUS[spec.code]);
      e.codes.add(spec.code);
      e.precise.push(spec);
    }
  }
  const decorators = [...byStatus].map(([status, { codes, precise }]) => {
    const listed = codes.size > 0 ? [...codes] : (CODES_BY_STATUS[status] ?? []);
    const generic = listed.filter((code) => !precise.some((p) => p.code === code));
    const schemas = [...precise.map(ref), ...(generic.length > 0 ? [ref(ErrorDto)] : [])];
    const phrase = STATUS_CODES[status] ?? 'Error';
    const description =
      status === 401 && listed.length === 1 && listed[0] === 'UNAUTHORIZED'
        ? `${phrase}: UNAUTHORIZED (${UNAUTHORIZED_TEXT})`
        : `${phrase}: ${listed.join(', ')}`;
    return ApiResponse({
      status,
      description,
      schema: schemas.length === 1 ? schemas[0] : { anyOf: schemas },
    });
  });
  const models = new Set<Type<unknown>>([ErrorDto]);
  for (const { precise } of byStatus.values()) for (const p of precise) models.add(p);
  return applyDecorators(ApiExtraModels(...models), ...decorators);
}
