import { lazyPage, type PageRoute } from '../../app/page-route';

// Public: residents refer themselves to their PCN's social prescribing team, and check on it.
// biome-ignore format: one page a line, read as a table
export const SELF_REFERRAL_ROUTES: PageRoute[] = [
  { path: 'self-referral', access: 'public', page: lazyPage(() => import('./StartPage'), 'StartPage') },
  { path: 'self-referral/check', access: 'public', page: lazyPage(() => import('./CheckAnswersPage'), 'CheckAnswersPage') },
  { path: 'self-referral/confirmation', access: 'public', page: lazyPage(() => import('./ConfirmationPage'), 'ConfirmationPage') },
  { path: 'self-referral/group/:serviceId', access: 'public', page: lazyPage(() => import('./GroupStartPage'), 'GroupStartPage') },
  { path: 'self-referral/status', access: 'public', page: lazyPage(() => import('./StatusPage'), 'StatusPage') },
  { path: 'self-referral/:step', access: 'public', page: lazyPage(() => import('./QuestionPage'), 'QuestionPage') },
];
