import { useEffect, useRef, useState } from 'react';
import { Button } from '../../ui/Button';

// The device check: camera and microphone permission, a preview, a speaker test, and the choice
// of audio only. It hands the stream it got to the page once the person is ready.

/** A short tone through the speakers: "can you hear this?" */
function playTone() {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  gain.gain.value = 0.1;
  tone.frequency.value = 440;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.8);
  tone.onended = () => void audio.close();
}

export function DeviceCheck({ onReady, readyText }: { onReady(stream: MediaStream): void; readyText: string | null }) {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [audioOnly, setAudioOnly] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useRef<HTMLVideoElement>(null);

  const ask = async (withCamera: boolean) => {
    setProblem(null);
    for (const track of stream?.getTracks() ?? []) track.stop();
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ audio: true, video: withCamera }));
    } catch {
      setStream(null);
      setProblem(
        'We could not use your camera or microphone. Check that you allowed them for this page in your browser settings, then try again.',
      );
    }
  };

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream;
  }, [stream]);

  return (
    <div>
      <h1>Check your camera and microphone</h1>
      <p>Your browser will ask if this page may use your camera and microphone. Choose allow.</p>
      {problem ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <p>{problem}</p>
        </div>
      ) : null}
      <div className="nhsuk-checkboxes__item">
        <input
          className="nhsuk-checkboxes__input"
          id="audio-only"
          type="checkbox"
          checked={audioOnly}
          onChange={(e) => {
            setAudioOnly(e.target.checked);
            if (stream) void ask(!e.target.checked);
          }}
        />
        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="audio-only">
          Audio only (no camera)
        </label>
      </div>
      {stream ? (
        <>
          {audioOnly ? (
            <p>Your camera is off. The other person will hear you but not see you.</p>
          ) : (
            <video
              ref={preview}
              className="waymark-video-preview"
              autoPlay
              muted
              playsInline
              aria-label="Your camera"
            />
          )}
          <p>
            <Button type="button" variant="secondary" onClick={playTone}>
              Play a test sound
            </Button>
          </p>
          {readyText ? (
            <Button type="button" onClick={() => onReady(stream)}>
              {readyText}
            </Button>
          ) : (
            <p>Your camera and microphone work. You are ready for your video appointment.</p>
          )}
        </>
      ) : (
        <Button type="button" onClick={() => void ask(!audioOnly)}>
          Allow camera and microphone
        </Button>
      )}
    </div>
  );
}
