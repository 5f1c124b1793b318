import { isValidElement, type ReactElement } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../common/permissions';
import { DESTINATIONS } from './navigation';
import { PAGE_ROUTES } from './page-routes';
import { RequirePermission } from './RequirePermission';
import { ROUTES } from './router';
import { SessionGate } from './SessionGate';

// The router and the menu read one list (page-routes.ts); these read what each of them ends up
// with — the route tree the browser router is given, and the menu's destinations — and hold
// them to each other.

type Gate = 'public' | 'signed-in' | Permission[];
interface Leaf {
  path: string;
  gate: Gate;
  lazy: boolean;
}

const elementOf = (route: RouteObject) => route.element as ReactElement<{ needs?: Permission[]; children?: unknown }>;
const isLazy = (element: unknown) =>
  isValidElement(element) && (element.type as { $$typeof?: symbol }).$$typeof === Symbol.for('react.lazy');

/** The pages of the tree with their full path, the gate in front of them and whether they load lazily. */
function leaves(routes: RouteObject[], parent = '', signedIn = false): Leaf[] {
  return routes.flatMap((route) => {
    const path = route.path === undefined ? parent : `${parent}/${route.path}`;
    const element = elementOf(route);
    if (route.children) return leaves(route.children, path, signedIn || element?.type === SessionGate);
    const gated = element.type === RequirePermission;
    return [
      {
        path: path || '/',
        gate: gated ? (element.props.needs ?? []) : signedIn ? 'signed-in' : 'public',
        lazy: isLazy(gated ? element.props.children : element),
      },
    ];
  });
}

const pages = leaves(ROUTES).filter((l) => l.path !== '/*');

/** The page the router shows at `href` (not the "page not found" catch-all). */
function pageAt(href: string): Leaf | undefined {
  const match = matchRoutes(ROUTES, href)?.at(-1)?.route;
  if (!match || match.path === '*') return undefined;
  return leaves([{ ...match, path: undefined }], href === '/' ? '' : href)[0];
}

describe('the route registry', () => {
  it('declares each path once', () => {
    const paths = PAGE_ROUTES.map((r) => r.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    const treePaths = pages.map((p) => p.path);
    expect(treePaths.filter((p, i) => treePaths.indexOf(p) !== i)).toEqual([]);
  });

  it('gives every menu and home page link a page, behind the permissions the link is shown for', () => {
    for (const destination of DESTINATIONS) {
      const page = pageAt(destination.href);
      expect(page, `${destination.href} has no route`).toBeDefined();
      const gate = page?.gate;
      // A public page's link may be listed for some signed-in users only; it still opens for all.
      if (gate === 'public') continue;
      expect([...destination.needs].sort(), destination.href).toEqual(
        gate === 'signed-in' ? [] : [...(gate ?? [])].sort(),
      );
    }
  });

  it('narrows a link with `listedFor` only on public pages (elsewhere the page’s own permissions rule)', () => {
    const misplaced = PAGE_ROUTES.filter((r) => r.menu?.listedFor && r.access !== 'public').map((r) => r.path);
    expect(misplaced).toEqual([]);
  });

  it('keeps the first download to the pages nearly everyone opens first', () => {
    expect(pages.filter((p) => !p.lazy).map((p) => p.path)).toEqual(['/sign-in', '/', '/account', '/team']);
  });

  it('gates every page as reviewed (a change here is an access change)', () => {
    const lines = pages.map((p) => `${p.path} ${Array.isArray(p.gate) ? p.gate.join(' + ') : p.gate}`);
    expect(lines.sort()).toMatchSnapshot();
  });
});
