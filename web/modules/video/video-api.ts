import type { VideoAppointmentView, VideoOpenAnswer, VideoWaiting } from '../../../common/video';
import { api } from '../../app/api';

// The video consultation's calls. The person's token (from the texted link's #fragment) travels
// in request bodies and the WebSocket's first message only, and lives in this tab's
// sessionStorage: a reload keeps it, closing the tab forgets it, the address bar never shows it.

const TOKEN_KEY = 'waymark.video.token';

export function takeVideoToken(): string {
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromAddress) {
    window.history.replaceState(window.history.state, '', window.location.pathname);
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    return fromAddress;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export const openVideoLink = (token: string) =>
  api<VideoOpenAnswer>('/api/public/video/open', { method: 'POST', body: { token }, unauthorisedIsAnswer: true });

export const videoAppointmentsOf = (referralId: string) =>
  api<{ appointments: VideoAppointmentView[] }>(`/api/referrals/${referralId}/video-appointments`);

export const videoWaiting = () => api<VideoWaiting>('/api/video/waiting');
