import { useSiteInfo } from './site-api';

/** The service's contact address as a mail link (configured per deployment: SUPPORT_EMAIL). */
export function SupportEmail() {
  const { data } = useSiteInfo();
  if (!data) return <>the service desk (the address is loading)</>;
  return <a href={`mailto:${data.supportEmail}`}>{data.supportEmail}</a>;
}
