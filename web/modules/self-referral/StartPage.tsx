import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../ui/Button';
import { usePageTitle } from '../../ui/use-page-title';
import { START } from './copy';
import { readJourney, saveJourney, startJourney } from './journey';

/** The self-referral's start page (NHS.UK start page pattern): what it is for, what you need, when not to use it. */
export function StartPage() {
  usePageTitle(START.title);
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    if (busy) return;
    setBusy(true);
    try {
      const { formToken } = await startJourney();
      const kept = readJourney();
      // Answers of a journey not yet sent are kept (a reload, a step back); a sent one, or one to
      // a group, starts afresh.
      saveJourney(kept.reference || kept.group ? { answers: {}, formToken } : { ...kept, formToken });
      navigate('/self-referral/who');
    } catch {
      setProblem('Sorry, the form could not be started. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{START.title}</h1>
        <p className="nhsuk-lede-text">{START.lede}</p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {START.what.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2>{START.before}</h2>
        <p>You will need:</p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {START.needs.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>{START.behalf}</p>
        <p>{START.time}</p>
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {START.urgentTitle}
          </h2>
          {START.urgent.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        {problem && (
          <p className="nhsuk-error-message" role="alert">
            {problem}
          </p>
        )}
        <Button type="button" onClick={start} aria-disabled={busy || undefined}>
          {START.button}
        </Button>
        <p>
          {START.check} <Link to="/self-referral/status">Check on a referral</Link>
        </p>
      </div>
    </div>
  );
}
