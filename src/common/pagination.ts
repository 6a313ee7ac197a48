import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DomainError } from './domain-error';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url of a small JSON value. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(
  cursor: string | undefined,
  isValid: (v: unknown) => v is T,
): T | null {
  if (cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', {
    errors: [{ field: 'cursor', messages: ['cursor is not valid'] }],
  });
}

/** The page size when the query names none. */
export const DEFAULT_PAGE_LIMIT = 50;

/** A keyset cursor of two strings, e.g. (timestamp, id). */
export type StringPairCursor = [string, string];
export const isStringPairCursor = (v: unknown): v is StringPairCursor =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

/**
 * A page from a query that asked for `limit + 1` rows: the extra row only says that there is a
 * next page, whose cursor `cursorOf` makes from the last item shown.
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => unknown): Page<T> {
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor: rows.length > limit ? encodeCursor(cursorOf(items[items.length - 1])) : null,
  };
}
