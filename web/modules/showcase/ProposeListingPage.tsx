import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { EMPTY_LISTING } from '../../../common/directory';
import type { ListingProposalSummary, OurProposals } from '../../../common/showcase';
import { ApiError } from '../../app/api';
import { useSubmit } from '../../app/use-submit';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField } from '../../ui/FormFields';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { ListingForm } from '../directory-maintenance/ListingForm';
import { formatWhen } from '../directory-maintenance/maintenance-format';
import { OUR_PROPOSALS_KEY, proposeListing, useOurProposals } from './showcase-api';

const STATUS = {
  pending: <Tag colour="blue">Waiting for review</Tag>,
  approved: <Tag colour="green">Published</Tag>,
  rejected: <Tag colour="red">Not accepted</Tag>,
  withdrawn: <Tag colour="grey">Withdrawn</Tag>,
} as const;

const COLUMNS: DataColumn<ListingProposalSummary>[] = [
  { header: 'New listing', cell: (p) => <span className="waymark-break">{p.name}</span> },
  { header: 'Organisation', cell: (p) => p.organization_name },
  { header: 'Sent', cell: (p) => formatWhen(p.submitted_at) },
  {
    header: 'Decision',
    cell: (p) => (
      <>
        {STATUS[p.status]}
        {p.rejection_reason && <p className="nhsuk-body-s waymark-listing-text">Reason: {p.rejection_reason}</p>}
        {p.created_service_id && (
          <p className="nhsuk-body-s">
            <Link to={`/directory/services/${p.created_service_id}`}>
              See it in the directory<span className="nhsuk-u-visually-hidden">: {p.name}</span>
            </Link>
          </p>
        )}
      </>
    ),
  },
];

/** A partner proposes a brand-new listing for its organisation, and sees what became of earlier ones. */
export function ProposeListingPage() {
  usePageTitle('Propose a new listing');
  const { data, error, isPending } = useOurProposals();
  if (error) return <ServiceProblem error={error} />;
  return (
    <>
      <h1>Propose a new listing</h1>
      {isPending ? <Loading what="your proposals" /> : <Propose data={data} />}
    </>
  );
}

function Propose({ data }: { data: OurProposals }) {
  const queryClient = useQueryClient();
  const [organizationId, setOrganizationId] = useState(data.organizations[0]?.id ?? '');
  const [sent, setSent] = useState(0);
  const write = useSubmit({
    mutationFn: proposeListing,
    labels: {},
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: OUR_PROPOSALS_KEY });
      setSent((n) => n + 1);
      window.scrollTo(0, 0);
    },
  });
  const other = write.failure && !(write.failure instanceof ApiError && write.failure.status === 400);

  if (data.organizations.length === 0) {
    return <p>Your organisation is not in the directory yet. Contact your social prescribing team to add it.</p>;
  }
  return (
    <>
      {sent > 0 && (
        <NotificationBanner variant="success" heading="Your new listing has been sent for review">
          <p>The social prescribing team will check it before it appears in the directory.</p>
        </NotificationBanner>
      )}
      {other ? (
        <ErrorSummary
          errors={[
            {
              message:
                write.failure instanceof ApiError ? write.failure.problem.detail : 'Sorry, something went wrong.',
            },
          ]}
          revision={write.failure}
        />
      ) : null}
      {data.proposals.length > 0 && (
        <>
          <h2>Your proposals</h2>
          <DataTable
            caption="Your proposed new listings"
            captionHidden
            columns={COLUMNS}
            rows={data.proposals}
            rowKey={(p) => p.id}
          />
        </>
      )}
      <p>Describe the new service as it should appear in the directory.</p>
      {data.organizations.length > 1 && (
        <SelectField
          id="listing-organization_id"
          label="Organisation that runs it"
          value={organizationId}
          options={data.organizations.map((o) => ({ value: o.id, text: o.name }))}
          onChange={setOrganizationId}
        />
      )}
      <ListingForm
        key={`${organizationId}-${sent}`}
        initial={{ ...EMPTY_LISTING, organization_id: organizationId }}
        categoryOptions={data.category_options}
        submitLabel="Send new listing for review"
        errorPrefix="proposed"
        error={write.failure}
        busy={write.busy}
        onSubmit={(input) => void write.submit(input)}
      >
        <p>The social prescribing team will check your listing before it appears in the directory.</p>
      </ListingForm>
      <p>
        <Link to="/directory/our-listings">Your listings</Link>
      </p>
    </>
  );
}
