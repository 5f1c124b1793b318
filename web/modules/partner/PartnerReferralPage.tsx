import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { LIVE_CONNECTED, useLiveEvents } from '../../app/live-events';
import { BackLink } from '../../ui/BackLink';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate, formatWhen } from '../referrals/referral-format';
import { ConflictMessage } from '../triage/ConflictMessage';
import { AcceptForm, type AnswerFormProps, DeclineForm } from './AnswerForms';
import { AttendanceForm, CloseForm } from './ProgressForms';
import { PARTNER_KEY, type PartnerReferralView, type SendAnswer, usePartnerReferral } from './partner-api';
import { STATUS_TAG_COLOURS, sharedRows } from './partner-words';
import './partner.css';

type Attendance = PartnerReferralView['attendance'][number];

const ATTENDANCE_COLUMNS: DataColumn<Attendance>[] = [
  { header: 'Date', cell: (a) => formatDate(a.on) },
  { header: 'Attendance', cell: (a) => (a.kind === 'attended' ? 'Attended' : 'Did not attend') },
  { header: 'Sessions', numeric: true, cell: (a) => (a.kind === 'attended' ? a.sessions : '') },
  { header: 'Recorded', cell: (a) => formatWhen(a.recordedAt) },
];

function WhatWasShared({ referral }: { referral: PartnerReferralView }) {
  if (referral.anonymised || !referral.sharedDetails)
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Access to this person’s details ended on {formatWhen(referral.accessEndsAt ?? referral.createdAt)}. Only the
          referral’s dates, attendance counts and outcome remain.
        </p>
      </div>
    );
  const rows = sharedRows(referral.sharedDetails);
  return (
    <>
      <h2>
        {referral.source === 'self'
          ? 'What they told you, referring themselves'
          : 'What the team shared, with the person’s consent'}
      </h2>
      {rows.length > 0 ? <SummaryList rows={rows} /> : <p>The team shared no personal details.</p>}
      {referral.note && (
        <>
          <h3>{referral.source === 'self' ? 'Sent again by the person' : 'Note from the team'}</h3>
          <p className="waymark-partner-note">{referral.note}</p>
        </>
      )}
    </>
  );
}

function ReferredBy({ referral }: { referral: PartnerReferralView }) {
  const { name, team, email } = referral.referredBy;
  const self = referral.source === 'self';
  return (
    <>
      <h2>Who referred</h2>
      <SummaryList
        rows={[
          { key: self ? 'How' : 'Team', value: team },
          ...(name ? [{ key: self ? 'Name' : 'Worker', value: name }] : []),
          ...(email || !self
            ? [{ key: 'Email', value: email ? <a href={`mailto:${email}`}>{email}</a> : 'Not available' }]
            : []),
          { key: 'Received', value: formatWhen(referral.createdAt) },
          ...(referral.replyDueOn && referral.status === 'sent'
            ? [{ key: 'Reply by', value: formatDate(referral.replyDueOn) }]
            : []),
        ]}
      />
    </>
  );
}

function Progress({ referral }: { referral: PartnerReferralView }) {
  return (
    <>
      {referral.acceptedAt && <p>Accepted on {formatWhen(referral.acceptedAt)}.</p>}
      {referral.declined && (
        <p>
          Declined on {formatWhen(referral.declined.at)}: {referral.declined.reasonLabel.toLowerCase()}
          {referral.declined.note ? `. ${referral.declined.note}` : ''}
        </p>
      )}
      {referral.closed && (
        <p>
          Closed on {formatWhen(referral.closed.at)}: {referral.closed.outcomeLabel.toLowerCase()}
          {referral.closed.note ? `. ${referral.closed.note}` : ''}
        </p>
      )}
      {referral.attendance.length > 0 && (
        <>
          <h2>Attendance</h2>
          <p>
            {referral.sessionsAttended} {referral.sessionsAttended === 1 ? 'session' : 'sessions'} attended.
          </p>
          <DataTable
            caption="Attendance recorded"
            captionHidden
            rowHeader={false}
            columns={ATTENDANCE_COLUMNS}
            rows={referral.attendance}
            rowKey={(a) => a.id}
          />
        </>
      )}
    </>
  );
}

/** The forms for the next step, by where the referral stands. */
function NextSteps(props: AnswerFormProps) {
  const { referral } = props;
  if (referral.status === 'sent')
    return (
      <>
        <AcceptForm {...props} />
        <DeclineForm {...props} />
      </>
    );
  if (referral.status === 'accepted')
    return (
      <>
        <AttendanceForm {...props} />
        <CloseForm {...props} />
        {referral.attendance.length === 0 && <DeclineForm {...props} />}
      </>
    );
  return null;
}

/** One referral as the organisation sees it: what was shared, who referred, and the next step. */
export function PartnerReferralPage() {
  const { id = '' } = useParams();
  const { data: referral, error, isPending } = usePartnerReferral(id);
  const queryClient = useQueryClient();
  usePageTitle(referral ? `Referral ${referral.reference}` : 'Referral');
  const reload = () => queryClient.invalidateQueries({ queryKey: PARTNER_KEY });
  useLiveEvents((event) => {
    if (event.type === 'onward.changed' || event.type === LIVE_CONNECTED) void reload();
  });
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the referral" />;
  return (
    <>
      <BackLink to="/partner/referrals">Referrals to your organisation</BackLink>
      <PartnerReferral referral={referral} reload={reload} />
    </>
  );
}

/**
 * The referral's sections and the forms of its next step, with what the last answer said (saved,
 * or someone answered first). Also the secure link's page, which sends the answers its own way.
 */
export function PartnerReferral({
  referral,
  reload,
  send,
}: {
  referral: PartnerReferralView;
  reload: () => Promise<unknown>;
  send?: SendAnswer;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const formProps: AnswerFormProps = {
    referral,
    send,
    // The referral is fetched again first, so the notice shows beside the next step's fresh form.
    onSaved: async (text) => {
      await reload();
      setConflict(null);
      setNotice(text);
    },
    onConflict: async (detail) => {
      await reload();
      setNotice(null);
      setConflict(detail);
    },
  };
  const name = referral.sharedDetails?.name;

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      {conflict && <ConflictMessage message={conflict} onReload={() => void reload().then(() => setConflict(null))} />}
      <h1>
        <span className="nhsuk-caption-l">
          {referral.service.name}, {referral.reference}
        </span>
        {name ? `Referral for ${name}` : `Referral ${referral.reference}`}
      </h1>
      <p>
        <Tag colour={STATUS_TAG_COLOURS[referral.status]}>{referral.statusLabel}</Tag>
        {referral.source === 'self' && (
          <>
            {' '}
            <Tag colour="purple">Self-referral</Tag>
          </>
        )}
      </p>
      <WhatWasShared referral={referral} />
      <ReferredBy referral={referral} />
      <Progress referral={referral} />
      <NextSteps key={referral.version} {...formProps} />
    </>
  );
}
