import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import type { WorkloadMember } from './workforce-api';
import { cases } from './workforce-format';

/**
 * A team member's cover, in their row of the leave page: hand all their uncovered cases to one
 * colleague (warned and asked when a coach's cases would go to a care coordinator), or back.
 */
export function CoverActions({
  member,
  team,
  busy,
  onHandOver,
  onHandBack,
}: {
  member: WorkloadMember;
  team: WorkloadMember[];
  busy: boolean;
  onHandOver: (coverId: string, coverName: string, confirmCareCoordinator: boolean) => void;
  onHandBack: () => void;
}) {
  const uncovered = member.ownCases - member.coveredBy.reduce((s, c) => s + c.count, 0);
  const candidates = team
    .filter((t) => t.id !== member.id && !t.onLeaveUntil)
    // The care coordinator is the default stand-in (seed article): listed first.
    .sort(
      (a, b) =>
        Number(b.role === 'care_coordinator') - Number(a.role === 'care_coordinator') || a.name.localeCompare(b.name),
    );
  const [coverId, setCoverId] = useState(candidates[0]?.id ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cover = candidates.find((c) => c.id === coverId) ?? candidates[0];
  // Cases the rules give a coach, about to go to a care coordinator: say so, and ask.
  const needsConfirmation = cover?.role === 'care_coordinator' && member.coachCases > 0;
  const id = `cover-${member.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!cover) return;
    if (needsConfirmation && !confirmed) {
      setError(`Confirm that ${cover.name} should cover them, or choose a health and wellbeing coach`);
      return;
    }
    setError(null);
    onHandOver(cover.id, cover.name, needsConfirmation);
  }

  return (
    <>
      {uncovered > 0 && candidates.length > 0 && (
        <form onSubmit={submit} noValidate className="nhsuk-u-margin-bottom-2">
          <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
            <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
              Hand {member.name}’s {cases(uncovered)} to
            </label>
            <select
              className="nhsuk-select"
              id={id}
              name="coverWorkerId"
              value={cover?.id}
              onChange={(e) => {
                setCoverId(e.target.value);
                setConfirmed(false);
                setError(null);
              }}
            >
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.roleLabel.toLowerCase()})
                </option>
              ))}
            </select>
          </div>
          {needsConfirmation && cover && (
            <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
              <p className="nhsuk-body-s" id={`${id}-warning`}>
                <strong className="nhsuk-tag nhsuk-tag--orange">Warning</strong> {cases(member.coachCases)} of{' '}
                {member.name}’s {member.coachCases === 1 ? 'is' : 'are'} high complexity or predicted PAM level 1: the
                allocation rules give such cases to a health and wellbeing coach, and {cover.name} is a care
                coordinator.
              </p>
              {error && (
                <span className="nhsuk-error-message" id={`${id}-confirm-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {error}
                </span>
              )}
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`${id}-confirm`}
                    type="checkbox"
                    checked={confirmed}
                    aria-describedby={`${id}-warning${error ? ` ${id}-confirm-error` : ''}`}
                    onChange={(e) => setConfirmed(e.target.checked)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-confirm`}>
                    Hand them to {cover.name} anyway
                  </label>
                </div>
              </div>
            </div>
          )}
          <Button variant="secondary" small aria-disabled={busy || undefined}>
            Hand over<span className="nhsuk-u-visually-hidden"> {member.name}’s cases</span>
          </Button>
        </form>
      )}
      {member.ownCases > 0 && candidates.length > 1 && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          <Link to={`/team/leave/${member.id}/handover`}>
            Choose who covers each case<span className="nhsuk-u-visually-hidden"> of {member.name}</span>
          </Link>
        </p>
      )}
      {member.coveredBy.length > 0 && (
        <Button variant="secondary" small type="button" aria-disabled={busy || undefined} onClick={onHandBack}>
          Hand back to {member.name}
        </Button>
      )}
    </>
  );
}
