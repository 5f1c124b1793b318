import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { LinkCodeStep } from './LinkCodeStep';
import { LinkEnded } from './LinkEnded';
import { LinkReferral } from './LinkReferral';
import { forgetAccess, keepAccess, keptAccess, openLink, takeLinkToken } from './link-api';

/**
 * /referral-link#token=…: an organisation without Waymark accounts opens the referral it was
 * emailed. Open (the service and the team only) → a one-time code to the same mailbox → the
 * referral and its answers. No sign-in: the link and the code are the keys.
 */
export function ReferralLinkPage() {
  const [token] = useState(takeLinkToken);
  const queryClient = useQueryClient();
  // undefined: whatever access this tab kept, if the server still honours it; null: none.
  const [access, setAccess] = useState<string | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const opened = useQuery({
    queryKey: ['referral-link', 'open'],
    enabled: token !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const kept = keptAccess();
      const state = await openLink(token, kept);
      const stillGood = state.state === 'valid' && !state.codeNeeded && kept ? kept : null;
      if (!stillGood) forgetAccess();
      return { state, kept: stillGood };
    },
  });

  if (!token || ended) return <LinkEnded />;
  if (opened.error) return <ServiceProblem error={opened.error} />;
  if (opened.isPending) return <Loading what="the referral" />;
  const { state, kept } = opened.data;
  if (state.state === 'ended') return <LinkEnded />;

  const current = access === undefined ? kept : access;
  if (!current) {
    return (
      <LinkCodeStep
        token={token}
        link={state}
        onEnded={() => setEnded(true)}
        onVerified={(granted) => {
          keepAccess(granted);
          queryClient.removeQueries({ queryKey: ['referral-link', 'referral'] });
          setAccess(granted);
        }}
      />
    );
  }
  return (
    <LinkReferral
      token={token}
      access={current}
      onEnded={() => setEnded(true)}
      onAccessEnded={() => {
        forgetAccess();
        setAccess(null);
      }}
    />
  );
}
