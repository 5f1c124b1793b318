import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Permission } from '../../common/permissions';
import type { Role } from '../../common/roles';

// What a web module declares about each of its pages, once: the router builds its tree from
// these and the menu and home page read the same entries, so a menu link cannot point at a page
// that does not exist or that asks for other permissions than the link was shown for.

/**
 * Who may open a page: anyone, anyone signed in, or a signed-in user holding every permission
 * listed (the router wraps the page in RequirePermission: others see "no permission").
 */
export type PageAccess = 'public' | 'signed-in' | Permission[];

export interface MenuEntry {
  text: string;
  /** One line for the home page's "what you can do" list. */
  summary: string;
  /** Place in the menu and on the home page (smaller first). */
  order: number;
  /** false: on the home page but not in the menu (the header's account bar links to it). */
  inMenu?: false;
  /** Only for these roles (when permissions alone do not tell the audience apart). */
  roles?: Role[];
  /**
   * A public page only: the signed-in users whose menu lists it. Signed-out visitors have no
   * menu, and a public page asks for no permission, so this narrows who is offered the link.
   */
  listedFor?: Permission[];
}

export interface PageRoute {
  /** As in the address bar, without the first slash; '' is the home page. */
  path: string;
  access: PageAccess;
  /** The page itself, or `lazyPage(…)` to load it (its own chunk) when first opened. */
  page: ComponentType | LazyExoticComponent<ComponentType>;
  menu?: MenuEntry;
}

/** A page loaded when first opened, kept out of the first download. */
export function lazyPage<K extends string, M extends { [P in K]: ComponentType }>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
