import { useEffect, useRef, useState } from 'react';
import { Button } from '../../ui/Button';
import type { VideoCall } from './call-client';

// The call: the other side large, yourself small, and the controls. Screen sharing and ending
// are the worker's; the person leaves by closing the page (the worker ends the call).

export function CallScreen({
  call,
  local,
  remote,
  side,
  peerAway,
}: {
  call: VideoCall;
  local: MediaStream;
  remote: MediaStream | null;
  side: 'person' | 'worker';
  peerAway: boolean;
}) {
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(local.getVideoTracks().length === 0);
  const them = useRef<HTMLVideoElement>(null);
  const me = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (them.current) them.current.srcObject = remote;
  }, [remote]);
  useEffect(() => {
    if (me.current) me.current.srcObject = local;
  }, [local]);
  const hasCamera = local.getVideoTracks().length > 0;

  return (
    <div className="waymark-call">
      <h1 className="nhsuk-heading-m">Video call</h1>
      {peerAway ? (
        <p role="status" className="nhsuk-inset-text">
          {side === 'worker' ? 'The person' : 'Your social prescriber'} lost their connection. Please wait: they can
          come back into this call.
        </p>
      ) : null}
      <div className="waymark-call__videos">
        {/* biome-ignore lint/a11y/useMediaCaption: a live call; captions are not available */}
        <video ref={them} className="waymark-call__remote" autoPlay playsInline data-testid="remote-video" />
        {hasCamera ? (
          <video ref={me} className="waymark-call__local" autoPlay muted playsInline aria-label="Your camera" />
        ) : null}
      </div>
      <div className="waymark-call__controls">
        <Button
          type="button"
          variant="secondary"
          aria-pressed={muted}
          onClick={() => {
            call.setMuted(!muted);
            setMuted(!muted);
          }}
        >
          {muted ? 'Unmute' : 'Mute'}
        </Button>
        {hasCamera ? (
          <Button
            type="button"
            variant="secondary"
            aria-pressed={cameraOff}
            onClick={() => {
              call.setCameraOff(!cameraOff);
              setCameraOff(!cameraOff);
            }}
          >
            {cameraOff ? 'Turn camera on' : 'Turn camera off'}
          </Button>
        ) : null}
        {side === 'worker' ? (
          <>
            <Button type="button" variant="secondary" onClick={() => void call.shareScreen().catch(() => {})}>
              Share screen
            </Button>
            <Button type="button" variant="warning" onClick={() => call.end()}>
              End call
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
