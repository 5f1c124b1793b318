import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { VideoAppointmentView } from '../../../common/video';
import { api } from '../../app/api';
import { Button } from '../../ui/Button';
import { usePageTitle } from '../../ui/use-page-title';
import { CallScreen } from './CallScreen';
import { type CallView, VideoCall } from './call-client';
import { videoAppointmentsOf } from './video-api';

// The worker's side of a video appointment, opened in a tab of its own from the case record (a
// full page load, so that this page's Permissions-Policy allows the camera): see who waits, admit
// them, the call, and afterwards the contact offered for recording with its times prefilled.

const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));

function AfterCall({ referralId, appointmentId }: { referralId: string; appointmentId: string }) {
  const [appointment, setAppointment] = useState<VideoAppointmentView | null>(null);
  const [recorded, setRecorded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    videoAppointmentsOf(referralId).then(
      (list) => setAppointment(list.appointments.find((a) => a.id === appointmentId) ?? null),
      () => setProblem('We could not read the call’s times. Record the contact on the case record.'),
    );
  }, [referralId, appointmentId]);
  const admitted = appointment?.admittedAt;
  const ended = appointment?.endedAt;
  const record = async () => {
    if (!admitted || !appointment?.durationMinutes) return;
    try {
      await api(`/api/referrals/${referralId}/contacts`, {
        method: 'POST',
        body: { at: admitted, mode: 'video', durationMinutes: appointment.durationMinutes, outcome: 'attended' },
      });
      setRecorded(true);
    } catch {
      setProblem('The contact was not recorded. Try again, or record it on the case record.');
    }
  };
  return (
    <div>
      <h1>The call has ended</h1>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      {admitted && ended ? (
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Started</dt>
            <dd className="nhsuk-summary-list__value">{timeOf(admitted)}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Ended</dt>
            <dd className="nhsuk-summary-list__value">{timeOf(ended)}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Duration</dt>
            <dd className="nhsuk-summary-list__value" data-testid="call-duration">
              {appointment?.durationMinutes} {appointment?.durationMinutes === 1 ? 'minute' : 'minutes'}
            </dd>
          </div>
        </dl>
      ) : null}
      {recorded ? (
        <p role="status">The contact by video is recorded on the case.</p>
      ) : admitted ? (
        <Button type="button" onClick={() => void record()}>
          Record this contact (attended, by video)
        </Button>
      ) : null}
      <p>
        <Link to={`/referrals/${referralId}/case`}>Go to the case record</Link>
      </p>
    </div>
  );
}

export function VideoCallPage() {
  const { referralId = '', appointmentId = '' } = useParams();
  const [view, setView] = useState<CallView | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const call = useRef<VideoCall | null>(null);
  usePageTitle('Video appointment');

  const start = async (withCamera: boolean) => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: withCamera });
      setLocal(stream);
      const c = new VideoCall('worker', stream, {
        onView: setView,
        onRemoteStream: (s) => setRemote(new MediaStream(s.getTracks())),
      });
      call.current = c;
      c.connect({ appointmentId });
    } catch {
      setProblem('We could not use your camera or microphone. Check the browser’s permissions for this page.');
    }
  };
  useEffect(() => () => call.current?.close(), []);

  if (view?.state === 'ended') return <AfterCall referralId={referralId} appointmentId={appointmentId} />;
  if (view?.refused) {
    return (
      <div>
        <h1>You cannot join this call</h1>
        <p>
          {
            {
              not_allowed:
                'Only the worker the case is allocated to, a colleague covering it, or the team lead can join.',
              in_use: 'You joined this call from another tab or device.',
              signed_out: 'You were signed out. Sign in again, then open the call from the case record.',
              unavailable: 'This video appointment cannot be found or was cancelled.',
            }[view.refused]
          }
        </p>
      </div>
    );
  }
  if (view?.state === 'in_call' && local && call.current) {
    return (
      <CallScreen
        call={call.current}
        local={local}
        remote={remote}
        side="worker"
        peerAway={view.peerAway}
        reconnecting={view.reconnecting}
      />
    );
  }
  return (
    <div>
      <h1>Video appointment</h1>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      {!view ? (
        <>
          <p>Start your camera and microphone to see who is waiting.</p>
          <Button type="button" onClick={() => void start(true)}>
            Start camera and microphone
          </Button>{' '}
          <Button type="button" variant="secondary" onClick={() => void start(false)}>
            Audio only
          </Button>
        </>
      ) : view.personPresent && view.state === 'waiting' ? (
        <>
          <p role="status">The person is in the waiting room.</p>
          <Button type="button" onClick={() => call.current?.admit()}>
            Admit them
          </Button>
        </>
      ) : (
        <p role="status">Nobody is waiting yet. This page shows it as soon as the person opens their link.</p>
      )}
      {view?.reconnecting ? <p role="status">Your connection dropped. Reconnecting…</p> : null}
      {view?.error ? <p className="nhsuk-error-message">{view.error}</p> : null}
    </div>
  );
}
