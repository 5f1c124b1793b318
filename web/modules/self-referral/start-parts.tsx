import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../ui/Button';
import { START } from './copy';
import { type Journey, readJourney, saveJourney, startJourney } from './journey';

// What the two start pages share (to the PCN team, and straight to a group): what happens and
// what you need, the "do not use this if you need help now" callout, and the Start button that
// begins a timed journey.

export function StartDetails({ what, needs, time }: { what: string[]; needs: string[]; time: string }) {
  return (
    <>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {what.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h2>{START.before}</h2>
      <p>You will need:</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {needs.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{START.behalf}</p>
      <p>{time}</p>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {START.urgentTitle}
        </h2>
        {START.urgent.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </>
  );
}

/**
 * The Start button: asks the server for the journey's token (which times it), keeps the journey
 * as `keep` decides from what this tab already holds, and goes to the first question.
 */
export function StartButton({ keep }: { keep: (kept: Journey, formToken: string) => Journey }) {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    if (busy) return;
    setBusy(true);
    try {
      const { formToken } = await startJourney();
      saveJourney(keep(readJourney(), formToken));
      navigate('/self-referral/who');
    } catch {
      setProblem('Sorry, the form could not be started. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {problem && (
        <p className="nhsuk-error-message" role="alert">
          {problem}
        </p>
      )}
      <Button type="button" onClick={start} aria-disabled={busy || undefined}>
        {START.button}
      </Button>
    </>
  );
}
