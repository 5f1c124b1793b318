import { Link, useLocation } from 'react-router';
import type { IcbNode } from '../../../../common/api-types';
import { usePageTitle } from '../../../app/use-page-title';
import { NotificationBanner } from '../../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { useOrganisationTree } from './organisations-api';

export function OrganisationsPage() {
  usePageTitle('Organisations');
  const { data, error, isPending } = useOrganisationTree();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  if (error) return <ServiceProblem error={error} />;

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>Organisations</h1>
      <p>
        Your integrated care board (ICB), its primary care networks (PCNs) and their GP practices, and the voluntary and
        community organisations in its network. Each PCN's social prescribing team takes referrals from all of its
        practices.
      </p>
      <div className="waymark-button-group">
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/organisations/new/pcn" draggable={false}>
          Add a PCN
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/organisations/new/practice" draggable={false}>
          Add a GP practice
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/organisations/new/vcs" draggable={false}>
          Add a voluntary sector organisation
        </Link>
      </div>
      {isPending ? <Loading what="organisations" /> : data.icbs.map((icb) => <Icb key={icb.id} icb={icb} />)}
    </>
  );
}

function Icb({ icb }: { icb: IcbNode }) {
  return (
    <section aria-labelledby={`icb-${icb.id}`}>
      <h2 id={`icb-${icb.id}`}>
        {icb.name} <span className="waymark-code">{icb.code}</span>
      </h2>
      <h3>Primary care networks and GP practices</h3>
      {icb.pcns.length === 0 ? (
        <p>No primary care networks yet.</p>
      ) : (
        <ul className="nhsuk-list waymark-tree">
          {icb.pcns.map((pcn) => (
            <li key={pcn.id} className="waymark-tree__pcn">
              <h4 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                {pcn.name} <span className="waymark-code">{pcn.code}</span>
              </h4>
              {pcn.practices.length === 0 ? (
                <p className="nhsuk-body-s">No GP practices yet.</p>
              ) : (
                <ul
                  className="nhsuk-list nhsuk-list--bullet waymark-tree__practices"
                  aria-label={`GP practices in ${pcn.name}`}
                >
                  {pcn.practices.map((practice) => (
                    <li key={practice.id}>
                      {practice.name} <span className="waymark-code">{practice.code}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Voluntary and community organisations</h3>
      {icb.vcsOrganisations.length === 0 ? (
        <p>No voluntary or community organisations yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-u-visually-hidden">Voluntary and community organisations in {icb.name}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Name
              </th>
              <th scope="col" className="nhsuk-table__header">
                Charity number
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {icb.vcsOrganisations.map((vcs) => (
              <tr className="nhsuk-table__row" key={vcs.id}>
                <td className="nhsuk-table__cell">{vcs.name}</td>
                <td className="nhsuk-table__cell">{vcs.charityNumber ?? 'Not a registered charity'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
