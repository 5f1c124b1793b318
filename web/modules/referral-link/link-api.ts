import type {
  AcceptInput,
  AttendanceInput,
  CloseInput,
  DeclineInput,
  LinkState,
  OnwardLinkView,
  PartnerReferralView,
} from '../../../common/onward-referrals';
import { api } from '../../app/api';

// The secure link's calls. The token (from the emailed link's #fragment) and the access the
// one-time code gives travel in request bodies only, and live in this tab's sessionStorage: a
// reload keeps them, closing the tab forgets them, and neither ever sits in the address bar.

const TOKEN_KEY = 'waymark.referral-link.token';
const ACCESS_KEY = 'waymark.referral-link.access';

/** The token of the link opened in this tab: from the address (then forgotten there), else kept from before. */
export function takeLinkToken(): string {
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromAddress) {
    window.history.replaceState(window.history.state, '', window.location.pathname);
    if (fromAddress !== sessionStorage.getItem(TOKEN_KEY)) sessionStorage.removeItem(ACCESS_KEY);
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    return fromAddress;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export const keptAccess = () => sessionStorage.getItem(ACCESS_KEY) ?? undefined;
export const keepAccess = (access: string) => sessionStorage.setItem(ACCESS_KEY, access);
export const forgetAccess = () => sessionStorage.removeItem(ACCESS_KEY);

// 401 here means "your access (not a session) ended": an answer to show, not a sign-out.
const post = <T>(step: string, body: object) =>
  api<T>(`/api/referral-link/${step}`, { method: 'POST', body, unauthorisedIsAnswer: true });

export const openLink = (token: string, access?: string) => post<LinkState>('open', { token, access });
export const sendCode = (token: string) => post<{ sentTo: string; expiresInMinutes: number }>('code', { token });
export const verifyCode = (token: string, code: string) =>
  post<{ access: string; expiresAt: string }>('verify', { token, code });
export const readReferral = (token: string, access: string) => post<PartnerReferralView>('referral', { token, access });

export type LinkAnswer =
  | { step: 'accept'; input: AcceptInput }
  | { step: 'decline'; input: DeclineInput }
  | { step: 'attendance'; input: AttendanceInput }
  | { step: 'close'; input: CloseInput };

export const answerReferral = (token: string, access: string, answer: LinkAnswer) =>
  post<PartnerReferralView>(answer.step, { token, access, ...answer.input });

// ---- The team's side (the case record's LinkControls) ----

export const changeLink = (referralId: string, onwardId: string, what: 'revoke' | 'resend') =>
  api<{ link: OnwardLinkView }>(`/api/referrals/${referralId}/onward-referrals/${onwardId}/link/${what}`, {
    method: 'POST',
  });
