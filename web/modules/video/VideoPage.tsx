import { useEffect, useRef, useState } from 'react';
import type { VideoOpenAnswer } from '../../../common/video';
import { usePageTitle } from '../../ui/use-page-title';
import { CallScreen } from './CallScreen';
import { type CallView, VideoCall } from './call-client';
import { DeviceCheck } from './DeviceCheck';
import { openVideoLink, takeVideoToken } from './video-api';

// The person's side of a video appointment (no sign-in): the texted link opens the device check,
// then the waiting room (the worker is told they are there), then the call. Any link that cannot
// be used gets one plain page, the same whatever the reason.

/** GOV.UK style, in London time: "Sunday 6 December 2026 at 5:18pm". */
function whenOf(at: string): string {
  const when = new Date(at);
  const day = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  })
    .format(when)
    .replace(',', '');
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: 'Europe/London',
  })
    .format(when)
    .replace(/\s+/g, '');
  return `${day} at ${time}`;
}

export function LinkUnavailable({ team }: { team: { name: string; phone: string | null } | null }) {
  usePageTitle('This link cannot be used');
  return (
    <div>
      <h1>This link cannot be used</h1>
      <p>
        Links to a video appointment work from 15 minutes before it starts until an hour after it ends, on one device at
        a time. The team can also withdraw a link or send a new one.
      </p>
      {team?.phone ? (
        <p>
          Call {team.name} on <a href={`tel:${team.phone.replace(/\s+/g, '')}`}>{team.phone}</a>: they can send you a
          new link or speak to you another way.
        </p>
      ) : (
        <p>
          Contact {team?.name ?? 'your social prescribing team'}: they can send you a new link or speak to you another
          way.
        </p>
      )}
    </div>
  );
}

export function VideoPage() {
  const [token] = useState(takeVideoToken);
  const [link, setLink] = useState<VideoOpenAnswer | null>(null);
  const [view, setView] = useState<CallView | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const call = useRef<VideoCall | null>(null);
  usePageTitle(view?.state === 'in_call' ? 'Video appointment' : 'Your video appointment');

  useEffect(() => {
    if (!token) {
      setLink({ status: 'unavailable' });
      return;
    }
    openVideoLink(token).then(setLink, () => setLink({ status: 'unavailable' }));
  }, [token]);
  useEffect(() => () => call.current?.close(), []);

  if (!link) return <p>Loading…</p>;
  if (link.status === 'unavailable') return <LinkUnavailable team={link.team ?? null} />;
  if (view?.refused === 'unavailable') return <LinkUnavailable team={{ name: link.teamName, phone: link.teamPhone }} />;
  if (view?.refused === 'in_use') {
    return (
      <div>
        <h1>This appointment is open on another device</h1>
        <p>You can only join from one device at a time. Close it there, wait a minute, then open the link again.</p>
      </div>
    );
  }
  if (view?.state === 'ended') {
    return (
      <div>
        <h1>Your appointment has ended</h1>
        <p>You can close this page.</p>
      </div>
    );
  }
  if (view?.state === 'in_call' && local && call.current) {
    return (
      <CallScreen
        call={call.current}
        local={local}
        remote={remote}
        side="person"
        peerAway={view.peerAway}
        reconnecting={view.reconnecting}
      />
    );
  }
  if (view) {
    return (
      <div>
        <h1>Please wait</h1>
        <p role="status">
          {link.teamName} knows you are here. They will let you in at {whenOf(link.at)}, or as soon as they can.
        </p>
        <p>Keep this page open.</p>
        {view.reconnecting ? <p role="status">Your connection dropped. Reconnecting…</p> : null}
        {view.error ? <p className="nhsuk-error-message">{view.error}</p> : null}
      </div>
    );
  }
  return (
    <>
      <p className="nhsuk-body-l">
        Your video appointment with {link.teamName} is on {whenOf(link.at)}.
      </p>
      <DeviceCheck
        readyText="Join the waiting room"
        onReady={(stream) => {
          setLocal(stream);
          const c = new VideoCall('person', stream, {
            onView: setView,
            onRemoteStream: (s) => setRemote(new MediaStream(s.getTracks())),
          });
          call.current = c;
          c.connect({ token });
        }}
      />
    </>
  );
}

/** `/video/check`: the device check alone, to try days before (no link needed). */
export function DeviceCheckPage() {
  usePageTitle('Check your camera and microphone');
  return <DeviceCheck readyText={null} onReady={() => {}} />;
}
