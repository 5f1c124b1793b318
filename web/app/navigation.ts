import type { Me } from '../../common/api-types';
import type { Destination } from './navigation-context';
import type { PageRoute } from './page-route';
import { PAGE_ROUTES } from './page-routes';

/**
 * The pages with a menu entry, in menu order. The permissions a link needs are its page's own
 * (a public page's link: the permissions it is listed for; a signed-in page's: none).
 */
export function destinationsOf(pages: PageRoute[]): Destination[] {
  return pages
    .flatMap(({ path, access, menu }) => {
      if (!menu) return [];
      const { text, summary, order, inMenu, roles, listedFor } = menu;
      const needs = access === 'public' ? (listedFor ?? []) : access === 'signed-in' ? [] : access;
      return [
        {
          order,
          href: `/${path}`,
          text,
          summary,
          needs,
          ...(roles ? { roles } : {}),
          ...(inMenu === false ? { inMenu } : {}),
        },
      ];
    })
    .sort((a, b) => a.order - b.order)
    .map(({ order: _, ...destination }) => destination);
}

export const DESTINATIONS: Destination[] = destinationsOf(PAGE_ROUTES);

/** The header menu: the destinations not reached from the account bar. */
export function menuFor(me: Me): { href: string; text: string }[] {
  return destinationsFor(me)
    .filter((d) => d.inMenu !== false)
    .map(({ href, text }) => ({ href, text }));
}

export function destinationsFor(me: Me): Destination[] {
  return DESTINATIONS.filter(
    (d) => d.needs.every((p) => me.permissions.includes(p)) && (!d.roles || d.roles.includes(me.user.role)),
  );
}
