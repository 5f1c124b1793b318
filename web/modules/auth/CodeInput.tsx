import { TextInput } from 'nhsuk-react-components';

/** The 6-digit authenticator code field, used at sign-in and when setting up the second factor. */
export function CodeInput({ error }: { error?: string }) {
  return (
    <TextInput
      id="code"
      name="code"
      label="Security code"
      labelProps={{ size: 's' }}
      hint="The 6-digit code shown in your authenticator app"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      width={10}
      error={error}
    />
  );
}
