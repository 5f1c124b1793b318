import { Textarea } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { CASE_NOTE_MAX } from '../../../common/cases';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { addNote } from './cases-api';

/** A plain-text case note. */
export function NoteForm({ referralId, onSaved }: { referralId: string; onSaved: (notice: string) => void }) {
  const [round, setRound] = useState(0);
  const write = useSubmit({
    mutationFn: (body: string) => addNote(referralId, { body }),
    labels: { body: 'Note' },
    onSuccess: () => {
      setRound((n) => n + 1);
      onSaved('Case note added');
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get('body') ?? '').trim();
    if (!body) return setErrors({ fields: { body: 'Enter the note' }, form: null });
    if (body.length > CASE_NOTE_MAX) {
      return setErrors({ fields: { body: 'Note must be 4,000 characters or fewer' }, form: null });
    }
    void write.submit(body);
  }

  return (
    <form onSubmit={submit} noValidate key={round} aria-labelledby="note-heading">
      <h2 id="note-heading">Add a case note</h2>
      <ErrorSummary errors={summaryOf(errors, ['body'])} revision={errors} />
      <Textarea
        id="body"
        name="body"
        label="Note"
        hint="Plain text, up to 4,000 characters. Everyone in the team who opens this case can read it."
        rows={4}
        error={errors.fields.body}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Add note'}</Button>
    </form>
  );
}
