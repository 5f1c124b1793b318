import { Textarea, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { reportOutOfDate } from './directory-api';
import { checkReport } from './report-form';

const LABELS = { message: 'What is out of date', reporter_email: 'Your email address' };
const ORDER = ['message', 'reporter_email'];
/**
 * "This is out of date": anyone, signed in or not, tells the care coordinators that a listing is
 * wrong. The report joins their review queue; nothing on the listing changes until they check it.
 */
export function ReportOutOfDate({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const write = useSubmit({
    mutationFn: (report: Parameters<typeof reportOutOfDate>[1]) => reportOutOfDate(serviceId, report),
    labels: LABELS,
    onSuccess: () => setSent(true),
  });
  const { busy, errors, setErrors } = write;
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) messageRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (sent) panelRef.current?.focus();
  }, [sent]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const message = String(data.get('message') ?? '').trim();
    const email = String(data.get('reporter_email') ?? '').trim();
    const fields = checkReport(message, email);
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({ message, ...(email ? { reporter_email: email } : {}) });
  }

  if (sent) {
    return (
      <div className="nhsuk-panel" ref={panelRef} tabIndex={-1} role="status" aria-labelledby="report-sent-heading">
        <h2 className="nhsuk-panel__heading" id="report-sent-heading">
          Thank you for your report
        </h2>
        <div className="nhsuk-panel__body">A care coordinator will check this listing.</div>
      </div>
    );
  }

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">Is this information wrong?</h2>
      <p>If something about {serviceName} has changed, such as its times, place or phone number, let us know.</p>
      {!open ? (
        <Button variant="secondary" type="button" aria-expanded={false} onClick={() => setOpen(true)}>
          Report that this information is out of date
        </Button>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="report-heading">
          <ErrorSummary errors={summaryOf(errors, ORDER, 'message')} revision={errors} />
          <Textarea
            id="message"
            name="message"
            label="What is out of date?"
            hint="For example, the group now meets on Thursdays. Do not include anyone’s personal or medical details."
            rows={4}
            ref={messageRef}
            error={errors.fields.message}
          />
          <TextInput
            id="reporter_email"
            name="reporter_email"
            type="email"
            label="Your email address (optional)"
            hint="Only if you are happy for us to contact you about your report"
            autoComplete="email"
            spellCheck={false}
            error={errors.fields.reporter_email}
          />
          <Button aria-disabled={busy || undefined}>{busy ? 'Sending…' : 'Send report'}</Button>
        </form>
      )}
    </section>
  );
}
