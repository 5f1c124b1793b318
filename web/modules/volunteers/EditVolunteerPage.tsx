import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { VolunteerDetailsForm } from './VolunteerDetailsForm';
import { updateVolunteer, useVolunteer, volunteerKey, volunteerSaved } from './volunteers-api';

export function EditVolunteerPage() {
  const { volunteerId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useVolunteer(volunteerId);
  const [conflict, setConflict] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : 'Change a volunteer’s details');
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the volunteer's details" />;
  return (
    <>
      <BackLink to={`/volunteers/${data.id}`}>{data.name}</BackLink>
      {conflict && <NotificationBanner heading={conflict}>The form now shows the latest details.</NotificationBanner>}
      <h1>
        <span className="nhsuk-caption-l">{data.name}</span>
        Change details
      </h1>
      <VolunteerDetailsForm
        key={`${data.version}:${round}`}
        current={data}
        submitLabel="Save changes"
        save={(body) => updateVolunteer(data.id, { ...body, version: data.version })}
        onSaved={async (record) => {
          await volunteerSaved(queryClient, record);
          navigate(`/volunteers/${record.id}`, { state: { notice: 'Details saved' } });
        }}
        onConflict={async (detail) => {
          setConflict(detail);
          await queryClient.invalidateQueries({ queryKey: volunteerKey(data.id) });
          setRound((n) => n + 1);
        }}
      />
    </>
  );
}
