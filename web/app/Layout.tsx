import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { UnreadNotificationsLink } from '../modules/notifications/UnreadNotificationsLink';
import { OfflineBanner } from '../modules/public-app/OfflineBanner';
import { Footer } from '../ui/Footer';
import { Header } from '../ui/Header';
import { SkipLink } from '../ui/SkipLink';
import { SERVICE_NAME } from '../ui/use-page-title';
import { onSessionEnded } from './api';
import { destinationsFor, menuFor } from './navigation';
import { DestinationsContext } from './navigation-context';
import { forgetSession, hasPermission, useMe, useSignOut } from './session';
import { useFocusOnNavigation } from './use-focus-on-navigation';

export function Layout() {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  useFocusOnNavigation();

  // A 401 from any signed-in request: the server ended the session (30 min idle / 12 h).
  useEffect(() => onSessionEnded(() => forgetSession(queryClient, 'expired')), [queryClient]);

  const account = me ? { name: me.user.name, onSignOut: () => void signOut() } : undefined;

  return (
    <>
      <SkipLink />
      <Header
        serviceName={SERVICE_NAME}
        account={account}
        accountItems={hasPermission(me, 'notification.read') ? <UnreadNotificationsLink /> : undefined}
        navigation={me ? menuFor(me) : []}
      />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          <OfflineBanner />
          <DestinationsContext value={me ? destinationsFor(me) : []}>
            <Outlet />
          </DestinationsContext>
        </main>
      </div>
      <Footer />
    </>
  );
}
