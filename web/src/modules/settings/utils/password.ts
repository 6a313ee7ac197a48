/** The server's rule for passwords (auth DTOs): 8 to 1024 characters. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch' | 'unchanged';

/** What is wrong with a new password before it is sent, or null. */
export function passwordProblem(input: {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}): PasswordProblem | null {
  const length = [...input.newPassword].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (input.newPassword !== input.confirmation) return 'mismatch';
  if (input.newPassword === input.currentPassword) return 'unchanged';
  return null;
}
