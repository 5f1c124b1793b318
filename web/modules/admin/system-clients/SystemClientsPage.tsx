import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SYSTEM_CLIENT_SCOPES } from '../../../../common/permissions';
import {
  AUTH_METHOD_LABELS,
  SCOPE_LABELS,
  type SystemClient,
  type SystemClientCreated,
} from '../../../../common/system-clients';
import { useSubmit } from '../../../app/use-submit';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { CheckboxesField, SelectField, TextAreaField, TextField } from '../../../ui/FormFields';
import { hasErrors, summaryOf } from '../../../ui/form-errors';
import { formatDateTime } from '../../../ui/format';
import { Radios } from '../../../ui/Radios';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { TableScroll } from '../../../ui/TableScroll';
import { Tag } from '../../../ui/Tag';
import { usePageTitle } from '../../../ui/use-page-title';
import { useOrganisationTree } from '../organisations/organisations-api';
import {
  type NewSystemClient,
  registerSystemClient,
  revokeSystemClient,
  SYSTEM_CLIENTS_KEY,
  useSystemClients,
} from './system-clients-api';
import { WebhookDetails } from './WebhookDetails';

const LABELS: Record<string, string> = {
  name: 'Name of the system',
  organisationId: 'Acts for',
  authMethod: 'How it proves who it is',
  jwks: 'Public key (JWKS)',
  scopes: 'What it may do',
};
const ORDER = ['name', 'organisationId', 'authMethod', 'jwks', 'scopes'];

/** Systems that talk to Waymark over FHIR (issue 17): register, see the secret once, revoke. */
export function SystemClientsPage() {
  const clients = useSystemClients();
  const [created, setCreated] = useState<SystemClientCreated | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('System clients');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <h1>System clients</h1>
        <p>
          GP systems and other NHS services that send referrals to Waymark over FHIR. Each acts for one GP practice or
          primary care network, and may do only what you allow it, within what staff there could do.
        </p>
        {created && <CreatedPanel created={created} />}
        {notice && (
          <div className="nhsuk-inset-text" role="status">
            <p>{notice}</p>
          </div>
        )}
        <h2>Registered systems</h2>
        {clients.error ? (
          <ServiceProblem error={clients.error} />
        ) : clients.isPending ? (
          <Loading what="system clients" />
        ) : clients.data.clients.length === 0 ? (
          <p>No systems are registered yet.</p>
        ) : (
          <ClientsTable
            clients={clients.data.clients}
            onRevoked={(c) => {
              setCreated(null);
              setNotice(`${c.name} has been revoked: its tokens no longer work and it cannot get new ones.`);
            }}
          />
        )}
        {clients.data?.clients.some((c) => !c.revokedAt && c.scopes.includes('gpmessage.read')) && (
          <section aria-labelledby="webhooks-heading" className="nhsuk-u-margin-top-5">
            <h2 id="webhooks-heading">Message back webhooks</h2>
            <p>
              A system that reads the message back may also have it pushed to its own address, signed, as each discharge
              happens. Waymark retries a failed delivery until it succeeds.
            </p>
            {clients.data.clients
              .filter((c) => !c.revokedAt && c.scopes.includes('gpmessage.read'))
              .map((c) => (
                <WebhookDetails key={c.id} client={c} />
              ))}
          </section>
        )}
        <RegisterForm
          onCreated={(c) => {
            setNotice(null);
            setCreated(c);
          }}
        />
      </div>
    </div>
  );
}

function CreatedPanel({ created }: { created: SystemClientCreated }) {
  return (
    <section className="nhsuk-card nhsuk-card--feature" aria-labelledby="created-heading">
      <div className="nhsuk-card__content nhsuk-card__content--feature">
        <h2 className="nhsuk-card__heading nhsuk-card__heading--feature" id="created-heading">
          {created.name} is registered
        </h2>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Client ID</dt>
            <dd className="nhsuk-summary-list__value">
              <code data-testid="client-id">{created.id}</code>
            </dd>
          </div>
          {created.clientSecret && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Client secret</dt>
              <dd className="nhsuk-summary-list__value">
                <code data-testid="client-secret" className="waymark-break-all">
                  {created.clientSecret}
                </code>
              </dd>
            </div>
          )}
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Token URL</dt>
            <dd className="nhsuk-summary-list__value">
              <code>{created.tokenUrl}</code>
            </dd>
          </div>
        </dl>
        {created.clientSecret && (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>Copy the secret now
            </h3>
            <p>
              This is the only time the secret is shown. Waymark keeps only a scrambled copy it cannot read back. If it
              is lost, revoke this client and register a new one.
            </p>
          </div>
        )}
      </div>
    </section>
  );
}

function ClientsTable({ clients, onRevoked }: { clients: SystemClient[]; onRevoked: (c: SystemClient) => void }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  async function revoke(c: SystemClient) {
    setBusy(c.id);
    setProblem(null);
    try {
      await revokeSystemClient(c.id);
      await queryClient.invalidateQueries({ queryKey: SYSTEM_CLIENTS_KEY });
      onRevoked(c);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The client could not be revoked. Try again.');
    } finally {
      setBusy(null);
    }
  }
  return (
    <>
      {problem && (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <p>{problem}</p>
        </div>
      )}
      <TableScroll label="Registered systems">
        <table className="nhsuk-table">
          <caption className="nhsuk-u-visually-hidden">Registered systems</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">System</th>
              <th scope="col">Acts for</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {clients.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.name}
                  <br />
                  <span className="nhsuk-body-s">
                    {`${c.authMethod === 'private_key_jwt' ? 'Signed JWT' : 'Client secret'}; may ${c.scopes.join(', ')}; registered ${formatDateTime(c.createdAt)}`}
                  </span>
                </td>
                <td>
                  {c.organisation.name}
                  {c.organisation.code ? ` (${c.organisation.code})` : ''}
                </td>
                <td>{c.revokedAt ? <Tag colour="grey">Revoked</Tag> : <Tag colour="green">Active</Tag>}</td>
                <td>
                  {!c.revokedAt && (
                    <Button
                      type="button"
                      variant="secondary"
                      small
                      disabled={busy === c.id}
                      onClick={() => void revoke(c)}
                    >
                      Revoke<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function RegisterForm({ onCreated }: { onCreated: (c: SystemClientCreated) => void }) {
  const tree = useOrganisationTree();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [authMethod, setAuthMethod] = useState<NewSystemClient['authMethod']>('private_key_jwt');
  const [jwks, setJwks] = useState('');
  const [scopes, setScopes] = useState<string[]>(['referral.create', 'referral.read']);
  const write = useSubmit({
    mutationFn: registerSystemClient,
    labels: LABELS,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: SYSTEM_CLIENTS_KEY });
      setName('');
      setJwks('');
      onCreated(created);
      window.scrollTo(0, 0);
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle('System clients', hasErrors(errors));

  const organisations = [
    { value: '', text: 'Select a GP practice or primary care network' },
    ...(tree.data?.icbs ?? []).flatMap((icb) =>
      icb.pcns.flatMap((pcn) => [
        { value: pcn.id, text: `${pcn.name} (${pcn.code}): the whole PCN` },
        ...pcn.practices.map((p) => ({ value: p.id, text: `${p.name} (${p.code})` })),
      ]),
    ),
  ];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter the name of the system';
    if (!organisationId) fields.organisationId = 'Select the GP practice or PCN it acts for';
    if (authMethod === 'private_key_jwt' && !jwks.trim()) fields.jwks = 'Paste the system’s public key (JWKS)';
    if (scopes.length === 0) fields.scopes = 'Select at least one thing it may do';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      name: name.trim(),
      organisationId,
      authMethod,
      ...(authMethod === 'private_key_jwt' ? { jwks } : {}),
      scopes,
    });
  }

  return (
    <section aria-labelledby="register-heading" className="nhsuk-u-margin-top-7">
      <ErrorSummary errors={summaryOf(errors, ORDER, 'name')} revision={errors} />
      <h2 id="register-heading">Register a system</h2>
      {tree.error ? (
        <ServiceProblem error={tree.error} />
      ) : (
        <form onSubmit={submit} noValidate className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <TextField
              id="name"
              label={LABELS.name as string}
              hint="For example, EMIS Web at Riverside Surgery"
              value={name}
              error={errors.fields.name}
              onChange={setName}
            />
            <SelectField
              id="organisationId"
              label={LABELS.organisationId as string}
              hint="Its referrals go to this practice’s PCN, and it sees only this organisation’s referrals"
              value={organisationId}
              options={organisations}
              error={errors.fields.organisationId}
              onChange={setOrganisationId}
            />
            <Radios
              name="authMethod"
              legend={LABELS.authMethod as string}
              options={[
                { value: 'private_key_jwt', label: 'Signed JWT (preferred)', hint: AUTH_METHOD_LABELS.private_key_jwt },
                { value: 'client_secret', label: 'Client secret', hint: AUTH_METHOD_LABELS.client_secret },
              ]}
              defaultValue={authMethod}
              error={errors.fields.authMethod}
              onChange={(v) => setAuthMethod(v as NewSystemClient['authMethod'])}
            />
            {authMethod === 'private_key_jwt' && (
              <TextAreaField
                id="jwks"
                label={LABELS.jwks as string}
                hint='The public keys the system signs with, as JSON: {"keys": [ … ]}. Never the private key.'
                value={jwks}
                rows={6}
                error={errors.fields.jwks}
                onChange={setJwks}
              />
            )}
            <CheckboxesField
              id="scopes"
              legend={LABELS.scopes as string}
              options={SYSTEM_CLIENT_SCOPES.map((s) => ({ value: s, text: `${SCOPE_LABELS[s]} (${s})` }))}
              checked={scopes}
              error={errors.fields.scopes ?? errors.fields['scopes.0']}
              onChange={setScopes}
            />
            <Button disabled={busy}>Register system</Button>
          </div>
        </form>
      )}
    </section>
  );
}
