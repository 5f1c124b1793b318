import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type SystemClient, WEBHOOK_SIGNATURE_HEADER, type WebhookSetAnswer } from '../../../../common/system-clients';
import { useSubmit } from '../../../app/use-submit';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { TextField } from '../../../ui/FormFields';
import { summaryOf } from '../../../ui/form-errors';
import { formatDateTime } from '../../../ui/format';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { TableScroll } from '../../../ui/TableScroll';
import { Tag } from '../../../ui/Tag';
import { deliveriesKey, removeWebhook, SYSTEM_CLIENTS_KEY, setWebhook, useDeliveries } from './system-clients-api';

const LABELS = { url: 'Webhook address' };

/**
 * Where a system gets the message back pushed (signed), and how each delivery went: status,
 * attempts, last error. The signing secret is shown once, when the webhook is set.
 */
export function WebhookDetails({ client }: { client: SystemClient }) {
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<WebhookSetAnswer | null>(null);
  const [url, setUrl] = useState(client.webhookUrl ?? '');
  const queryClient = useQueryClient();
  const deliveries = useDeliveries(client.id, open);
  const write = useSubmit({
    mutationFn: setWebhook,
    labels: LABELS,
    onSuccess: async (answer) => {
      setSecret(answer);
      await queryClient.invalidateQueries({ queryKey: SYSTEM_CLIENTS_KEY });
    },
  });
  const [removing, setRemoving] = useState(false);
  async function remove() {
    setRemoving(true);
    try {
      await removeWebhook(client.id);
      setSecret(null);
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: SYSTEM_CLIENTS_KEY });
      await queryClient.invalidateQueries({ queryKey: deliveriesKey(client.id) });
    } finally {
      setRemoving(false);
    }
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!url.trim()) return write.setErrors({ fields: { url: 'Enter the webhook address' }, form: null });
    void write.submit({ id: client.id, url: url.trim() });
  }
  const id = `webhook-${client.id}`;
  return (
    <details className="nhsuk-details" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Message back webhook of {client.name}: {client.webhookUrl ? 'set' : 'not set'}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <ErrorSummary errors={summaryOf(write.errors, ['url'], `${id}-url`)} revision={write.errors} />
        {secret && (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>Copy the signing secret now
            </h3>
            <p>
              <code data-testid="webhook-secret" className="waymark-break-all">
                {secret.webhookSecret}
              </code>
            </p>
            <p>
              Give it to the system's supplier. Each message back is signed with it in the {WEBHOOK_SIGNATURE_HEADER}{' '}
              header. This is the only time it is shown: setting the webhook again makes a new one.
            </p>
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            id={`${id}-url`}
            label={LABELS.url}
            hint="An https:// address of the GP system, on a public network. Waymark posts each new message back there."
            value={url}
            error={write.errors.fields.url}
            onChange={setUrl}
          />
          <div className="waymark-button-group">
            <Button disabled={write.busy}>Set webhook</Button>
            {client.webhookUrl && (
              <Button type="button" variant="secondary" disabled={removing} onClick={() => void remove()}>
                Remove webhook
              </Button>
            )}
          </div>
        </form>
        <h3 className="nhsuk-heading-s">Deliveries</h3>
        {deliveries.error ? (
          <ServiceProblem error={deliveries.error} />
        ) : deliveries.isPending ? (
          <Loading what="deliveries" />
        ) : deliveries.data.deliveries.length === 0 ? (
          <p>No message back has been sent to this system yet.</p>
        ) : (
          <TableScroll label={`Deliveries to ${client.name}`}>
            <table className="nhsuk-table">
              <caption className="nhsuk-u-visually-hidden">Deliveries to {client.name}</caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {deliveries.data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>
                      {d.status === 'delivered' ? (
                        <Tag colour="green">Delivered</Tag>
                      ) : (
                        <Tag colour="yellow">Waiting</Tag>
                      )}
                      {d.status === 'delivered' && d.deliveredAt && (
                        <span className="nhsuk-body-s"> {formatDateTime(d.deliveredAt)}</span>
                      )}
                      {d.status === 'pending' && d.nextAttemptAt && (
                        <span className="nhsuk-body-s"> next try {formatDateTime(d.nextAttemptAt)}</span>
                      )}
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastError ?? 'None'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </details>
  );
}
