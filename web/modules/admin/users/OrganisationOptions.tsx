import { Select } from 'nhsuk-react-components';
import type { IcbNode, OrganisationTree } from '../../../../common/api-types';

type Kind = 'icb' | 'pcn' | 'practice' | 'vcs';

function optionsOf(icb: IcbNode, kind: Kind) {
  switch (kind) {
    case 'icb':
      return (
        <option key={icb.id} value={icb.id}>
          {icb.name}
        </option>
      );
    case 'pcn':
      return (
        <optgroup key={icb.id} label={icb.name}>
          {icb.pcns.map((pcn) => (
            <option key={pcn.id} value={pcn.id}>
              {pcn.name} ({pcn.code})
            </option>
          ))}
        </optgroup>
      );
    case 'practice':
      return icb.pcns.map((pcn) => (
        <optgroup key={pcn.id} label={pcn.name}>
          {pcn.practices.map((practice) => (
            <option key={practice.id} value={practice.id}>
              {practice.name} ({practice.code})
            </option>
          ))}
        </optgroup>
      ));
    case 'vcs':
      return (
        <optgroup key={icb.id} label={icb.name}>
          {icb.vcsOrganisations.map((vcs) => (
            <option key={vcs.id} value={vcs.id}>
              {vcs.name}
            </option>
          ))}
        </optgroup>
      );
  }
}

/** The organisations a user of this kind can belong to, grouped by ICB (and PCN for practices). */
export function OrganisationOptions({ tree, kind }: { tree: OrganisationTree; kind: Kind }) {
  return (
    <>
      <Select.Option value="">Select an organisation</Select.Option>
      {tree.icbs.map((icb) => optionsOf(icb, kind))}
    </>
  );
}
