import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet } from 'react-router';
import { Loading, ServiceProblem } from '../ui/ServiceProblem';
import { signedOutReason, useMe } from './session';

/** Everything inside needs a signed-in user; anyone else goes to the sign-in page. */
export function SessionGate() {
  const { data: me, error, isPending } = useMe();
  const queryClient = useQueryClient();
  if (isPending) return <Loading what="your details" />;
  if (error) return <ServiceProblem error={error} />;
  if (!me) return <Navigate to="/sign-in" replace state={{ reason: signedOutReason(queryClient) }} />;
  return <Outlet />;
}
