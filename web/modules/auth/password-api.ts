import { PASSWORD_HINT, passwordRuleProblem } from '../../../common/password-rules';
import { api } from '../../app/api';
import { phrase } from '../../ui/form-errors';

export { PASSWORD_HINT };

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  // A 401 here is an answer: too many wrong current passwords locked the account (the page says so).
  return api('/api/account/password', {
    method: 'POST',
    body: { currentPassword, newPassword },
    unauthorisedIsAnswer: true,
  });
}

export function requestPasswordReset(email: string): Promise<{ message: string }> {
  return api('/api/auth/password-reset', { method: 'POST', body: { email } });
}

export function resetPassword(token: string, newPassword: string): Promise<void> {
  return api('/api/auth/password-reset/complete', { method: 'POST', body: { token, newPassword } });
}

/** The form's own check of a new password (the server also refuses common passwords). */
export function newPasswordError(password: string, email: string | null): string | null {
  if (!password) return 'Enter a new password';
  const problem = passwordRuleProblem(password, email);
  return problem ? phrase('New password', problem) : null;
}
