import { lazyPage, type PageRoute } from '../../app/page-route';
import { SignInPage } from './SignInPage';

const ForgotPasswordPage = lazyPage(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./ResetPasswordPage'), 'ResetPasswordPage');

// biome-ignore format: one page a line, read as a table
export const AUTH_ROUTES: PageRoute[] = [
  { path: 'sign-in', access: 'public', page: SignInPage },
  { path: 'forgot-password', access: 'public', page: ForgotPasswordPage },
  { path: 'reset-password', access: 'public', page: ResetPasswordPage },
];
