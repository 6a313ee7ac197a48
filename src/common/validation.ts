import { ValidationError, ValidationPipe } from '@nestjs/common';
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import {
  describeHygieneProblems,
  textHygieneProblems,
  type HygieneProblem,
} from '../checks/hygiene';
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

/**
 * Text a person will read elsewhere (a comment, a glossary entry, a title) must display as
 * what was checked: no bidi embeddings or overrides, no unpaired isolates, no control
 * characters but tab and line feed, no NUL (PostgreSQL cannot store it) and, when not empty,
 * at least one visible character. An empty string is left to @IsNotEmpty where it matters.
 */
export function IsCleanText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          `${describeHygieneProblems(problemsOf(args.value))} Remove it.`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => problemsOf(value).length === 0,
      },
    });
  };
}

function problemsOf(value: unknown): HygieneProblem[] {
  if (typeof value !== 'string' || value === '') return [];
  return textHygieneProblems(value);
}
