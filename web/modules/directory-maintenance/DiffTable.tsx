import type { FieldChange } from '../../../common/directory';
import { type CategoryOption, fieldChangeLabel } from '../../../common/directory-maintenance';
import { DataTable } from '../../ui/DataTable';
import { changeValueText } from './maintenance-format';

/** The moderation diff: one row per changed field, "Field / Now / Proposed". */
export function DiffTable({ changes, categories }: { changes: FieldChange[]; categories: CategoryOption[] }) {
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const order = changes.map((c) => c.field);
  return (
    <DataTable
      caption="Proposed changes, field by field"
      columns={[
        { header: 'Field', cell: (c) => fieldChangeLabel(c.field, order) },
        {
          header: 'Now',
          cell: (c) => <span className="waymark-diff-value">{changeValueText(c.field, c.previous, names)}</span>,
        },
        {
          header: 'Proposed',
          cell: (c) => <span className="waymark-diff-value">{changeValueText(c.field, c.replacement, names)}</span>,
        },
      ]}
      rows={changes}
      rowKey={(c) => c.field}
    />
  );
}
