import { useEffect, useState, useSyncExternalStore } from 'react';
import './public-app.css';

const OFFLINE = {
  heading: 'You are offline.',
  text: 'You can read the pages you visited before; anything new needs a connection.',
};
const SAVED_COPY = {
  heading: 'Waymark cannot be reached just now,',
  text: 'so you are reading a copy saved earlier. Anything new needs a connection.',
};

function subscribeToConnection(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Whether the service worker last answered a directory read from its saved copy (it says so
 * for every read it handles), which happens online too when the server cannot be reached.
 */
function useReadingSavedCopy(): boolean {
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const worker = navigator.serviceWorker;
    if (!worker) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; fromCache?: unknown } | null;
      if (data?.type === 'waymark:public-directory-read') setSaved(data.fromCache === true);
    };
    worker.addEventListener('message', onMessage);
    return () => worker.removeEventListener('message', onMessage);
  }, []);
  return saved;
}

/**
 * Says honestly when what the page shows may be old. The live region is always there (a live
 * region must exist before its words change to be read out); the words appear when offline.
 */
export function OfflineBanner() {
  const offline = useSyncExternalStore(
    subscribeToConnection,
    () => !navigator.onLine,
    () => false,
  );
  const savedCopy = useReadingSavedCopy();
  const message = offline ? OFFLINE : savedCopy ? SAVED_COPY : null;
  return (
    // A polite live region, not role="status": pages keep "status" for their own one message
    // (what a form just did), which screen readers and tests find by that role.
    <div aria-live="polite" aria-atomic="true" className="waymark-offline-status" id="offline-status">
      {message && (
        <div className="nhsuk-warning-callout waymark-offline-banner">
          <p>
            <span className="nhsuk-u-visually-hidden">Important: </span>
            <strong>{message.heading}</strong> {message.text}
          </p>
        </div>
      )}
    </div>
  );
}
