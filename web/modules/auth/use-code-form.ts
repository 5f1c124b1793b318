import type { FormEvent } from 'react';
import type { Me } from '../../../common/api-types';
import { useSubmit } from '../../app/use-submit';
import { errorsFromApi, hasErrors } from '../../ui/form-errors';
import { normaliseCode, validateCode } from './code-format';

/** Submit handling shared by "enter your code" and "set up your authenticator". */
export function useCodeForm(send: (code: string) => Promise<{ me: Me }>, onSignedIn: (me: Me) => void) {
  const write = useSubmit({
    mutationFn: send,
    labels: { code: 'Security code' },
    onSuccess: ({ me }) => onSignedIn(me),
    errorsFrom: (error) => {
      const found = errorsFromApi(error, { code: 'Security code' });
      // A wrong code is about the field: show it there, not as a form-level message.
      return found.form && Object.keys(found.fields).length === 0
        ? { fields: { code: found.form }, form: null }
        : found;
    },
    onError: () => {
      const input = document.getElementById('code') as HTMLInputElement | null;
      if (input) input.value = '';
    },
  });
  const { errors, busy, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('code') as HTMLInputElement | null;
    const code = normaliseCode(input?.value ?? '');
    const problem = validateCode(code);
    if (problem) return setErrors({ fields: { code: problem }, form: null });
    void write.submit(code);
  }

  return { errors, busy, submit, hasErrors: hasErrors(errors) };
}
