import { Link, useParams } from 'react-router';
import { formatNhsNumber } from '../../../common/nhs-number';
import type { ReferralStatus } from '../../../common/referrals';
import { referralReference } from '../../../common/referrals';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { GpMessageDetails } from './GpMessageDetails';
import { closureReasonText, formatDate, formatWhen, STATUS_MEANING, statusColour } from './referral-format';
import { useGpMessage, useReferralStatus } from './referrals-api';

/** One referral as the practice that made it sees it: what was asked, and where it stands. */
export function ReferralStatusPage() {
  const { referralId = '' } = useParams();
  const { data: r, error, isPending } = useReferralStatus(referralId);
  // The message back to the GP exists once the team has discharged the person.
  const gpMessage = useGpMessage(
    referralId,
    // A message back is written at discharge, and when the person declined or could not be contacted.
    r?.status === 'discharged' || r?.status === 'declined' || r?.status === 'not_contactable',
  );
  // Someone else's referral, or none: the same answer either way.
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(
    notFound ? 'Page not found' : r ? `Referral for ${r.person.givenName} ${r.person.familyName}` : 'Referral',
  );
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the referral" />;

  // A discharge reason is told in the message back below, not as a triage closure.
  const closure = r.status === 'discharged' ? null : closureReasonText(r.closureReason);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/practice/referrals">Your practice’s referrals</BackLink>
        <span className="nhsuk-caption-l">Reference {referralReference(r.id)}</span>
        <h1>
          Referral for {r.person.givenName} {r.person.familyName}
        </h1>
        <p>
          <Tag colour={statusColour(r.status)}>{r.statusLabel}</Tag>
        </p>
        <p>{STATUS_MEANING[r.status as ReferralStatus] ?? ''}</p>
        <SummaryList
          rows={[
            { key: 'Name', value: `${r.person.givenName} ${r.person.familyName}` },
            {
              key: 'NHS number',
              value: r.person.nhsNumber ? formatNhsNumber(r.person.nhsNumber) : 'Not given',
            },
            { key: 'Date of birth', value: formatDate(r.person.dateOfBirth) },
            { key: 'Postcode', value: r.person.postcode ?? 'Not given' },
            {
              key: 'Reasons',
              value: (
                <ul className="nhsuk-list">
                  {r.reasons.map((reason) => (
                    <li key={reason.code}>{reason.label}</li>
                  ))}
                </ul>
              ),
            },
            { key: 'Referred by', value: r.referrerName ?? 'Not recorded' },
            { key: 'Received', value: formatWhen(r.receivedAt) },
            { key: 'Status', value: r.statusLabel },
            ...(r.decidedAt ? [{ key: 'Last decision', value: formatWhen(r.decidedAt) }] : []),
            ...(closure ? [{ key: 'Reason', value: closure }] : []),
          ]}
        />
        {gpMessage.data && <GpMessageDetails message={gpMessage.data} />}
        <p>The team’s notes stay with the team. If you need to know more, contact the PCN’s social prescribing team.</p>
        <p>
          <Link to="/practice/referrals">Back to your practice’s referrals</Link>
        </p>
      </div>
    </div>
  );
}
