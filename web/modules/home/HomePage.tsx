import { Link } from 'react-router';
import { useDestinations } from '../../app/navigation-context';
import { hasPermission, useSignedInMe } from '../../app/session';
import { usePageTitle } from '../../ui/use-page-title';
import { FiguresCardsOnHome, OwnPcnFiguresLink } from '../analytics/home-links';
import { InboxSummary } from '../partner/InboxSummary';
import { ROLE_DESCRIPTIONS } from './role-descriptions';

export function HomePage() {
  const me = useSignedInMe();
  usePageTitle('Home');
  const { user, organisation, pcn } = me;
  const links = useDestinations().filter((d) => d.href !== '/');
  const partOfPcn = pcn && pcn.id !== organisation.id ? pcn : null;

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Welcome, {user.name}</h1>
          <p className="nhsuk-lede-text" id="signed-in-as">
            Signed in as <strong>{user.name}</strong>, {user.roleLabel} at {organisation.name}
            {partOfPcn && <> (part of {partOfPcn.name})</>}.
          </p>
          <h2>Your role</h2>
          {ROLE_DESCRIPTIONS[user.role].map((text) => (
            <p key={text}>{text}</p>
          ))}
          {hasPermission(me, 'partner.referrals') && <InboxSummary />}
          {user.role === 'team_lead' && pcn && hasPermission(me, 'analytics.read') && (
            <OwnPcnFiguresLink pcnName={pcn.name} />
          )}
        </div>
      </div>
      {user.role === 'commissioner' && hasPermission(me, 'analytics.read') && <FiguresCardsOnHome />}
      <h2>What you can do in Waymark</h2>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {links.map((link) => (
          <li className="nhsuk-grid-column-one-half nhsuk-card-group__item" key={link.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={link.href}>
                    {link.text}
                  </Link>
                </h3>
                <p className="nhsuk-card__description">{link.summary}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
