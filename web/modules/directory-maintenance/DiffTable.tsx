import type { FieldChange } from '../../../common/directory';
import { type CategoryOption, fieldChangeLabel } from '../../../common/directory-maintenance';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { changeValueText } from './maintenance-format';

/** Columns of a field-by-field change: the field, its value before and after (long values wrap). */
export function fieldChangeColumns<T extends Pick<FieldChange, 'field' | 'previous' | 'replacement'>>(
  order: string[],
  names: Map<string, string>,
  [before, after]: [string, string],
): DataColumn<T>[] {
  return [
    { header: 'Field', cell: (c) => fieldChangeLabel(c.field, order) },
    {
      header: before,
      cell: (c) => <span className="waymark-diff-value">{changeValueText(c.field, c.previous, names)}</span>,
    },
    {
      header: after,
      cell: (c) => <span className="waymark-diff-value">{changeValueText(c.field, c.replacement, names)}</span>,
    },
  ];
}

/**
 * The moderation diff: one row per changed field, "Field / Now / Proposed". A proposed new listing
 * has nothing now: its table is "Field / Proposed".
 */
export function DiffTable({
  changes,
  categories,
  newListing = false,
}: {
  changes: FieldChange[];
  categories: CategoryOption[];
  newListing?: boolean;
}) {
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const order = changes.map((c) => c.field);
  const columns = fieldChangeColumns<FieldChange>(order, names, ['Now', 'Proposed']);
  return (
    <DataTable
      caption={newListing ? 'The proposed listing, field by field' : 'Proposed changes, field by field'}
      columns={newListing ? columns.filter((c) => c.header !== 'Now') : columns}
      rows={changes}
      rowKey={(c) => c.field}
    />
  );
}
