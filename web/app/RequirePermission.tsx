import { type ReactNode, Suspense } from 'react';
import type { Permission } from '../../common/permissions';
import { NoPermission } from '../ui/NoPermission';
import { Loading } from '../ui/ServiceProblem';
import { hasPermission, useSignedInMe } from './session';

/**
 * Shows the page only to roles allowed to use it. The server enforces the same rule (403);
 * this is about not showing people something they cannot use, and not downloading its code.
 */
export function RequirePermission({ needs, children }: { needs: Permission[]; children: ReactNode }) {
  const me = useSignedInMe();
  if (!needs.every((p) => hasPermission(me, p))) return <NoPermission />;
  return <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>;
}
