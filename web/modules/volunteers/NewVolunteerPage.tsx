import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { BackLink } from '../../ui/BackLink';
import { usePageTitle } from '../../ui/use-page-title';
import { VolunteerDetailsForm } from './VolunteerDetailsForm';
import { createVolunteer, volunteerSaved } from './volunteers-api';

export function NewVolunteerPage() {
  usePageTitle('Record a volunteer');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <BackLink to="/volunteers">Volunteers</BackLink>
      <h1>Record a volunteer</h1>
      <p>Only your PCN's team sees these details. Record their checks and training on their page once saved.</p>
      <VolunteerDetailsForm
        submitLabel="Save volunteer"
        save={(body) => createVolunteer({ ...body, startedOn: body.startedOn ?? '' })}
        onSaved={async (record) => {
          await volunteerSaved(queryClient, record);
          navigate(`/volunteers/${record.id}`, { state: { notice: `${record.name} recorded` } });
        }}
      />
    </>
  );
}
