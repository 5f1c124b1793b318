import type { FieldChange } from '../../../common/directory';
import { type CategoryOption, fieldChangeLabel } from '../../../common/directory-maintenance';
import { changeValueText } from './maintenance-format';

/** The moderation diff: one row per changed field, "Field / Now / Proposed". */
export function DiffTable({ changes, categories }: { changes: FieldChange[]; categories: CategoryOption[] }) {
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const order = changes.map((c) => c.field);
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">Proposed changes, field by field</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Now</th>
          <th scope="col">Proposed</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {changes.map((c) => (
          <tr className="nhsuk-table__row" key={c.field}>
            <th scope="row" className="nhsuk-table__cell">
              {fieldChangeLabel(c.field, order)}
            </th>
            <td className="nhsuk-table__cell waymark-diff-value">{changeValueText(c.field, c.previous, names)}</td>
            <td className="nhsuk-table__cell waymark-diff-value">{changeValueText(c.field, c.replacement, names)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
