import { type FormEvent, useState } from 'react';
import type { Me } from '../../../common/api-types';
import { errorsFromApi, type FormErrors, hasErrors, NO_ERRORS } from '../../ui/form-errors';
import { normaliseCode, validateCode } from './code-format';

/** Submit handling shared by "enter your code" and "set up your authenticator". */
export function useCodeForm(send: (code: string) => Promise<{ me: Me }>, onSignedIn: (me: Me) => void) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const input = event.currentTarget.elements.namedItem('code') as HTMLInputElement | null;
    const code = normaliseCode(input?.value ?? '');
    const problem = validateCode(code);
    if (problem) {
      setErrors({ fields: { code: problem }, form: null });
      return;
    }
    setBusy(true);
    try {
      const { me } = await send(code);
      setErrors(NO_ERRORS);
      onSignedIn(me);
    } catch (error) {
      const found = errorsFromApi(error, { code: 'Security code' });
      // A wrong code is about the field: show it there, not as a form-level message.
      setErrors(
        found.form && Object.keys(found.fields).length === 0 ? { fields: { code: found.form }, form: null } : found,
      );
      if (input) input.value = '';
    } finally {
      setBusy(false);
    }
  }

  return { errors, busy, submit, hasErrors: hasErrors(errors) };
}
