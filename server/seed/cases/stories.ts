import type { ContactMode } from '../../../common/cases.js';

// What the demo cases are about: the kinds of story a social prescribing team hears, each told
// through the referral, the plan, the contacts and the message back. Invented; no real person.

/** Which member of the team the allocation rules give such a case (allocation-rules.ts). */
export type StoryFit = 'coach' | 'link' | 'coordinator';

export interface Story {
  fit: StoryFit;
  /** For the invented person's name and age, so the story reads true. */
  sex: 'female' | 'male';
  ages: [number, number];
  reasons: string[];
  details: string;
  whatMattersToMe: string;
  strengths: string;
  needs: { domain: string; notes: string }[];
  goals: [string, string];
  /** "me" is the person; "worker" the allocated worker; anything else is named as written. */
  actions: { who: string; what: string }[];
  ifThingsGetWorse: string;
  /** Notes of the attended contacts, in order; the first is the first conversation. */
  contactNotes: string[];
  caseNotes: string[];
  /** The message back to the GP when the goals were met. */
  summary: string;
  /** The measure that fits the story best, given with ONS4 at baseline, review and discharge. */
  measure: 'swemwbs' | 'ucla3';
  modes: ContactMode[];
}

export const STORIES: Story[] = [
  // Complex or low activation: a health and wellbeing coach.
  {
    fit: 'coach',
    sex: 'female',
    ages: [55, 80],
    reasons: ['ltc_self_management', 'low_mood', 'physical_inactivity'],
    details:
      'Type 2 diabetes for ten years, HbA1c rising again. Says there is no point trying any more. Has stopped going to the structured education sessions.',
    whatMattersToMe: 'Being well enough to look after my grandson two days a week.',
    strengths: 'Good cook. Close to her daughter. Did the diabetes course once and remembers a lot of it.',
    needs: [
      { domain: 'ltc_self_management', notes: 'Not checking sugars; unsure what the numbers mean.' },
      { domain: 'low_mood', notes: 'Feels she has failed; low since her diagnosis review.' },
    ],
    goals: ['Walk to the school gate and back without stopping', 'Check my sugars three times a week'],
    actions: [
      { who: 'me', what: 'Write down my readings in the little book' },
      { who: 'worker', what: 'Find a walking group that starts slowly' },
      { who: 'Practice nurse', what: 'Go through the readings at the next review' },
    ],
    ifThingsGetWorse: 'Ring the practice and ask for the nurse; talk to my daughter.',
    contactNotes: [
      'First conversation. Agreed to start small: one walk a week with her daughter.',
      'Walked twice this week. Talked about what gets in the way: the hill and her knees.',
      'Tried the gentle walking group. Enjoyed the tea afterwards more than the walk.',
      'Readings written down for three weeks running. Proud of it.',
      'Walking group every week now. Planning what happens after our sessions end.',
    ],
    caseNotes: [
      'Spoke to the practice nurse (with consent) about the readings: review booked for next month.',
      'Sent the walking group timetable by post as she asked.',
    ],
    summary:
      'Worked with a health and wellbeing coach on self-management. Now walks with a local group weekly and records her readings; review with the practice nurse booked.',
    measure: 'swemwbs',
    modes: ['face_to_face', 'phone', 'face_to_face'],
  },
  {
    fit: 'coach',
    sex: 'female',
    ages: [25, 65],
    reasons: ['anxiety', 'social_isolation', 'frequent_attendance'],
    details:
      'Panic attacks when leaving the house. Seen eleven times this year, mostly about chest pain (investigations normal). Declined talking therapies twice.',
    whatMattersToMe: 'Getting to the shop on the corner on my own.',
    strengths: 'Very organised. Keeps in touch with a friend online every day. Wants to change.',
    needs: [
      { domain: 'anxiety', notes: 'Panic when outside; avoids buses entirely.' },
      { domain: 'social_isolation', notes: 'Has not seen anyone in person apart from family for months.' },
    ],
    goals: ['Go to the corner shop on my own', 'Meet my friend for a coffee in town'],
    actions: [
      { who: 'me', what: 'Practise the breathing exercise every morning' },
      { who: 'worker', what: 'Go with me to the shop the first time' },
      { who: 'me', what: 'Think again about talking therapies and tell my GP' },
    ],
    ifThingsGetWorse: 'Use the breathing exercise; ring NHS 111 option 2 if I feel unsafe.',
    contactNotes: [
      'Phone call: talked through what a good day looks like. Happy to try coaching.',
      'Home visit. Practised the breathing exercise together.',
      'Walked to the end of the street together and back.',
      'Went into the shop alone while I waited outside.',
      'Self-referred to talking therapies. Met her friend in town last weekend.',
    ],
    caseNotes: ['Cancelled one visit: felt too anxious; rang back the same afternoon.'],
    summary:
      'Coached over several sessions on managing panic. Now shops locally on her own and has self-referred to NHS Talking Therapies.',
    measure: 'swemwbs',
    modes: ['phone', 'home_visit', 'face_to_face'],
  },
  {
    fit: 'coach',
    sex: 'male',
    ages: [28, 55],
    reasons: ['weight', 'low_mood', 'ltc_self_management'],
    details:
      'BMI 41, sleep apnoea, knee pain. Tried slimming groups and stopped each time. Would like support that is not just about the scales.',
    whatMattersToMe: 'Being able to play football in the park with my kids.',
    strengths: 'Funny, determined once he starts. Supportive partner. Likes cooking.',
    needs: [
      { domain: 'weight', notes: 'Eats late after shifts; takeaways most nights.' },
      { domain: 'low_mood', notes: 'Embarrassed about his weight; avoids the park.' },
    ],
    goals: ['Cook at home four nights a week', 'Kick a ball about with the kids for twenty minutes'],
    actions: [
      { who: 'me', what: 'Plan the week’s tea on Sunday with my partner' },
      { who: 'worker', what: 'Book a place on the community cooking course' },
    ],
    ifThingsGetWorse: 'Talk to my partner; book a GP appointment if the mood drops for more than two weeks.',
    contactNotes: [
      'First call. Agreed to focus on cooking and moving, not weighing.',
      'Started the cooking course. Made a curry the family liked.',
      'Cooking at home three nights. Knees sore after the park.',
      'Twenty minutes of football with the kids at the weekend.',
    ],
    caseNotes: ['Cooking course confirmed a place from the next intake.'],
    summary:
      'Coached on lifestyle change. Completed a community cooking course, cooks at home most nights and is more active with his children.',
    measure: 'swemwbs',
    modes: ['phone', 'face_to_face', 'video'],
  },
  {
    fit: 'coach',
    sex: 'female',
    ages: [55, 80],
    reasons: ['carer_strain', 'low_mood', 'stress'],
    details:
      'Sole carer for her husband with Parkinson’s. Not sleeping, tearful in clinic. Has never had a carer’s assessment.',
    whatMattersToMe: 'Having a few hours a week that are just mine.',
    strengths: 'Knows her husband’s needs inside out. A good neighbour who offers to help.',
    needs: [
      { domain: 'carer_strain', notes: 'No breaks; no carer’s assessment yet.' },
      { domain: 'low_mood', notes: 'Tearful, feels trapped.' },
    ],
    goals: ['Have a carer’s assessment', 'Get back to my Thursday art class'],
    actions: [
      { who: 'worker', what: 'Refer to the council for a carer’s assessment' },
      { who: 'me', what: 'Ask my neighbour to sit with him on Thursday afternoons' },
      { who: 'Carers’ centre', what: 'Register her and send the newsletter' },
    ],
    ifThingsGetWorse: 'Ring the carers’ centre helpline; tell my GP.',
    contactNotes: [
      'First conversation at the surgery. Cried with relief that someone asked about her.',
      'Carer’s assessment requested. Talked about what a break would look like.',
      'Neighbour sat in on Thursday; she went to the art class.',
      'Assessment done: two sitting sessions a week agreed.',
    ],
    caseNotes: ['Council confirmed the carer’s assessment visit date.'],
    summary:
      'Supported as a carer: carer’s assessment completed with two sitting sessions a week, registered with the carers’ centre, back at her weekly art class.',
    measure: 'swemwbs',
    modes: ['face_to_face', 'phone', 'phone'],
  },
  {
    fit: 'coach',
    sex: 'male',
    ages: [30, 60],
    reasons: ['debt', 'stress', 'low_mood', 'employment'],
    details:
      'Self-employed builder, work dried up. £14,000 of debt across cards, struggling to open post. Says he is drinking more than he should.',
    whatMattersToMe: 'Not being frightened of the post.',
    strengths: 'Skilled tradesman. His brother is on his side. Honest about the drinking.',
    needs: [
      { domain: 'debt', notes: 'Several creditors; unopened letters.' },
      { domain: 'employment', notes: 'Needs steady work; open to agency work.' },
    ],
    goals: ['Have a debt plan I can afford', 'Get three days’ work a week'],
    actions: [
      { who: 'me', what: 'Bring all the letters to the next appointment' },
      { who: 'worker', what: 'Book a debt advice appointment' },
      { who: 'Debt adviser', what: 'Set up breathing space and a plan' },
    ],
    ifThingsGetWorse: 'Ring Samaritans on 116 123; talk to my brother.',
    contactNotes: [
      'Talked on the phone for a long time. Agreed to bring the letters in.',
      'Opened the letters together. Booked debt advice.',
      'Breathing space in place. Sleeping a bit better.',
      'Signed up with an agency; two days’ work this week.',
    ],
    caseNotes: ['Did not answer twice this week: left a voicemail and sent a text.'],
    summary:
      'Supported with debt and stress: breathing space and a debt plan in place with a debt adviser, back in part-time work. Advised to discuss alcohol use at his next review.',
    measure: 'swemwbs',
    modes: ['phone', 'face_to_face', 'phone'],
  },
  // Not complex: the bulk of a link worker's caseload.
  {
    fit: 'link',
    sex: 'female',
    ages: [62, 88],
    reasons: ['loneliness', 'bereavement'],
    details: 'Husband died last year. Lives alone, family far away. Says the days are very long.',
    whatMattersToMe: 'Having somewhere to go and people to talk to.',
    strengths: 'Loves gardening and baking. Drives. Used to volunteer at the church.',
    needs: [
      { domain: 'loneliness', notes: 'Goes days without speaking to anyone.' },
      { domain: 'bereavement', notes: 'Still finds evenings hardest.' },
    ],
    goals: ['Go to a group every week', 'Try the bereavement café'],
    actions: [
      { who: 'worker', what: 'Send details of the gardening club and the bereavement café' },
      { who: 'me', what: 'Go to the café with my neighbour the first time' },
    ],
    ifThingsGetWorse: 'Ring my sister; contact the team.',
    contactNotes: [
      'First call. Talked about her husband and the garden.',
      'Went to the bereavement café. Found it hard but will go back.',
      'Joined the community garden on Tuesdays.',
      'Now helps with the café’s baking rota.',
    ],
    caseNotes: ['Posted the gardening club leaflet.'],
    summary:
      'Connected with a bereavement café and a community garden; now volunteers with the café’s baking rota and has something to go to most weeks.',
    measure: 'ucla3',
    modes: ['phone', 'face_to_face'],
  },
  {
    fit: 'link',
    sex: 'male',
    ages: [22, 58],
    reasons: ['employment', 'stress', 'money'],
    details: 'Made redundant from a warehouse job. Applying for jobs online without replies. Worried about the rent.',
    whatMattersToMe: 'Getting back into work I can stick at.',
    strengths: 'Forklift licence. Reliable. Good with people.',
    needs: [
      { domain: 'employment', notes: 'CV out of date; not getting replies.' },
      { domain: 'money', notes: 'Worried about next month’s rent.' },
    ],
    goals: ['Have an up-to-date CV', 'Get to three interviews'],
    actions: [
      { who: 'worker', what: 'Refer to the employment support service' },
      { who: 'me', what: 'Check entitlement with the benefits calculator' },
    ],
    ifThingsGetWorse: 'Ring the council about the rent before it is late.',
    contactNotes: [
      'First meeting. CV needs work; agreed to see the employment service.',
      'CV rewritten with the employment service. Applied for six jobs.',
      'Two interviews booked.',
      'Started a job at the distribution centre.',
    ],
    caseNotes: ['Employment service confirmed the first appointment.'],
    summary:
      'Supported back into work through the employment support service; started a job and the rent is up to date.',
    measure: 'swemwbs',
    modes: ['face_to_face', 'phone'],
  },
  {
    fit: 'link',
    sex: 'male',
    ages: [61, 72],
    reasons: ['physical_inactivity', 'social_isolation'],
    details: 'Retired last year and has barely left the house since. Blood pressure creeping up. Keen to do something.',
    whatMattersToMe: 'Feeling useful again and getting fitter.',
    strengths: 'Used to play five-a-side. Practical: can fix anything.',
    needs: [
      { domain: 'physical_inactivity', notes: 'Sitting most of the day.' },
      { domain: 'social_isolation', notes: 'Misses the people at work.' },
    ],
    goals: ['Walking football every week', 'Volunteer at the repair café'],
    actions: [
      { who: 'worker', what: 'Give the walking football contact' },
      { who: 'me', what: 'Go to the repair café on Saturday' },
    ],
    ifThingsGetWorse: 'Talk to the team; see the practice nurse about my blood pressure.',
    contactNotes: [
      'First call. Lit up talking about football.',
      'Two walking football sessions done. Aching but happy.',
      'Now fixing toasters at the repair café once a month.',
    ],
    caseNotes: ['Walking football coach happy to welcome him.'],
    summary: 'Now plays walking football weekly and volunteers at the repair café. More active and less isolated.',
    measure: 'ucla3',
    modes: ['phone', 'face_to_face'],
  },
  {
    fit: 'link',
    sex: 'female',
    ages: [22, 42],
    reasons: ['housing', 'stress'],
    details: 'Damp and mould in the flat, child with asthma. Landlord not responding. Mum is very stressed.',
    whatMattersToMe: 'A home that does not make my son ill.',
    strengths: 'Has kept photos and letters. Determined. Good friend nearby.',
    needs: [{ domain: 'housing', notes: 'Damp and mould; repairs not done.' }],
    goals: ['Get the damp fixed', 'Have a plan if the landlord will not act'],
    actions: [
      { who: 'worker', what: 'Refer to the housing advice service' },
      { who: 'me', what: 'Write to the landlord with the photos' },
      { who: 'Council', what: 'Environmental health inspection' },
    ],
    ifThingsGetWorse: 'Ring the council’s housing line; contact the team.',
    contactNotes: [
      'Home visit. Mould in the bedroom. Photos taken with her permission.',
      'Letter sent to the landlord; housing advice booked.',
      'Environmental health visited. Repairs ordered.',
      'Repairs done; son sleeping in his own room again.',
    ],
    caseNotes: ['Housing advice service accepted the referral.'],
    summary: 'Supported with housing: environmental health inspected and the landlord carried out the repairs.',
    measure: 'swemwbs',
    modes: ['home_visit', 'phone'],
  },
  {
    fit: 'link',
    sex: 'male',
    ages: [76, 92],
    reasons: ['loneliness', 'frailty'],
    details:
      'Lives alone since his wife went into a care home. Two falls this year. Says he is lonely in the evenings.',
    whatMattersToMe: 'Staying in my own home and having company.',
    strengths: 'Sharp memory, loves history. Visits his wife every day.',
    needs: [
      { domain: 'loneliness', notes: 'Evenings alone.' },
      { domain: 'frailty', notes: 'Two falls; no pendant alarm.' },
    ],
    goals: ['Have a befriender visit every week', 'Join the local history society'],
    actions: [
      { who: 'worker', what: 'Refer to the befriending service and ask about a falls assessment' },
      { who: 'me', what: 'Wear the alarm pendant' },
    ],
    ifThingsGetWorse: 'Press the pendant; ring my son.',
    contactNotes: [
      'Home visit. Keen on the history society.',
      'Befriender matched: visits on Wednesdays.',
      'Went to the history society talk with the befriender.',
    ],
    caseNotes: ['Falls team assessment requested through the practice.'],
    summary:
      'Matched with a weekly befriender, joined the local history society and has a pendant alarm after a falls assessment.',
    measure: 'ucla3',
    modes: ['home_visit', 'phone'],
  },
  {
    fit: 'link',
    sex: 'female',
    ages: [19, 30],
    reasons: ['anxiety', 'stress'],
    details: 'Student nurse, exam stress, not sleeping. Wants something practical rather than medication.',
    whatMattersToMe: 'Finishing my course.',
    strengths: 'Motivated, organised, has a good friend on the course.',
    needs: [{ domain: 'anxiety', notes: 'Worry before exams; poor sleep.' }],
    goals: ['Sleep seven hours most nights', 'Join the running club'],
    actions: [
      { who: 'me', what: 'Try the sleep app and a wind-down routine' },
      { who: 'worker', what: 'Send the beginners’ running club details' },
    ],
    ifThingsGetWorse: 'Talk to student wellbeing; book with my GP.',
    contactNotes: [
      'Video call. Agreed a wind-down routine.',
      'Sleeping better; signed up for the running club.',
      'Passed her exams.',
    ],
    caseNotes: ['Sent the student wellbeing service details by email as she asked.'],
    summary:
      'Supported with exam stress: a wind-down routine and a running club; sleeping better and passed her exams.',
    measure: 'swemwbs',
    modes: ['video', 'phone'],
  },
  // Simple signposting: a care coordinator.
  {
    fit: 'coordinator',
    sex: 'male',
    ages: [67, 90],
    reasons: ['benefits', 'money'],
    details: 'Needs help with a Pension Credit claim. Not online. Otherwise managing well.',
    whatMattersToMe: 'Getting the money I am owed without a fuss.',
    strengths: 'Independent; has all his paperwork.',
    needs: [{ domain: 'benefits', notes: 'Pension Credit not claimed.' }],
    goals: ['Claim Pension Credit', 'Get the Warm Home Discount'],
    actions: [{ who: 'worker', what: 'Book the benefits adviser’s home visit' }],
    ifThingsGetWorse: 'Ring the team.',
    contactNotes: ['Phone call. Booked the benefits adviser.', 'Claim made; award letter arrived.'],
    caseNotes: ['Benefits adviser confirmed the visit.'],
    summary: 'Signposted to a benefits adviser: Pension Credit awarded.',
    measure: 'ucla3',
    modes: ['phone'],
  },
  {
    fit: 'coordinator',
    sex: 'female',
    ages: [45, 75],
    reasons: ['physical_inactivity'],
    details: 'Wants to be more active after knee surgery; asked for local exercise classes.',
    whatMattersToMe: 'Getting my strength back.',
    strengths: 'Keen; already doing the physio exercises.',
    needs: [{ domain: 'physical_inactivity', notes: 'Looking for a gentle class.' }],
    goals: ['Go to a chair-based exercise class', 'Swim once a week'],
    actions: [{ who: 'worker', what: 'Send the class timetable' }],
    ifThingsGetWorse: 'Talk to the physiotherapist.',
    contactNotes: ['Phone call. Sent the timetable.', 'Going to the class on Mondays.'],
    caseNotes: ['Timetable posted.'],
    summary: 'Signposted to a chair-based exercise class; attends weekly.',
    measure: 'ucla3',
    modes: ['phone'],
  },
  {
    fit: 'coordinator',
    sex: 'female',
    ages: [25, 70],
    reasons: ['social_isolation'],
    details: 'New to the area, would like to find groups to join. No other concerns.',
    whatMattersToMe: 'Making friends here.',
    strengths: 'Outgoing; enjoys crafts.',
    needs: [{ domain: 'social_isolation', notes: 'Knows nobody locally.' }],
    goals: ['Join a craft group', 'Go to the community centre’s coffee morning'],
    actions: [{ who: 'worker', what: 'Email the community centre’s programme' }],
    ifThingsGetWorse: 'Contact the team.',
    contactNotes: ['Phone call. Emailed the programme.', 'Loves the knit and natter group.'],
    caseNotes: ['Programme emailed.'],
    summary: 'Signposted to community groups; now goes to a craft group and the coffee morning.',
    measure: 'ucla3',
    modes: ['phone', 'face_to_face'],
  },
  {
    fit: 'coordinator',
    sex: 'female',
    ages: [40, 65],
    reasons: ['carer_strain'],
    details: 'Cares for her mum. Asked about carers’ support groups and a carer’s card.',
    whatMattersToMe: 'Meeting other carers.',
    strengths: 'Well organised; supportive family.',
    needs: [{ domain: 'carer_strain', notes: 'Wants peer support.' }],
    goals: ['Register with the carers’ centre', 'Go to a carers’ group'],
    actions: [{ who: 'worker', what: 'Register with the carers’ centre' }],
    ifThingsGetWorse: 'Ring the carers’ centre.',
    contactNotes: ['Phone call. Registered with the carers’ centre.', 'Went to the carers’ group.'],
    caseNotes: ['Carers’ centre registration confirmed.'],
    summary: 'Registered with the carers’ centre and attends a carers’ peer support group.',
    measure: 'ucla3',
    modes: ['phone'],
  },
];

export const storiesFor = (fit: StoryFit) => STORIES.filter((s) => s.fit === fit);

/** What the message back says when a case ends another way than with the goals met. */
export const OTHER_ENDINGS = {
  disengaged:
    'Engaged at first, then did not respond to two calls and a letter. Discharged; a new referral is welcome at any time.',
  declined_further_support:
    'Had some support and felt able to carry on independently; declined further sessions. Knows how to get back in touch.',
  moved_away: 'Moved out of the area during our work together; given details of the social prescribing team there.',
  referred_elsewhere: 'Needs were better met by a specialist service: referred on with consent.',
} as const;
