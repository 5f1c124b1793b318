// For tests: the body of a care plan's first save (`PUT /api/people/:id/care-plan`), with the
// review date a test is about.

export const firstPlanBody = (reviewOn: string | null) => ({
  whatMattersToMe: 'Getting out more',
  strengths: 'Determined',
  needs: [],
  goals: [],
  actions: [],
  ifThingsGetWorse: 'Call the practice',
  agreedOn: null,
  reviewOn,
  version: 0,
});
