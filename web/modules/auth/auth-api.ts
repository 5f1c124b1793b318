import type { Me, SecondFactorSetup, SignInResult } from '../../../common/api-types';
import { api } from '../../app/api';

// Sign-in steps answer 401 for a wrong password or code: that is an answer to show, not an
// expired session.
export function signIn(email: string, password: string): Promise<SignInResult> {
  return api('/api/auth/sign-in', { method: 'POST', body: { email, password }, unauthorisedIsAnswer: true });
}

export function submitSecondFactor(code: string): Promise<{ status: 'signed-in'; me: Me }> {
  return api('/api/auth/second-factor', { method: 'POST', body: { code }, unauthorisedIsAnswer: true });
}

export function enrolSecondFactor(code: string): Promise<{ status: 'signed-in'; me: Me }> {
  return api('/api/auth/second-factor/enrol', { method: 'POST', body: { code }, unauthorisedIsAnswer: true });
}

export function startSecondFactorSetup(): Promise<SecondFactorSetup> {
  return api('/api/auth/second-factor/setup');
}
