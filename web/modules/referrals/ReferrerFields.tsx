import { Select, TextInput } from 'nhsuk-react-components';
import type { OrganisationTree, PracticeNode } from '../../../common/api-types';
import { ChoiceGroup } from './ChoiceFields';
import { LABELS, type Source } from './referral-form';

/** The error shown beside a field, by its id (the API's name for it). */
export type FieldErrorOf = (id: string) => string | undefined;

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
  fieldError,
}: {
  source: Source | '';
  onSource: (source: Source) => void;
  practices: PracticeNode[];
  fieldError: FieldErrorOf;
}) {
  return (
    <ChoiceGroup
      name="source"
      legend="Who is making the referral?"
      legendSize="m"
      error={fieldError('source')}
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
  );
}
