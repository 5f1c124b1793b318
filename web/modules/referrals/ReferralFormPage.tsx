import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSignedInMe } from '../../app/session';
import { useFocusHeadingOnChange } from '../../app/use-focus-on-navigation';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useOrganisationTree } from '../admin/organisations/organisations-api';
import { AboutThePersonFields } from './AboutThePersonFields';
import { ContactFields } from './ContactFields';
import { OpenReferralStep } from './OpenReferralStep';
import { PersonFields } from './PersonFields';
import { PossibleMatchesStep } from './PossibleMatchesStep';
import { ReasonAndConsentFields } from './ReasonAndConsentFields';
import { practicesOfPcn, type ReferralField, ReferrerFields } from './ReferrerFields';
import {
  ANCHORS,
  LABELS,
  newIdempotencyKey,
  ORDER,
  readReferralForm,
  referralErrors,
  type Source,
} from './referral-form';
import {
  type NewReferral,
  type OpenReferral,
  openReferral,
  type PossibleMatch,
  PRACTICE_REFERRALS_KEY,
  possibleDuplicates,
  sendReferral,
  useReferralReasons,
} from './referrals-api';

/** What sending a referral led to: sent, or a question for the user before it is sent. */
type Outcome = { sent: { id: string } } | { matches: PossibleMatch[] } | { open: OpenReferral };

type Pending =
  | { referral: NewReferral; matches: PossibleMatch[]; open?: undefined }
  | { referral: NewReferral; open: OpenReferral; matches?: undefined };

/** The referral form: practice staff refer their patients; the PCN team records any referral. */
export function ReferralFormPage() {
  const me = useSignedInMe();
  const isPractice = me.organisation.kind === 'practice';
  const reasons = useReferralReasons();
  const tree = useOrganisationTree();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // One key for this form, kept across the possible-duplicates step and any retry: the server
  // answers a repeat with the first referral instead of making a second.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [source, setSource] = useState<Source | ''>(isPractice ? 'practice' : '');
  const [pending, setPending] = useState<Pending | null>(null);
  // The form's own checks of the last submit, shown beside the API's answer (they win per field).
  const local = useRef<Record<string, string>>({});

  const { submit, busy, errors } = useSubmit({
    mutationFn: async (referral: NewReferral): Promise<Outcome> => {
      try {
        return { sent: await sendReferral(referral, { idempotencyKey, csrfToken: me.csrfToken, queryClient }) };
      } catch (error) {
        // The duplicates and open-referral answers are questions for the user, not failures.
        const matches = possibleDuplicates(error);
        if (matches) return { matches };
        const open = openReferral(error);
        if (open) return { open };
        throw error;
      }
    },
    labels: LABELS,
    errorsFrom: (error) => referralErrors(error, local.current),
    onError: () => setPending(null),
    onSuccess: async (outcome, referral) => {
      if ('matches' in outcome) return setPending({ referral, matches: outcome.matches });
      if ('open' in outcome) return setPending({ referral, open: outcome.open });
      await queryClient.invalidateQueries({ queryKey: PRACTICE_REFERRALS_KEY });
      navigate(`/referrals/${outcome.sent.id}/sent`, {
        state: { personName: `${referral.person.givenName} ${referral.person.familyName}` },
      });
    },
  });

  usePageTitle(
    pending?.open ? 'Has this referral already been sent?' : pending ? 'Is this the same person?' : 'Refer someone',
    hasErrors(errors),
  );
  useFocusHeadingOnChange(pending?.open ? 'open-referral' : pending ? 'matches' : 'form');

  if (reasons.error) return <ServiceProblem error={reasons.error} />;
  const practices = practicesOfPcn(tree.data, me.pcn?.id);

  /** A step's answer: the same referral again, with what the user confirmed. */
  function resend(referral: NewReferral) {
    local.current = {};
    void submit(referral);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readReferralForm(new FormData(event.currentTarget), { source, isPractice });
    local.current = read.local;
    void submit(read.referral);
  }

  const field: ReferralField = (name) => ({ id: name, name, error: errors.fields[name] });

  return (
    <>
      {pending?.open && (
        <OpenReferralStep
          referral={pending.referral}
          open={pending.open}
          statusPath={isPractice ? `/practice/referrals/${pending.open.id}` : `/referrals/${pending.open.id}`}
          busy={busy}
          onBack={() => setPending(null)}
          onConfirm={() => resend({ ...pending.referral, confirmedSecondReferral: true })}
        />
      )}
      {pending?.matches && (
        <PossibleMatchesStep
          referral={pending.referral}
          matches={pending.matches}
          busy={busy}
          onBack={() => setPending(null)}
          onChoose={(choice) =>
            resend(
              choice === 'new'
                ? { ...pending.referral, confirmedNewPerson: true }
                : { ...pending.referral, personId: choice },
            )
          }
        />
      )}
      {/* Hidden, not unmounted, during the duplicates step: going back keeps every answer. */}
      <div className="nhsuk-grid-row" hidden={!!pending}>
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary
            errors={summaryOf(errors, ORDER, 'person.givenName', ANCHORS)}
            revision={pending ? null : errors}
          />
          <span className="nhsuk-caption-l">{isPractice ? me.organisation.name : me.pcn?.name}</span>
          <h1>Refer someone to social prescribing</h1>
          <p>
            The {me.pcn?.name ?? 'PCN'} social prescribing team will get this referral. They will contact the person to
            talk about what matters to them.
          </p>
          <p>
            Social prescribing is not an emergency service. If someone is at risk now, use your usual urgent routes.
          </p>
          {reasons.isPending || tree.isPending ? (
            <Loading what="the form" />
          ) : (
            <form onSubmit={onSubmit} noValidate>
              {!isPractice && (
                <ReferrerFields source={source} onSource={setSource} practices={practices} field={field} />
              )}
              <PersonFields
                source={source}
                practices={practices}
                askPractice={!isPractice && source !== 'practice'}
                field={field}
              />
              <ContactFields field={field} />
              <AboutThePersonFields errors={errors.fields} />
              <ReasonAndConsentFields reasons={reasons.data ?? []} field={field} />
              <Button aria-disabled={busy || undefined}>{busy ? 'Sending…' : 'Send referral'}</Button>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
