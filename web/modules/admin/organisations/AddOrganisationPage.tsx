import { useQueryClient } from '@tanstack/react-query';
import { Select, TextInput } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { OrganisationTree } from '../../../../common/api-types';
import { NotFoundPage } from '../../../app/NotFoundPage';
import { useSubmit } from '../../../app/use-submit';
import { BackLink } from '../../../ui/BackLink';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { hasErrors, summaryOf } from '../../../ui/form-errors';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { usePageTitle } from '../../../ui/use-page-title';
import { createOrganisation, type NewOrganisation, ORGANISATIONS_KEY, useOrganisationTree } from './organisations-api';

type Kind = NewOrganisation['kind'];

const PAGES = {
  pcn: {
    title: 'Add a primary care network',
    parent: { id: 'icbId', label: 'Integrated care board' },
    codeHint: 'The PCN’s ODS code: U followed by 5 digits, like U12345',
    codePattern: /^U[0-9]{5}$/,
    codeFormat: 'PCN ODS code must be U followed by 5 digits, like U12345',
  },
  practice: {
    title: 'Add a GP practice',
    parent: { id: 'pcnId', label: 'Primary care network' },
    codeHint: 'The practice’s ODS code: a letter followed by 5 digits, like B86001',
    codePattern: /^[A-Z][0-9]{5}$/,
    codeFormat: 'Practice ODS code must be a letter followed by 5 digits, like B86001',
  },
  vcs: {
    title: 'Add a voluntary sector organisation',
    parent: { id: 'icbId', label: 'Integrated care board' },
    codeHint: '',
    codePattern: null,
    codeFormat: '',
  },
} as const;

function isKind(kind: string | undefined): kind is Kind {
  return kind === 'pcn' || kind === 'practice' || kind === 'vcs';
}

export function AddOrganisationPage() {
  const { kind } = useParams();
  if (!isKind(kind)) return <NotFoundPage />;
  return <AddOrganisationForm key={kind} kind={kind} />;
}

function ParentOptions({ tree, kind }: { tree: OrganisationTree; kind: Kind }) {
  if (kind === 'practice') {
    return (
      <>
        <Select.Option value="">Select a primary care network</Select.Option>
        {tree.icbs.map((icb) => (
          <optgroup key={icb.id} label={icb.name}>
            {icb.pcns.map((pcn) => (
              <option key={pcn.id} value={pcn.id}>
                {pcn.name} ({pcn.code})
              </option>
            ))}
          </optgroup>
        ))}
      </>
    );
  }
  return (
    <>
      {tree.icbs.length > 1 && <Select.Option value="">Select an integrated care board</Select.Option>}
      {tree.icbs.map((icb) => (
        <Select.Option key={icb.id} value={icb.id}>
          {icb.name} ({icb.code})
        </Select.Option>
      ))}
    </>
  );
}

function AddOrganisationForm({ kind }: { kind: Kind }) {
  const page = PAGES[kind];
  const labels: Record<string, string> = {
    [page.parent.id]: page.parent.label,
    code: 'ODS code',
    name: 'Name',
    charityNumber: 'Charity number',
  };
  const order = [page.parent.id, 'name', 'code', 'charityNumber'];
  const tree = useOrganisationTree();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const write = useSubmit({
    mutationFn: createOrganisation,
    labels,
    onSuccess: async (_, body) => {
      await queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });
      navigate('/admin/organisations', { state: { notice: `${body.name} has been added` } });
    },
  });
  const { busy, errors, setErrors } = write;
  usePageTitle(page.title, hasErrors(errors));
  if (tree.error) return <ServiceProblem error={tree.error} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const fields: Record<string, string> = {};
    const parentId = text(page.parent.id);
    const name = text('name');
    const code = text('code').toUpperCase();
    const charityNumber = text('charityNumber') || null;
    if (!parentId) fields[page.parent.id] = `Select the ${page.parent.label.toLowerCase()}`;
    if (name.length < 2) fields.name = name ? 'Name must be at least 2 characters' : 'Enter the name';
    if (page.codePattern) {
      if (!code) fields.code = 'Enter the ODS code';
      else if (!page.codePattern.test(code)) fields.code = page.codeFormat;
    }
    if (charityNumber && !/^[0-9]{6,8}(-[0-9]{1,2})?$/.test(charityNumber))
      fields.charityNumber = 'Charity number must be 6 to 8 digits, like 1123456';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    const body: NewOrganisation =
      kind === 'pcn'
        ? { kind, icbId: parentId, code, name }
        : kind === 'practice'
          ? { kind, pcnId: parentId, code, name }
          : { kind, icbId: parentId, name, charityNumber };
    void write.submit(body);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/admin/organisations">Back to organisations</BackLink>
        <ErrorSummary errors={summaryOf(errors, order, page.parent.id)} revision={errors} />
        <h1>{page.title}</h1>
        {tree.isPending ? (
          <Loading what="organisations" />
        ) : (
          <form onSubmit={submit} noValidate>
            <Select
              id={page.parent.id}
              name={page.parent.id}
              label={page.parent.label}
              defaultValue={kind !== 'practice' && tree.data.icbs.length === 1 ? tree.data.icbs[0]?.id : ''}
              error={errors.fields[page.parent.id]}
            >
              <ParentOptions tree={tree.data} kind={kind} />
            </Select>
            <TextInput id="name" name="name" label="Name" autoComplete="off" error={errors.fields.name} />
            {page.codePattern && (
              <TextInput
                id="code"
                name="code"
                label="ODS code"
                hint={page.codeHint}
                width={10}
                autoComplete="off"
                spellCheck={false}
                className="waymark-uppercase"
                error={errors.fields.code}
              />
            )}
            {kind === 'vcs' && (
              <TextInput
                id="charityNumber"
                name="charityNumber"
                label="Charity number (optional)"
                hint="Its number in the register of charities, if it is a registered charity"
                inputMode="numeric"
                width={10}
                autoComplete="off"
                spellCheck={false}
                error={errors.fields.charityNumber}
              />
            )}
            <Button aria-disabled={busy || undefined}>{busy ? 'Adding…' : page.title}</Button>
          </form>
        )}
      </div>
    </div>
  );
}
