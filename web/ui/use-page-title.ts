import { useEffect } from 'react';

export const SERVICE_NAME = 'Waymark';

/** Every page has a unique title; "Error: " in front when the page shows an error summary. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – ${SERVICE_NAME} – NHS`;
  }, [title, hasErrors]);
}
