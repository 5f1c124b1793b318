import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { TeamMemberProfile } from '../../../common/team';
import { hasPermission, useSignedInMe } from '../../app/session';
import { BackLink } from '../../ui/BackLink';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useProfile } from './team-api';

export type MemberSection = 'profile' | 'training' | 'supervision';

const SECTIONS: { id: MemberSection; text: string; path: string }[] = [
  { id: 'profile', text: 'Profile', path: '' },
  { id: 'training', text: 'Training', path: '/training' },
  { id: 'supervision', text: 'Supervision', path: '/supervision' },
];

/**
 * The frame of a team member's three pages (profile, training, supervision): the person's name,
 * links between the pages, and the page's own content, given the profile once it has loaded.
 */
export function MemberFrame({
  section,
  hasErrors = false,
  children,
}: {
  section: MemberSection;
  hasErrors?: boolean;
  children: (profile: TeamMemberProfile) => ReactNode;
}) {
  const { memberId = '' } = useParams();
  const me = useSignedInMe();
  const { data, error } = useProfile(memberId);
  const heading = SECTIONS.find((s) => s.id === section)?.text ?? '';
  const own = memberId === me.user.id;
  usePageTitle(data ? `${heading}: ${own ? 'you' : data.member.name}` : heading, hasErrors);
  if (error) return <ServiceProblem error={error} />;
  if (!data) return <Loading what="the team member" />;
  const base = `/team/members/${encodeURIComponent(memberId)}`;
  return (
    <>
      {hasPermission(me, 'team.read') ? (
        <BackLink to="/team">Your team</BackLink>
      ) : (
        // The ICB's administrator comes here from the user's page.
        <BackLink to={`/admin/users/${encodeURIComponent(memberId)}`}>Back to the user</BackLink>
      )}
      <h1>
        <span className="nhsuk-caption-l">
          {data.member.name}
          {own ? ' (you)' : ''}, {data.member.roleLabel.toLowerCase()}
        </span>
        {heading}
      </h1>
      <nav className="waymark-member-nav" aria-label={`${data.member.name}: profile, training and supervision`}>
        <ul className="nhsuk-list waymark-member-nav__list">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              {s.id === section ? (
                <strong aria-current="page">{s.text}</strong>
              ) : (
                <Link to={`${base}${s.path}`}>{s.text}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {children(data)}
    </>
  );
}
