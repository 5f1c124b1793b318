import { TextInput } from 'nhsuk-react-components';
import { PASSWORD_HINT } from './password-api';

/** The one "New password" field (change and reset), with the rules said up front. */
export function NewPasswordInput({ error }: { error: string | undefined }) {
  return (
    <TextInput
      id="newPassword"
      name="newPassword"
      type="password"
      label="New password"
      hint={PASSWORD_HINT}
      autoComplete="new-password"
      error={error}
    />
  );
}
