import { useQueryClient } from '@tanstack/react-query';
import { Select, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { StaffMember } from '../../../../common/api-types';
import { ROLE_LABELS, ROLE_ORGANISATION, ROLES, type Role } from '../../../../common/roles';
import { ApiError } from '../../../app/api';
import { NotFoundPage } from '../../../app/NotFoundPage';
import { useSignedInMe } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { BackLink } from '../../../ui/BackLink';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { type FormErrors, hasErrors, NO_ERRORS, summaryOf } from '../../../ui/form-errors';
import { Radios } from '../../../ui/Radios';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { usePageTitle } from '../../../ui/use-page-title';
import { SecondFactorReset } from './SecondFactorReset';
import { StaffFields } from './StaffFields';
import { isTeamRole, readStaffNumbers, STAFF_LABELS } from './staff-fields';
import { USERS_KEY, type UserChanges, updateUser, useUser } from './users-api';

const LABELS = { name: 'Full name', role: 'Role', active: 'Can sign in', ...STAFF_LABELS };
const ORDER = ['name', 'role', 'band', 'fte', 'caseloadCapacity', 'active'];

const CONFLICT: FormErrors = {
  fields: {},
  form: 'Someone else changed this user while you were editing. The form now shows their latest details: check them and make your change again.',
};

export function EditUserPage() {
  const { userId } = useParams();
  const { data: user, error, isPending } = useUser(userId);
  const [conflict, setConflict] = useState<FormErrors | null>(null);
  usePageTitle('Change a user');
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the user" />;
  // Keyed by version: when someone else's change arrives, the form starts again from it.
  return (
    <EditUserForm
      key={`${user.id}:${user.version}`}
      user={user}
      initialErrors={conflict ?? NO_ERRORS}
      onConflict={() => setConflict({ ...CONFLICT })}
    />
  );
}

function EditUserForm({
  user,
  initialErrors,
  onConflict,
}: {
  user: StaffMember;
  initialErrors: FormErrors;
  onConflict: () => void;
}) {
  const me = useSignedInMe();
  const [role, setRole] = useState<Role>(user.role);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const write = useSubmit({
    mutationFn: (changes: UserChanges) => updateUser(user.id, changes),
    labels: LABELS,
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      navigate('/admin/users', { state: { notice: `${updated.name}'s details have been saved` } });
    },
    onConflict: () => {
      // Reload: the form re-renders from the latest version (see the key above) with the message.
      onConflict();
      write.setErrors({ ...CONFLICT });
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const { busy, setErrors } = write;
  // The conflict message stays until this form has errors of its own.
  const errors = hasErrors(write.errors) ? write.errors : initialErrors;
  usePageTitle(`Change ${user.name}`, hasErrors(errors));
  const isSelf = me.user.id === user.id;
  // The organisation cannot change here, so only roles that belong to the same kind of organisation.
  const roles = ROLES.filter((r) => ROLE_ORGANISATION[r] === ROLE_ORGANISATION[user.role]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields: Record<string, string> = {};
    const name = String(form.get('name') ?? '').trim();
    if (name.length < 2) fields.name = name ? 'Full name must be at least 2 characters' : 'Enter their full name';
    const staff = isTeamRole(role) ? readStaffNumbers(form, fields) : null;
    const active = isSelf ? user.active : form.get('active') === 'yes';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    // Send only what changed, with the version read: a stale version is refused (409).
    const changes: UserChanges = { version: user.version };
    if (name !== user.name) changes.name = name;
    if (role !== user.role) changes.role = role;
    if (active !== user.active) changes.active = active;
    if (staff) {
      if (staff.band !== user.band) changes.band = staff.band;
      if (staff.fte !== user.fte) changes.fte = staff.fte;
      if (staff.caseloadCapacity !== user.caseloadCapacity) changes.caseloadCapacity = staff.caseloadCapacity;
    }
    void write.submit(changes);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/admin/users">Back to users</BackLink>
        <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
        <h1>
          <span className="nhsuk-caption-l">{user.organisation.name}</span>
          Change {user.name}
        </h1>
        <p>
          Email address: <strong>{user.email}</strong>
        </p>
        {isTeamRole(user.role) && (
          <p>
            <Link to={`/team/members/${user.id}`}>Team profile, training and supervision</Link>
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <TextInput id="name" name="name" label={LABELS.name} defaultValue={user.name} error={errors.fields.name} />
          <Select
            id="role"
            name="role"
            label={LABELS.role}
            hint={roles.length > 1 ? undefined : 'Only this role belongs to their kind of organisation.'}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            error={errors.fields.role}
          >
            {roles.map((r) => (
              <Select.Option key={r} value={r}>
                {ROLE_LABELS[r]}
              </Select.Option>
            ))}
          </Select>
          {isTeamRole(role) && (
            <StaffFields
              errors={errors.fields}
              defaults={{ band: user.band, fte: user.fte, caseloadCapacity: user.caseloadCapacity }}
            />
          )}
          {isSelf ? (
            <p>You cannot deactivate your own account.</p>
          ) : (
            <Radios
              name="active"
              legend="Can they sign in?"
              hint="Deactivated users cannot sign in. Their history stays in Waymark."
              options={[
                { value: 'yes', label: 'Yes, active' },
                { value: 'no', label: 'No, deactivated' },
              ]}
              defaultValue={user.active ? 'yes' : 'no'}
              error={errors.fields.active}
            />
          )}
          <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save changes'}</Button>
        </form>
        <SecondFactorReset user={user} isSelf={isSelf} />
      </div>
    </div>
  );
}
