import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

function flatten(
  errors: ValidationError[],
  prefix = '',
): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates DTOs strictly: unknown fields are refused, every problem is listed in details.errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new DomainError(
        'VALIDATION_FAILED',
        list.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ') || 'Invalid input',
        { errors: list },
      );
    },
  });
}
