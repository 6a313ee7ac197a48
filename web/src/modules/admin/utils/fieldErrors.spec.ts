import { ApiError } from '~/api/errors';
import { fieldErrors } from './fieldErrors';

describe('fieldErrors', () => {
  it('lists a validation failure per field', () => {
    const error = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'slug: bad; dueDays: too big',
      details: {
        errors: [
          { field: 'slug', messages: ['slug must be lower-case letters'] },
          { field: 'dueDays', messages: ['dueDays must not be greater than 365'] },
          { field: 'slug', messages: ['slug must be shorter'] },
        ],
      },
    });
    expect(fieldErrors(error)).toEqual({
      slug: ['slug must be lower-case letters', 'slug must be shorter'],
      dueDays: ['dueDays must not be greater than 365'],
    });
  });

  it('ignores other errors and malformed details', () => {
    expect(fieldErrors(new ApiError(409, { code: 'EMAIL_TAKEN', message: 'x' }))).toEqual({});
    expect(fieldErrors(new ApiError(400, { code: 'X', message: 'x', details: {} }))).toEqual({});
    expect(
      fieldErrors(
        new ApiError(400, {
          code: 'X',
          message: 'x',
          details: { errors: [null, 3, { messages: [] }] },
        }),
      ),
    ).toEqual({});
    expect(fieldErrors(new TypeError('network'))).toEqual({});
  });
});
