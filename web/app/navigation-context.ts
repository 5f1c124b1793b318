import { createContext, useContext } from 'react';
import type { Permission } from '../../common/permissions';
import type { Role } from '../../common/roles';
import type { NavigationItem } from '../ui/Header';

// The signed-in user's destinations, handed down by the layout. The home page lists them, and
// its module also declares the home route, so it reads them from here rather than from
// navigation.ts: importing that would make a ring through the list of every page.

export interface Destination extends NavigationItem {
  /** What the signed-in user must be allowed to do; every listed permission is required. */
  needs: Permission[];
  /** Only for these roles (when permissions alone do not tell the audience apart). */
  roles?: Role[];
  /** One line for the home page's "what you can do" list. */
  summary: string;
  /** false: on the home page but not in the menu (the header's account bar links to it). */
  inMenu?: false;
}

export const DestinationsContext = createContext<Destination[]>([]);

export function useDestinations(): Destination[] {
  return useContext(DestinationsContext);
}
