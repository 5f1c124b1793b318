import { Link } from 'react-router';
import { ANALYTICS_SECTION_TITLES } from '../../../common/analytics';
import { FIGURES_SECTIONS, type FiguresSection, sectionPath } from './analytics-api';

// The commissioner's home page: a card for each section. Loaded lazily (home-links.tsx), as the
// section titles come with the analytics schemas, and zod is not part of the first download.

const SECTION_SUMMARIES: Record<FiguresSection, string> = {
  demand: 'Referrals each month, per 1,000 registered patients, by source, reason and practice.',
  flow: 'From referral to triage, allocation, first contact, plan and discharge; declines and redirections.',
  waits: 'Working days from referral to first contact: median and 90th centile, against each PCN’s targets.',
  capacity: 'Caseloads against capacity, contacts and cases per whole-time equivalent, by role.',
  outcomes: 'How wellbeing, loneliness and activation changed between the first and latest measures.',
  onward: 'Onward referrals to community organisations, and what came of them.',
  equality: 'Referral rates and outcomes by age, sex, ethnicity and deprivation.',
  national: 'The national social prescribing figures per practice per month, to download.',
};

/** A card for each section, for the commissioner's home page. */
export function FiguresCards() {
  return (
    <>
      <h2>Figures for your ICB</h2>
      <p>Every PCN of your integrated care board, month by month. Small numbers are hidden.</p>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {FIGURES_SECTIONS.map((section) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={section}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link className="nhsuk-card__link" to={sectionPath(section)}>
                    {ANALYTICS_SECTION_TITLES[section]}
                  </Link>
                </h3>
                <p className="nhsuk-card__description">{SECTION_SUMMARIES[section]}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
