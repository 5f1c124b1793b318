import { DataTable } from '../../ui/DataTable';
import { usePageTitle } from '../../ui/use-page-title';
import { useSiteInfo } from './site-api';

export function CookiesPage() {
  usePageTitle('Cookies');
  const { data } = useSiteInfo();
  if (!data) return <p>Loading…</p>;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Cookies on Waymark</h1>
        <p>
          Waymark puts one small file (a cookie) on your device, and only when you sign in. It is strictly necessary: it
          keeps you signed in as you move from page to page. We do not use cookies to measure how the website is used,
          to advertise, or to track you, so we do not ask for your consent.
        </p>
        <p>Searching the directory of services without signing in sets no cookie at all.</p>
        <DataTable
          caption="The cookie Waymark uses"
          rowHeader={false}
          columns={[
            { header: 'Name', cell: (cookie) => <span className="waymark-break">{cookie}</span> },
            {
              header: 'Purpose',
              cell: () => 'Keeps you signed in. It holds a random code, never your name or anything about you.',
            },
            {
              header: 'Expires',
              cell: () => (
                <>
                  When you sign out, after {data.sessionIdleMinutes} minutes without using Waymark, or{' '}
                  {data.sessionAbsoluteHours} hours after you signed in
                </>
              ),
            },
          ]}
          rows={[data.sessionCookie]}
          rowKey={(cookie) => cookie}
        />
      </div>
    </div>
  );
}
