import type { RouteObject } from 'react-router';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import type { PageRoute } from './page-route';
import { PAGE_ROUTES } from './page-routes';
import { RequirePermission } from './RequirePermission';
import { RouteError } from './RouteError';
import { SessionGate } from './SessionGate';

// The route tree, built from the modules' page declarations (page-routes.ts). App.tsx hands it
// to the browser router; tests read it as it is (matchRoutes) without a browser.

function routeObject({ path, access, page: Page }: PageRoute): RouteObject {
  const element = Array.isArray(access) ? (
    <RequirePermission needs={access}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  );
  return path === '' ? { index: true, element } : { path, element };
}

export function routeTree(pages: PageRoute[]): RouteObject[] {
  return [
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        ...pages.filter((p) => p.access === 'public').map(routeObject),
        {
          // Everything else needs a signed-in user; anyone else goes to the sign-in page.
          element: <SessionGate />,
          children: [
            ...pages.filter((p) => p.access !== 'public').map(routeObject),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}

export const ROUTES = routeTree(PAGE_ROUTES);
