import { Link } from 'react-router';
import { hasPermission, useSignedInMe } from '../../app/session';
import { formatDay } from '../../ui/format';
import { useMyDevelopmentTasks } from './team-api';

/**
 * The signed-in member's supervision and training to-dos (issue 16), shown with their tasks.
 * Worked out from their profile each time, so they clear as soon as the session or the
 * certificate is recorded.
 */
export function DevelopmentTasks() {
  const me = useSignedInMe();
  const enabled = hasPermission(me, 'team.read');
  const { data } = useMyDevelopmentTasks(enabled);
  if (!enabled || !data) return null;
  const base = `/team/members/${encodeURIComponent(me.user.id)}`;
  return (
    <section aria-labelledby="development-tasks">
      <h2 id="development-tasks">Your supervision and training</h2>
      {data.items.length === 0 ? (
        <p>Your supervision and required training are up to date.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {data.items.map((t) => (
            <li key={`${t.kind}:${t.label}`}>
              <Link to={t.kind === 'supervision_overdue' ? `${base}/supervision` : `${base}/training`}>{t.label}</Link>
              {t.kind === 'supervision_overdue' && t.dueOn && (
                <span className="waymark-secondary-text">Was due by {formatDay(t.dueOn)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
