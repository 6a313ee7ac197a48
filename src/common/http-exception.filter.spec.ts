import { QueryFailedError } from 'typeorm';
import { toErrorBody } from './http-exception.filter';

const queryError = (code: string) =>
  new QueryFailedError(
    'INSERT INTO t VALUES ($1)',
    ['x'],
    Object.assign(new Error('pg'), { code }),
  );

describe('toErrorBody', () => {
  it.each(['22021', '22P05'])('maps PostgreSQL %s (NUL in text or jsonb) to 400', (code) => {
    expect(toErrorBody(queryError(code))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('NUL'),
    });
  });

  it('keeps other database errors a 500 without details', () => {
    expect(toErrorBody(queryError('23505'))).toMatchObject({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
    });
  });
});
