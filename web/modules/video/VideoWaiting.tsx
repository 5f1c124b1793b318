import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../app/live-events';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Tag } from '../../ui/Tag';
import { videoWaiting } from './video-api';

// "Waiting" on the caseload, live: who of the worker's own people is in a video waiting room
// now. The list is the team's (`/api/video/waiting`); the banner names the worker's own cases and
// those they cover, on whichever page of the caseload they are.
// It refreshes on each `referral.changed` (a person joining or leaving announces one) and every
// half minute besides, as a waiting room left by a crashed server says nothing.

const KEY = ['video-waiting'];

function useVideoWaiting() {
  return useQuery({ queryKey: KEY, queryFn: videoWaiting, refetchInterval: 30_000 }).data?.waiting ?? [];
}

const callHref = (referralId: string, appointmentId: string) => `/video/call/${referralId}/${appointmentId}`;

/** The caseload's banner: each of the worker's own people (or those they cover) waiting now, with a way into the call. */
export function VideoWaitingBanner() {
  const queryClient = useQueryClient();
  useLiveEvents((event) => {
    if (event.type === 'referral.changed') void queryClient.invalidateQueries({ queryKey: KEY });
  });
  const mine = useVideoWaiting().filter((w) => w.yours);
  if (mine.length === 0) return null;
  return (
    <NotificationBanner
      heading={
        mine.length === 1
          ? 'Someone is in the video waiting room'
          : `${mine.length} people are in the video waiting room`
      }
    >
      <ul className="nhsuk-list">
        {mine.map((w) => (
          <li key={w.appointmentId}>
            {w.person.givenName} {w.person.familyName}:{' '}
            <a href={callHref(w.referralId, w.appointmentId)} target="_blank" rel="noopener">
              join the video call (opens in a new tab)
            </a>
          </li>
        ))}
      </ul>
    </NotificationBanner>
  );
}

/** A caseload row's mark while its person waits. */
export function VideoWaitingTag({ referralId }: { referralId: string }) {
  const waiting = useVideoWaiting().some((w) => w.referralId === referralId);
  return waiting ? (
    <span className="waymark-block">
      <Tag colour="green">Waiting for video call</Tag>
    </span>
  ) : null;
}
