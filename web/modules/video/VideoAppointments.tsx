import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { VideoAppointmentView } from '../../../common/video';
import { api } from '../../app/api';
import { useLiveEvents } from '../../app/live-events';
import { Button } from '../../ui/Button';
import { Tag } from '../../ui/Tag';
import { videoAppointmentsOf } from './video-api';

// The case record's video appointments: who is waiting (live, from the event stream), joining
// the call (a new tab: a full page load, whose Permissions-Policy allows the camera), and sending
// the person's link again or withdrawing it.

const STATE: Record<VideoAppointmentView['state'], [string, 'grey' | 'green' | 'blue' | 'red' | 'white']> = {
  booked: ['Booked', 'grey'],
  waiting: ['Waiting now', 'green'],
  in_call: ['In the call', 'blue'],
  ended: ['Ended', 'white'],
  cancelled: ['Cancelled', 'red'],
};
const whenOf = (at: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(
    new Date(at),
  );

export function VideoAppointments({ referralId, mayWrite }: { referralId: string; mayWrite: boolean }) {
  const queryClient = useQueryClient();
  const key = ['video-appointments', referralId];
  const { data } = useQuery({ queryKey: key, queryFn: () => videoAppointmentsOf(referralId) });
  const [notice, setNotice] = useState<string | null>(null);
  useLiveEvents((event) => {
    if (event.referralId === referralId) void queryClient.invalidateQueries({ queryKey: key });
  });
  const open = (data?.appointments ?? []).filter((a) => a.state !== 'cancelled');
  if (open.length === 0) return null;

  const change = async (a: VideoAppointmentView, what: 'resend' | 'revoke') => {
    try {
      await api(`/api/referrals/${referralId}/planned-contacts/${a.plannedContactId}/video-link/${what}`, {
        method: 'POST',
      });
      setNotice(what === 'resend' ? 'A new link was sent. The old one no longer works.' : 'The link was withdrawn.');
    } catch {
      setNotice('That did not work. Reload the page and try again.');
    }
    await queryClient.invalidateQueries({ queryKey: key });
  };

  return (
    <section aria-labelledby="video-appointments">
      <h2 id="video-appointments">Video appointments</h2>
      {notice ? <p role="status">{notice}</p> : null}
      <ul className="nhsuk-list">
        {open.map((a) => {
          const [label, colour] = STATE[a.state];
          const live = a.state === 'booked' || a.state === 'waiting' || a.state === 'in_call';
          return (
            <li key={a.id}>
              {whenOf(a.at)} <Tag colour={colour}>{label}</Tag>
              {a.revoked ? ' (link withdrawn)' : ''}
              {live && mayWrite ? (
                <p>
                  <a href={`/video/call/${referralId}/${a.id}`} target="_blank" rel="noopener">
                    Join the video call (opens in a new tab)
                  </a>
                </p>
              ) : null}
              {a.state === 'ended' && a.durationMinutes ? (
                <p>
                  The call lasted {a.durationMinutes} {a.durationMinutes === 1 ? 'minute' : 'minutes'}.
                </p>
              ) : null}
              {mayWrite && (a.state === 'booked' || a.state === 'waiting') ? (
                <p>
                  <Button type="button" variant="secondary" small onClick={() => void change(a, 'resend')}>
                    Send the link again
                  </Button>{' '}
                  {a.revoked ? null : (
                    <Button type="button" variant="secondary" small onClick={() => void change(a, 'revoke')}>
                      Withdraw the link
                    </Button>
                  )}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
