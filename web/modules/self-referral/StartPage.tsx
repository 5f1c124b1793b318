import { Link } from 'react-router';
import { usePageTitle } from '../../ui/use-page-title';
import { START } from './copy';
import { StartButton, StartDetails } from './start-parts';

/** The self-referral's start page (NHS.UK start page pattern): what it is for, what you need, when not to use it. */
export function StartPage() {
  usePageTitle(START.title);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{START.title}</h1>
        <p className="nhsuk-lede-text">{START.lede}</p>
        <StartDetails what={START.what} needs={START.needs} time={START.time} />
        <StartButton
          // Answers of a journey not yet sent are kept (a reload, a step back); a sent one, or one
          // to a group, starts afresh.
          keep={(kept, formToken) =>
            kept.reference || kept.group ? { answers: {}, formToken } : { ...kept, formToken }
          }
        />
        <p>
          {START.check} <Link to="/self-referral/status">Check on a referral</Link>
        </p>
      </div>
    </div>
  );
}
