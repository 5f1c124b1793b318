import type { ComponentProps, ReactNode } from 'react';
import { Button } from '../../ui/Button';
import { TextField as UiTextField } from '../../ui/FormFields';

// A listing's fields are names, addresses and codes: no browser autofill, no spell-check underlines.
export const TextField = (props: ComponentProps<typeof UiTextField>) => (
  <UiTextField autoComplete="off" spellCheck={false} {...props} />
);

/** One of a repeated part of a listing (a phone, a place, an opening time), with its remove button. */
export function ListingGroup({
  name,
  onRemove,
  children,
}: {
  name: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="nhsuk-fieldset waymark-listing-group">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{name}</legend>
      {children}
      <Button type="button" variant="secondary" small onClick={onRemove}>
        Remove {name.charAt(0).toLowerCase() + name.slice(1)}
      </Button>
    </fieldset>
  );
}

export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="button" variant="secondary" small onClick={onClick}>
      {children}
    </Button>
  );
}

/** Replaces item `i` of a list with its patched copy. */
export const patchAt = <T,>(list: T[], i: number, patch: Partial<T>): T[] =>
  list.map((item, j) => (j === i ? { ...item, ...patch } : item));
