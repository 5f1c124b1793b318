import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './app/waymark.css';
import { onlineManager } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The public app's service worker (web/modules/public-app/service-worker/sw.ts): production
// builds only, since a worker serving a saved app shell would hide the dev server's live edits.
// After the page has loaded, so its downloads do not compete with the first page's own.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // TanStack Query holds every request back while the browser says it is offline, so a directory
  // page opened offline would say "Loading" for ever although the worker has its saved copy. With
  // the worker, let requests go: the worker answers the ones it may, the rest fail (and the page
  // says so, under the offline banner). Coming back online still refetches.
  onlineManager.setEventListener((setOnline) => {
    const reconnected = () => {
      setOnline(false);
      setOnline(true);
    };
    window.addEventListener('online', reconnected);
    return () => window.removeEventListener('online', reconnected);
  });
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      // Without the worker everything still works online; only offline reading is lost.
      console.warn('The offline service worker could not be registered', error);
    });
  });
}
