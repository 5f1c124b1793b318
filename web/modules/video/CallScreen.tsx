import { useEffect, useRef, useState } from 'react';
import { Button } from '../../ui/Button';
import type { VideoCall } from './call-client';

// The call: the other side large, yourself small, and the controls. Either side may mute, turn
// the camera off, or switch to audio only (the camera stops for the rest of the call: for a weak
// connection). Screen sharing and ending are the worker's; the person leaves by closing the page.

export function CallScreen({
  call,
  local,
  remote,
  side,
  peerAway,
  reconnecting,
}: {
  call: VideoCall;
  local: MediaStream;
  remote: MediaStream | null;
  side: 'person' | 'worker';
  peerAway: boolean;
  reconnecting: boolean;
}) {
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [audioOnly, setAudioOnly] = useState(local.getVideoTracks().length === 0);
  const [stopSharing, setStopSharing] = useState<(() => void) | null>(null);
  const them = useRef<HTMLVideoElement>(null);
  const me = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (them.current) them.current.srcObject = remote;
  }, [remote]);
  useEffect(() => {
    if (me.current) me.current.srcObject = local;
  }, [local]);

  const share = async () => {
    try {
      const stop = await call.shareScreen(() => setStopSharing(null));
      if (stop) setStopSharing(() => stop);
    } catch {
      // The worker chose nothing to share, or the browser refused: the camera carries on.
    }
  };

  return (
    <div className="waymark-call">
      <h1 className="nhsuk-heading-m">Video call</h1>
      {reconnecting ? (
        <p role="status" className="nhsuk-inset-text">
          Your connection dropped. Reconnecting… Keep this page open.
        </p>
      ) : peerAway ? (
        <p role="status" className="nhsuk-inset-text">
          {side === 'worker' ? 'The person' : 'Your social prescriber'} lost their connection. Please wait: they can
          come back into this call.
        </p>
      ) : null}
      <div className="waymark-call__videos">
        {/* biome-ignore lint/a11y/useMediaCaption: a live call; captions are not available */}
        <video ref={them} className="waymark-call__remote" autoPlay playsInline data-testid="remote-video" />
        {audioOnly ? null : (
          <video ref={me} className="waymark-call__local" autoPlay muted playsInline aria-label="Your camera" />
        )}
      </div>
      {audioOnly ? <p data-testid="audio-only">Audio only: your camera is off for the rest of this call.</p> : null}
      {stopSharing ? <p role="status">You are sharing your screen.</p> : null}
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
        {audioOnly ? null : (
          <>
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
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                stopSharing?.();
                void call.switchToAudioOnly().then(() => setAudioOnly(true));
              }}
            >
              Switch to audio only
            </Button>
          </>
        )}
        {side === 'worker' ? (
          <>
            {stopSharing ? (
              <Button type="button" variant="secondary" onClick={() => stopSharing()}>
                Stop sharing
              </Button>
            ) : (
              <Button type="button" variant="secondary" onClick={() => void share()}>
                Share screen
              </Button>
            )}
            <Button type="button" variant="warning" onClick={() => call.end()}>
              End call
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
