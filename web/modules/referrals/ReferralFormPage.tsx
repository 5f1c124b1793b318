import { useQueryClient } from '@tanstack/react-query';
import { Select, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { OrganisationTree, PracticeNode } from '../../../common/api-types';
import { NHS_NUMBER_EXAMPLE, POSTCODE_EXAMPLE } from '../../../common/referrals';
import { useSignedInMe } from '../../app/session';
import { useFocusHeadingOnChange } from '../../app/use-focus-on-navigation';
import { Button } from '../../ui/Button';
import { DateInput } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { type FormErrors, hasErrors, NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useOrganisationTree } from '../admin/organisations/organisations-api';
import { CharacterCount } from './CharacterCount';
import { ChoiceGroup, SingleCheckbox } from './ChoiceFields';
import { OpenReferralStep } from './OpenReferralStep';
import { PossibleMatchesStep } from './PossibleMatchesStep';
import {
  ANCHORS,
  DETAILS_MAX_LENGTH,
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

function practicesOfPcn(tree: OrganisationTree | undefined, pcnId: string | undefined): PracticeNode[] {
  return tree?.icbs.flatMap((icb) => icb.pcns.filter((p) => p.id === pcnId).flatMap((p) => p.practices)) ?? [];
}

function PracticeSelect({
  id,
  label,
  hint,
  practices,
  error,
  emptyText,
}: {
  id: string;
  label: string;
  hint?: string;
  practices: PracticeNode[];
  error?: string;
  emptyText: string;
}) {
  return (
    <Select id={id} name={id} label={label} hint={hint} defaultValue="" error={error}>
      <Select.Option value="">{emptyText}</Select.Option>
      {practices.map((p) => (
        <Select.Option key={p.id} value={p.id}>
          {p.name} ({p.code})
        </Select.Option>
      ))}
    </Select>
  );
}

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
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [pending, setPending] = useState<
    | { referral: NewReferral; matches: PossibleMatch[]; open?: undefined }
    | { referral: NewReferral; open: OpenReferral; matches?: undefined }
    | null
  >(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(
    pending?.open ? 'Has this referral already been sent?' : pending ? 'Is this the same person?' : 'Refer someone',
    hasErrors(errors),
  );
  useFocusHeadingOnChange(pending?.open ? 'open-referral' : pending ? 'matches' : 'form');

  if (reasons.error) return <ServiceProblem error={reasons.error} />;
  const practices = practicesOfPcn(tree.data, me.pcn?.id);

  async function send(referral: NewReferral, local: Record<string, string> = {}) {
    if (busy) return;
    setBusy(true);
    try {
      const created = await sendReferral(referral, { idempotencyKey, csrfToken: me.csrfToken, queryClient });
      await queryClient.invalidateQueries({ queryKey: PRACTICE_REFERRALS_KEY });
      navigate(`/referrals/${created.id}/sent`, {
        state: { personName: `${referral.person.givenName} ${referral.person.familyName}` },
      });
    } catch (error) {
      const matches = possibleDuplicates(error);
      if (matches) {
        setErrors(NO_ERRORS);
        setPending({ referral, matches });
        return;
      }
      const open = openReferral(error);
      if (open) {
        setErrors(NO_ERRORS);
        setPending({ referral, open });
        return;
      }
      setPending(null);
      setErrors(referralErrors(error, local));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { referral, local } = readReferralForm(new FormData(event.currentTarget), { source, isPractice });
    void send(referral, local);
  }

  const fieldError = (id: string) => errors.fields[id];
  const withoutPractice = !isPractice && source !== 'practice';

  return (
    <>
      {pending?.open && (
        <OpenReferralStep
          referral={pending.referral}
          open={pending.open}
          statusPath={isPractice ? `/practice/referrals/${pending.open.id}` : `/referrals/${pending.open.id}`}
          busy={busy}
          onBack={() => setPending(null)}
          onConfirm={() => void send({ ...pending.referral, confirmedSecondReferral: true })}
        />
      )}
      {pending?.matches && (
        <PossibleMatchesStep
          referral={pending.referral}
          matches={pending.matches}
          busy={busy}
          onBack={() => setPending(null)}
          onChoose={(choice) =>
            void send(
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
            <form onSubmit={submit} noValidate>
              {!isPractice && (
                <ChoiceGroup
                  name="source"
                  legend="Who is making the referral?"
                  legendSize="m"
                  error={fieldError('source')}
                  selected={source ? [source] : []}
                  onChange={(value) => setSource(value as Source)}
                  choices={[
                    {
                      value: 'practice',
                      label: 'A GP practice in our PCN',
                      reveal: (
                        <PracticeSelect
                          id="practiceId"
                          label={LABELS.practiceId as string}
                          practices={practices}
                          error={fieldError('practiceId')}
                          emptyText="Select a practice"
                        />
                      ),
                    },
                    {
                      value: 'professional',
                      label: 'Another professional',
                      hint: 'For example a housing officer, social worker or hospital discharge team',
                      reveal: (
                        <>
                          <TextInput
                            id="referrer.name"
                            name="referrer.name"
                            label="Their name"
                            autoComplete="off"
                            error={fieldError('referrer.name')}
                          />
                          <TextInput
                            id="referrer.organisation"
                            name="referrer.organisation"
                            label="Their organisation"
                            autoComplete="off"
                            error={fieldError('referrer.organisation')}
                          />
                          <TextInput
                            id="referrer.contact"
                            name="referrer.contact"
                            label="Their phone number or email"
                            hint="So the team can tell them what happens"
                            autoComplete="off"
                            error={fieldError('referrer.contact')}
                          />
                        </>
                      ),
                    },
                    { value: 'self', label: 'The person themself', hint: 'They asked the team directly' },
                  ]}
                />
              )}

              <h2>About the person</h2>
              <TextInput
                id="person.nhsNumber"
                name="person.nhsNumber"
                label="NHS number"
                hint={
                  source === 'self'
                    ? `Optional for a self-referral. 10 digits, like ${NHS_NUMBER_EXAMPLE}`
                    : `This is a 10 digit number, like ${NHS_NUMBER_EXAMPLE}`
                }
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                width={10}
                error={fieldError('person.nhsNumber')}
              />
              <SingleCheckbox
                id="person.noNhsNumber"
                label="They do not have an NHS number, or it is not known"
                hint="Waymark will then check whether it already knows this person by their name and date of birth"
                error={fieldError('person.noNhsNumber')}
              />
              <TextInput
                id="person.givenName"
                name="person.givenName"
                label="First name"
                autoComplete="off"
                spellCheck={false}
                error={fieldError('person.givenName')}
              />
              <TextInput
                id="person.familyName"
                name="person.familyName"
                label="Last name"
                autoComplete="off"
                spellCheck={false}
                error={fieldError('person.familyName')}
              />
              <DateInput
                id="person.dateOfBirth"
                legend="Date of birth"
                hint="For example, 15 3 1984"
                error={fieldError('person.dateOfBirth')}
              />
              <TextInput
                id="person.postcode"
                name="person.postcode"
                label="Postcode"
                hint={`For example, ${POSTCODE_EXAMPLE}. Leave empty if they have no fixed address`}
                autoComplete="off"
                spellCheck={false}
                width={10}
                className="waymark-uppercase"
                error={fieldError('person.postcode')}
              />
              {withoutPractice && (
                <PracticeSelect
                  id="person.registeredPracticeId"
                  label="Registered GP practice (optional)"
                  hint="If they are registered with a practice in this PCN"
                  practices={practices}
                  error={fieldError('person.registeredPracticeId')}
                  emptyText="Not known, or not in this PCN"
                />
              )}

              <h2>Contact and communication</h2>
              <TextInput
                id="person.phone"
                name="person.phone"
                type="tel"
                label="Phone number"
                hint="A UK number, like 01632 960 001 or 07700 900 982"
                autoComplete="off"
                width={20}
                error={fieldError('person.phone')}
              />
              <TextInput
                id="person.email"
                name="person.email"
                type="email"
                label="Email address (optional)"
                autoComplete="off"
                spellCheck={false}
                error={fieldError('person.email')}
              />
              <ChoiceGroup
                name="person.preferredContact"
                legend="How would they like to be contacted?"
                error={fieldError('person.preferredContact')}
                choices={[
                  { value: 'phone', label: 'Phone call' },
                  { value: 'text', label: 'Text message', hint: 'To a mobile number' },
                  { value: 'email', label: 'Email' },
                  { value: 'letter', label: 'Letter' },
                ]}
              />
              <TextInput
                id="person.language"
                name="person.language"
                label="Preferred language"
                defaultValue="English"
                autoComplete="off"
                width={20}
                error={fieldError('person.language')}
              />
              <SingleCheckbox
                id="person.interpreterNeeded"
                label="They need an interpreter"
                error={fieldError('person.interpreterNeeded')}
              />
              <TextInput
                id="person.accessibilityNeeds"
                name="person.accessibilityNeeds"
                label="Accessibility or communication needs (optional)"
                hint="For example large print, British Sign Language, step-free access, or a carer present"
                autoComplete="off"
                error={fieldError('person.accessibilityNeeds')}
              />

              <h2>The referral</h2>
              <ChoiceGroup
                name="reasons"
                multiple
                legend="Why are you referring them?"
                hint="Select all that apply"
                error={fieldError('reasons')}
                choices={(reasons.data ?? []).map((r) => ({ value: r.code, label: r.label }))}
              />
              <CharacterCount
                id="details"
                label="Details (optional)"
                hint="What matters to the person, and anything the team should know before contacting them. The person may ask to see what you write."
                maxLength={DETAILS_MAX_LENGTH}
                error={fieldError('details')}
              />
              <ChoiceGroup
                name="urgencyRequested"
                legend="How soon should the team contact them?"
                hint="The team lead decides the priority; this is what you ask for"
                error={fieldError('urgencyRequested')}
                choices={[
                  { value: 'routine', label: 'Routine' },
                  { value: 'soon', label: 'Soon', hint: 'Things are getting worse for them' },
                  {
                    value: 'urgent',
                    label: 'Urgent',
                    hint: 'They need contact within days. Not for emergencies or crisis.',
                  },
                ]}
              />
              <SingleCheckbox
                id="safeguardingConcern"
                label="There is a safeguarding concern"
                hint="Say what it is in the details. This does not replace your safeguarding procedures."
                error={fieldError('safeguardingConcern')}
              />

              <h2>Consent</h2>
              <SingleCheckbox
                id="consentToReferral"
                label="The person agrees to be referred to the social prescribing team"
                error={fieldError('consentToReferral')}
              />
              <ChoiceGroup
                name="consentToShare"
                legend="Do they agree to the team sharing their details with the community services it refers them to?"
                hint="Only what a service needs to help them. They can change their mind."
                inline
                error={fieldError('consentToShare')}
                choices={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
              />
              <Button aria-disabled={busy || undefined}>{busy ? 'Sending…' : 'Send referral'}</Button>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
