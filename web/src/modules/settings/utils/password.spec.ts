import { passwordProblem } from './password';

describe('passwordProblem', () => {
  const base = {
    currentPassword: 'old-password',
    newPassword: 'new-password',
    confirmation: 'new-password',
  };

  it('accepts a new password of 8 characters or more, confirmed', () => {
    expect(passwordProblem(base)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(passwordProblem({ ...base, newPassword: 'short', confirmation: 'short' })).toBe(
      'tooShort',
    );
    expect(passwordProblem({ ...base, confirmation: 'new-passw0rd' })).toBe('mismatch');
    expect(
      passwordProblem({ ...base, newPassword: 'old-password', confirmation: 'old-password' }),
    ).toBe('unchanged');
    const long = 'x'.repeat(1025);
    expect(passwordProblem({ ...base, newPassword: long, confirmation: long })).toBe('tooLong');
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '🔑🔑🔑🔑🔑🔑🔑';
    expect(passwordProblem({ ...base, newPassword: emoji, confirmation: emoji })).toBe('tooShort');
  });
});
