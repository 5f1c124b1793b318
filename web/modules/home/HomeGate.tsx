import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Navigate } from 'react-router';
import { ApiError } from '../../app/api';
import { lazyPage } from '../../app/page-route';
import { signedOutReason, useMe } from '../../app/session';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { PublicHomePage } from '../public-app/PublicHomePage';

// The staff home pulls the role pages' links, the partner inbox and the figures cards: loaded
// only for a signed-in user, so a resident's first download stays the small public home.
const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');

/** `/`: the staff home for a signed-in user, the public app's home for everyone else. */
export function HomeGate() {
  const { data: me, error, isPending } = useMe();
  const queryClient = useQueryClient();
  if (isPending) return <Loading what="the page" />;
  if (me) {
    return (
      <Suspense fallback={<Loading what="the page" />}>
        <HomePage />
      </Suspense>
    );
  }
  // Not reachable (offline, or the network failed): the public home still shows what works offline.
  if (error && !(error instanceof ApiError && error.status === 0)) return <ServiceProblem error={error} />;
  // A session that has just ended here (signed out, expired) goes to the sign-in page, which says why.
  const reason = signedOutReason(queryClient);
  if (reason) return <Navigate to="/sign-in" replace state={{ reason }} />;
  return <PublicHomePage />;
}
