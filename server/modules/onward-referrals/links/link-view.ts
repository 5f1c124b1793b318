import type { OnwardLinkView } from '../../../../common/onward-referrals.js';
import type { LinkRow } from './links.repository.js';

/** A secure link's state as the team sees it: where it went, until when, whether withdrawn (never the token). */
export function linkViewOf(link: LinkRow, now = new Date()): OnwardLinkView {
  return {
    email: link.email,
    mobile: link.mobile,
    state: link.revokedAt ? 'revoked' : link.expiresAt <= now ? 'expired' : 'active',
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
  };
}
