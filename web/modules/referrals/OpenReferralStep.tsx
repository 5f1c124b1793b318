import { Link } from 'react-router';
import { type ReferralStatus, STATUS_LABELS } from '../../../common/referrals';
import { Button } from '../../ui/Button';
import { formatWhen } from './referral-format';
import type { NewReferral, OpenReferral } from './referrals-api';

/**
 * The person already has an open referral to the team, sent in the last day: most often the same
 * referral sent twice. Nothing was stored; the user goes back, or sends this one as a second
 * referral on purpose.
 */
export function OpenReferralStep({
  referral,
  open,
  statusPath,
  busy,
  onBack,
  onConfirm,
}: {
  referral: NewReferral;
  open: OpenReferral;
  /** Where the user reads the open referral (the practice's status page, or the team's page). */
  statusPath: string;
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const name = `${referral.person.givenName} ${referral.person.familyName}`;
  const status = STATUS_LABELS[open.status as ReferralStatus] ?? open.status;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <button type="button" className="nhsuk-back-link" onClick={onBack}>
          Back to the referral
        </button>
        <h1>Has this referral already been sent?</h1>
        <p>
          {name} already has an open referral to the team, <strong>{open.reference}</strong>, sent{' '}
          {formatWhen(open.receivedAt)}. Its status is: {status.toLowerCase()}.
        </p>
        <p>
          If it is the same referral sent twice, you do not need to do anything: the team has it.{' '}
          <Link to={statusPath}>See referral {open.reference}</Link>
        </p>
        <div className="nhsuk-inset-text">
          <p>Send this one too only if it is a new referral, for example for a different reason.</p>
        </div>
        <Button type="button" variant="secondary" aria-disabled={busy || undefined} onClick={onConfirm}>
          {busy ? 'Sending…' : 'Send as a second referral'}
        </Button>
      </div>
    </div>
  );
}
