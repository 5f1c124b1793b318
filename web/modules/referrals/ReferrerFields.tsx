import { Select, TextInput } from 'nhsuk-react-components';
import type { OrganisationTree, PracticeNode } from '../../../common/api-types';
import { ChoiceGroup } from './ChoiceFields';
import { LABELS, type Source } from './referral-form';

/**
 * The form's fields are uncontrolled, each named as the API names it ("person.nhsNumber"): the
 * binder gives a field its id, its form name and the error beside it from that one name.
 */
export type ReferralField = (name: string) => { id: string; name: string; error?: string };

export function practicesOfPcn(tree: OrganisationTree | undefined, pcnId: string | undefined): PracticeNode[] {
  return tree?.icbs.flatMap((icb) => icb.pcns.filter((p) => p.id === pcnId).flatMap((p) => p.practices)) ?? [];
}

export function PracticeSelect({
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

/** Who is making the referral: asked of the PCN team only (a practice's referrals are its own). */
export function ReferrerFields({
  source,
  onSource,
  practices,
  field,
}: {
  source: Source | '';
  onSource: (source: Source) => void;
  practices: PracticeNode[];
  field: ReferralField;
}) {
  return (
    <ChoiceGroup
      name="source"
      legend="Who is making the referral?"
      legendSize="m"
      error={field('source').error}
      selected={source ? [source] : []}
      onChange={(value) => onSource(value as Source)}
      choices={[
        {
          value: 'practice',
          label: 'A GP practice in our PCN',
          reveal: (
            <PracticeSelect
              id="practiceId"
              label={LABELS.practiceId as string}
              practices={practices}
              error={field('practiceId').error}
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
              <TextInput {...field('referrer.name')} label="Their name" autoComplete="off" />
              <TextInput {...field('referrer.organisation')} label="Their organisation" autoComplete="off" />
              <TextInput
                {...field('referrer.contact')}
                label="Their phone number or email"
                hint="So the team can tell them what happens"
                autoComplete="off"
              />
            </>
          ),
        },
        { value: 'self', label: 'The person themself', hint: 'They asked the team directly' },
      ]}
    />
  );
}
