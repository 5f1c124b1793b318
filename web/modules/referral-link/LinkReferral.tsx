import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { PartnerReferral } from '../partner/PartnerReferralPage';
import type { SendAnswer } from '../partner/partner-api';
import { answerReferral, readReferral } from './link-api';
import '../partner/partner.css';

const REFERRAL_KEY = ['referral-link', 'referral'] as const;

/** How the server says the link or the access has ended, whatever the step. */
const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

/**
 * The referral behind the link, with the partner inbox's sections and answer forms (sent through
 * the link instead). When the access runs out the holder is asked for a new code; when the link
 * ends, the plain "no longer works" page.
 */
export function LinkReferral({
  token,
  access,
  onAccessEnded,
  onEnded,
}: {
  token: string;
  access: string;
  onAccessEnded: () => void;
  onEnded: () => void;
}) {
  const queryClient = useQueryClient();
  const ended = (error: unknown) => {
    if (statusOf(error) === 401) onAccessEnded();
    if (statusOf(error) === 404) onEnded();
  };
  const {
    data: referral,
    error,
    isPending,
  } = useQuery({
    queryKey: REFERRAL_KEY,
    queryFn: async () => {
      try {
        return await readReferral(token, access);
      } catch (failure) {
        ended(failure);
        throw failure;
      }
    },
    retry: false,
  });
  usePageTitle(referral ? `Referral ${referral.reference}` : 'Referral');
  const reload = () => queryClient.invalidateQueries({ queryKey: REFERRAL_KEY });

  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the referral" />;

  const send: SendAnswer = async (verb, body) => {
    try {
      return await answerReferral(token, access, { step: verb, input: body } as Parameters<typeof answerReferral>[2]);
    } catch (failure) {
      ended(failure);
      throw failure;
    }
  };

  return (
    <>
      <PartnerReferral referral={referral} reload={reload} send={send} />
      <p className="nhsuk-body-s">
        For the person’s safety this page stays open for 30 minutes after you enter the code. After that, we will ask
        for a new code.
      </p>
    </>
  );
}
