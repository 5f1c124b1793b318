import type { ButtonHTMLAttributes } from 'react';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'warning' | 'reverse';
  small?: boolean;
}

/** NHS.UK button. `aria-disabled` rather than `disabled` while busy keeps it focusable. */
export function Button({ variant = 'primary', small, className, type = 'submit', ...rest }: ButtonProps) {
  const classes = ['nhsuk-button'];
  if (variant !== 'primary') classes.push(`nhsuk-button--${variant}`);
  if (small) classes.push('nhsuk-button--small');
  if (className) classes.push(className);
  return <button type={type} className={classes.join(' ')} {...rest} />;
}
