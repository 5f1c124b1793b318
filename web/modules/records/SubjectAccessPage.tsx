import { useParams } from 'react-router';
import type { SubjectAccessExport } from '../../../common/records';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/format';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useSubjectAccessExport } from './records-api';
import './records.css';

/** "given_name" reads "Given name". */
function label(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'Not recorded';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT/.test(v) ? formatDateTime(v) : v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ') || 'None';
  return JSON.stringify(v, null, 2);
}

function Row({ row }: { row: Record<string, unknown> }) {
  return (
    <dl className="nhsuk-summary-list waymark-sar-row">
      {Object.entries(row).map(([k, v]) => (
        <div className="nhsuk-summary-list__row nhsuk-summary-list__row--no-actions" key={k}>
          <dt className="nhsuk-summary-list__key">{label(k)}</dt>
          <dd className="nhsuk-summary-list__value waymark-sar-value">{value(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function download(data: SubjectAccessExport) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `subject-access-${String(data.person.id ?? 'person').slice(0, 8)}-${data.generatedAt.slice(0, 10)}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * A subject access export (issue 19): everything the team holds about the person, readable and
 * printable, with the same data as JSON to download. Opening it is audited (who, whom, when).
 */
export function SubjectAccessPage() {
  const { referralId = '' } = useParams();
  const { data, error, isPending } = useSubjectAccessExport(referralId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : 'Subject access export');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the subject access export" />;
  const p = data.person;
  return (
    <div className="nhsuk-grid-row waymark-sar">
      <div className="nhsuk-grid-column-full">
        <BackLink to={`/referrals/${referralId}/case`}>The case record</BackLink>
        <span className="nhsuk-caption-l">Subject access export</span>
        <h1>
          Information held about {String(p.given_name ?? '')} {String(p.family_name ?? '')}
        </h1>
        <p>
          {data.heldBy}. Produced {formatDateTime(data.generatedAt)} by {data.generatedBy}.
        </p>
        <div className="nhsuk-inset-text">
          <p>{data.note}</p>
        </div>
        <div className="waymark-no-print">
          <Button type="button" onClick={() => window.print()}>
            Print or save as PDF
          </Button>{' '}
          <Button type="button" variant="secondary" onClick={() => download(data)}>
            Download as JSON
          </Button>
        </div>
        <h2>The person</h2>
        <Row row={p} />
        {data.sections.map((s) => (
          <section key={s.key} aria-labelledby={`sar-${s.key}`}>
            <h2 id={`sar-${s.key}`}>
              {s.title} ({s.rows.length})
            </h2>
            {s.rows.length === 0 ? (
              <p>None held.</p>
            ) : (
              s.rows.map((row, i) => (
                <div key={String(row.id ?? i)}>
                  <h3 className="nhsuk-heading-s">
                    {s.title} {i + 1} of {s.rows.length}
                  </h3>
                  <Row row={row} />
                </div>
              ))
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
