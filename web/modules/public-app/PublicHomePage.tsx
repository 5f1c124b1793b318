import { Link } from 'react-router';
import { usePageTitle } from '../../ui/use-page-title';

/** What a resident can do without an account: the three ways into the public app. */
const OPTIONS = [
  {
    href: '/directory',
    text: 'Find community groups and services',
    summary:
      'Search for groups, activities and advice near you, such as walking groups, coffee mornings or help with money.',
  },
  {
    href: '/self-referral',
    text: 'Refer yourself to your social prescribing team',
    summary: 'Ask your local team for support. You do not need to see your GP first.',
  },
  {
    href: '/self-referral/status',
    text: 'Check on a referral you made',
    summary: 'Find out what is happening with a referral you made for yourself or someone else.',
  },
];

/** `/` for anyone not signed in (HomeGate decides). Kept small: it is the first page most residents load. */
export function PublicHomePage() {
  usePageTitle('Get support from your community');
  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Get support from your community</h1>
          <p className="nhsuk-lede-text">
            Social prescribing connects you with local groups and services that can help with things that affect your
            health and wellbeing, like loneliness, stress, money worries or getting more active.
          </p>
        </div>
      </div>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {OPTIONS.map((option) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={option.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={option.href}>
                    {option.text}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{option.summary}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              Social prescribing is not for emergencies. If you need help now, call 111, or 999 if someone's life is at
              risk.
            </p>
          </div>
          <h2 className="nhsuk-heading-s">If you work in the NHS or a community organisation</h2>
          <p>
            <Link to="/sign-in">Staff sign in</Link>
          </p>
        </div>
      </div>
    </>
  );
}
