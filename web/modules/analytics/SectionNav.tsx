import { Link } from 'react-router';
import { ANALYTICS_SECTION_TITLES } from '../../../common/analytics';
import { FIGURES_SECTIONS, type FigureFilters, type FiguresSection, sectionPath } from './analytics-api';

/** Between sections, keeping the filters chosen (NHS.UK contents list; the current one unlinked). */
export function SectionNav({ current, filters }: { current: FiguresSection; filters: FigureFilters }) {
  return (
    <nav className="nhsuk-contents-list waymark-figures-nav" aria-label="Sections of the figures">
      <h2 className="nhsuk-u-visually-hidden">Sections</h2>
      <ol className="nhsuk-contents-list__list">
        {FIGURES_SECTIONS.map((section) =>
          section === current ? (
            <li key={section} className="nhsuk-contents-list__item" aria-current="page">
              <span className="nhsuk-contents-list__current">{ANALYTICS_SECTION_TITLES[section]}</span>
            </li>
          ) : (
            <li key={section} className="nhsuk-contents-list__item">
              <Link className="nhsuk-contents-list__link" to={sectionPath(section, filters)}>
                {ANALYTICS_SECTION_TITLES[section]}
              </Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
