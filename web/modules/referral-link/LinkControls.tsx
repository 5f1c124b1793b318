import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OnwardLinkView, OnwardReferralView } from '../../../common/onward-referrals';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { formatWhen } from '../referrals/referral-format';
import { changeLink } from './link-api';

const STATE_WORDS: Record<OnwardLinkView['state'], { text: string; colour: 'green' | 'grey' | 'red' }> = {
  active: { text: 'Working', colour: 'green' },
  expired: { text: 'Expired', colour: 'grey' },
  revoked: { text: 'Withdrawn', colour: 'red' },
};

/**
 * On the case record, for an onward referral sent by secure link: where the link went, until
 * when it works, and the worker's two levers — withdraw it, or send a new one (which withdraws
 * the old). Rendered by the onward referrals section of the case.
 */
export function LinkControls({
  referralId,
  onwardReferral,
}: {
  referralId: string;
  onwardReferral: OnwardReferralView;
}) {
  const queryClient = useQueryClient();
  // The answer shows at once; the case's own queries (whatever their keys) refetch behind it.
  const [changed, setChanged] = useState<{ link: OnwardLinkView; said: string } | null>(null);
  const write = useSubmit({
    mutationFn: (what: 'revoke' | 'resend') => changeLink(referralId, onwardReferral.id, what),
    labels: {},
    onSuccess: async (answer, what) => {
      setChanged({
        link: answer.link,
        said:
          what === 'revoke'
            ? 'Link withdrawn: it no longer opens the referral.'
            : `New link sent to ${answer.link.email ?? answer.link.mobile}. The old link no longer works.`,
      });
      await queryClient.invalidateQueries({
        predicate: (query) => JSON.stringify(query.queryKey).includes(referralId),
      });
    },
  });
  const link = changed?.link ?? onwardReferral.link;
  if (onwardReferral.delivery !== 'link' || !link) return null;
  const answerable = onwardReferral.status === 'sent' || onwardReferral.status === 'accepted';
  const words = STATE_WORDS[link.state];

  return (
    <div className="waymark-link-controls">
      <SummaryList
        rows={[
          { key: 'Secure link sent to', value: link.email ?? `${link.mobile} (by text)` },
          { key: 'Link', value: <Tag colour={words.colour}>{words.text}</Tag> },
          {
            key: link.state === 'active' ? 'Works until' : 'Sent',
            value: formatWhen(link.state === 'active' ? link.expiresAt : link.createdAt),
          },
        ]}
      />
      {changed && <p role="status">{changed.said}</p>}
      {write.errors.form && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {write.errors.form}
        </p>
      )}
      <div className="nhsuk-button-group">
        {link.state === 'active' && (
          <Button
            type="button"
            variant="secondary"
            small
            aria-disabled={write.busy || undefined}
            onClick={() => void write.submit('revoke')}
          >
            Withdraw link<span className="nhsuk-u-visually-hidden"> to {onwardReferral.service.name}</span>
          </Button>
        )}
        {answerable && (
          <Button
            type="button"
            variant="secondary"
            small
            aria-disabled={write.busy || undefined}
            onClick={() => void write.submit('resend')}
          >
            Send a new link<span className="nhsuk-u-visually-hidden"> to {onwardReferral.service.name}</span>
          </Button>
        )}
      </div>
    </div>
  );
}
