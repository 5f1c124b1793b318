import { useQueryClient } from '@tanstack/react-query';
import { Select, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { passwordRuleProblem } from '../../../../common/password-rules';
import {
  DEFAULT_BAND,
  ROLE_LABELS,
  ROLE_ORGANISATION,
  ROLES,
  type Role,
  type TeamRole,
} from '../../../../common/roles';
import { useSubmit } from '../../../app/use-submit';
import { BackLink } from '../../../ui/BackLink';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { hasErrors, phrase, summaryOf } from '../../../ui/form-errors';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { usePageTitle } from '../../../ui/use-page-title';
import { useOrganisationTree } from '../organisations/organisations-api';
import { OrganisationOptions } from './OrganisationOptions';
import { StaffFields } from './StaffFields';
import { isTeamRole, readStaffNumbers, STAFF_LABELS } from './staff-fields';
import { createUser, USERS_KEY } from './users-api';

const LABELS = {
  name: 'Full name',
  email: 'Email address',
  role: 'Role',
  organisationId: 'Organisation',
  password: 'Temporary password',
  ...STAFF_LABELS,
};
const ORDER = ['name', 'email', 'role', 'organisationId', 'band', 'fte', 'caseloadCapacity', 'password'];

const ORGANISATION_HINT = {
  practice: 'The GP practice this person works at',
  pcn: 'The primary care network whose social prescribing team this person works in',
  vcs: 'The voluntary or community organisation this person works for',
  icb: 'The integrated care board this person works for',
} as const;

export function AddUserPage() {
  const [role, setRole] = useState<Role | ''>('');
  const tree = useOrganisationTree();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const write = useSubmit({
    mutationFn: createUser,
    labels: LABELS,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      navigate('/admin/users', { state: { notice: `${created.name} has been added` } });
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle('Add a user', hasErrors(errors));
  if (tree.error) return <ServiceProblem error={tree.error} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const fields: Record<string, string> = {};
    const name = text('name');
    const email = text('email');
    const organisationId = text('organisationId');
    const password = String(form.get('password') ?? '');
    if (name.length < 2) fields.name = name ? 'Full name must be at least 2 characters' : 'Enter their full name';
    if (!email) fields.email = 'Enter their email address';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      fields.email = 'Enter an email address in the correct format, like name@example.org';
    if (!role) fields.role = 'Select a role';
    if (role && !organisationId) fields.organisationId = 'Select an organisation';
    const weak = password ? passwordRuleProblem(password, email) : null;
    if (!password) fields.password = 'Enter a temporary password';
    else if (weak) fields.password = phrase(LABELS.password, weak);
    const staff = isTeamRole(role) ? readStaffNumbers(form, fields) : null;
    if (Object.keys(fields).length > 0 || !role) return setErrors({ fields, form: null });
    void write.submit({ name, email, role, organisationId, password, ...(staff ?? {}) });
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/admin/users">Back to users</BackLink>
        <ErrorSummary errors={summaryOf(errors, ORDER, 'name')} revision={errors} />
        <h1>Add a user</h1>
        {tree.isPending ? (
          <Loading what="organisations" />
        ) : (
          <form onSubmit={submit} noValidate>
            <TextInput id="name" name="name" label={LABELS.name} autoComplete="off" error={errors.fields.name} />
            <TextInput
              id="email"
              name="email"
              type="email"
              label={LABELS.email}
              hint="Their work email address. They sign in with it."
              autoComplete="off"
              spellCheck={false}
              error={errors.fields.email}
            />
            <Select
              id="role"
              name="role"
              label={LABELS.role}
              value={role}
              onChange={(event) => setRole(event.target.value as Role | '')}
              error={errors.fields.role}
            >
              <Select.Option value="">Select a role</Select.Option>
              {ROLES.map((r) => (
                <Select.Option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </Select.Option>
              ))}
            </Select>
            {role && (
              <Select
                key={ROLE_ORGANISATION[role]}
                id="organisationId"
                name="organisationId"
                label={LABELS.organisationId}
                hint={ORGANISATION_HINT[ROLE_ORGANISATION[role]]}
                defaultValue=""
                error={errors.fields.organisationId}
              >
                <OrganisationOptions tree={tree.data} kind={ROLE_ORGANISATION[role]} />
              </Select>
            )}
            {role && isTeamRole(role) && (
              <StaffFields
                key={role}
                errors={errors.fields}
                defaults={{ band: DEFAULT_BAND[role as TeamRole], fte: 1 }}
              />
            )}
            <TextInput
              id="password"
              name="password"
              type="password"
              label={LABELS.password}
              hint="12 characters or more, not a common password. Give it to them securely, never in the same email as their address. They can change it under Your account."
              autoComplete="new-password"
              error={errors.fields.password}
            />
            <Button aria-disabled={busy || undefined}>{busy ? 'Adding…' : 'Add user'}</Button>
          </form>
        )}
      </div>
    </div>
  );
}
