import { LOCATION_TYPES } from '../../../common/directory';
import { CheckboxField, SelectField } from '../../ui/FormFields';
import { fieldBinder } from '../../ui/field-binder';
import type { SectionProps } from './ListingSections';
import { emptyLocation } from './listing-draft';
import { AddButton, ListingGroup, patchAt, TextField } from './listing-fields';

const LOCATION_TYPE_LABELS = { physical: 'A building people visit', postal: 'A postal address', virtual: 'Online' };

export function PlacesSection({
  draft,
  set,
  paths,
  canLiftConfidentiality,
}: SectionProps & { canLiftConfidentiality: boolean }) {
  return (
    <>
      <h2>Places</h2>
      {draft.locations.length === 0 && <p>No places yet. Online or area-wide services need none.</p>}
      {draft.locations.map((l, i) => {
        const place = `Place ${i + 1}`;
        const bind = fieldBinder(
          l,
          (patch) => set({ locations: patchAt(draft.locations, i, patch) }),
          paths,
          `locations.${i}.`,
        );
        const confidential = bind.check('confidential');
        return (
          <ListingGroup
            key={l.key}
            name={place}
            onRemove={() =>
              set({
                locations: draft.locations.filter((_, j) => j !== i),
                // Opening times at a removed place no longer point at it.
                schedules: draft.schedules.map((s) =>
                  s.location_id && s.location_id === l.original?.id ? { ...s, location_id: '' } : s,
                ),
              })
            }
          >
            <SelectField
              label={`${place} type`}
              options={LOCATION_TYPES.map((t) => ({ value: t, text: LOCATION_TYPE_LABELS[t] }))}
              {...bind('location_type')}
            />
            <TextField label={`${place} name`} hint="For example: Quayside Community Centre." {...bind('name')} />
            {l.location_type !== 'virtual' && (
              <>
                <TextField label={`${place} address line 1`} {...bind('address_1', 'address.address_1')} />
                <TextField label={`${place} address line 2 (optional)`} {...bind('address_2', 'address.address_2')} />
                <TextField label={`${place} town or city`} width={20} {...bind('city', 'address.city')} />
                <TextField label={`${place} postcode`} width={10} {...bind('postal_code', 'address.postal_code')} />
                {l.original?.confidential ? (
                  <ConfidentialPlace
                    id={confidential.id}
                    place={place}
                    canLift={canLiftConfidentiality}
                    madePublic={!l.confidential}
                    error={confidential.error}
                    onChange={(madePublic) => confidential.onChange(!madePublic)}
                  />
                ) : (
                  <CheckboxField
                    label="Keep this address confidential"
                    hint="For example a refuge: the public and the Open Referral API will not see the address; staff will."
                    {...confidential}
                  />
                )}
              </>
            )}
          </ListingGroup>
        );
      })}
      <AddButton onClick={() => set({ locations: [...draft.locations, emptyLocation()] })}>Add a place</AddButton>
    </>
  );
}

/**
 * A stored confidential place (such as a refuge). Making its address public is a decision with
 * consequences for people's safety: a reviewer takes it explicitly, with a warning, and it is
 * recorded; a partner is told who can.
 */
function ConfidentialPlace({
  id,
  place,
  canLift,
  madePublic,
  error,
  onChange,
}: {
  id: string;
  place: string;
  canLift: boolean;
  madePublic: boolean;
  error?: string;
  onChange: (madePublic: boolean) => void;
}) {
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        {place}: confidential address
      </h3>
      <p>
        The public and the Open Referral API do not see this address. It may be where people are kept safe, such as a
        refuge.
      </p>
      {canLift ? (
        <CheckboxField
          id={id}
          label="Make this address public"
          hint="Only if the service has told you the address no longer needs to be kept secret. Anyone will be able to find it in the directory and in the Open Referral API, and other systems may copy it. Your name is recorded."
          error={error}
          checked={madePublic}
          onChange={onChange}
        />
      ) : (
        <p>Only the social prescribing team can make it public. Contact them if it no longer needs to be secret.</p>
      )}
    </div>
  );
}
