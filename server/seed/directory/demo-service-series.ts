import { BANK_HOLIDAYS, type DemoServiceSpec, type DemoSession } from './demo-service-spec.js';
import { DEMO_VENUES, type VenueKey } from './demo-venues.js';

// Series: the same kind of session run by one organisation in several places (as real health
// walk schemes, advice drop-ins and pantries are). Each place is its own listing.

interface SeriesPlace {
  venue: VenueKey;
  /** The place name in the listing name: "Health walk — Gosforth". */
  place: string;
  sessions: Omit<DemoSession, 'at'>[];
  overrides?: Partial<DemoServiceSpec>;
}

function series(base: Omit<DemoServiceSpec, 'name' | 'at' | 'sessions'>, title: string, places: SeriesPlace[]) {
  return places.map(
    (p): DemoServiceSpec => ({
      ...base,
      name: `${title} — ${p.place}`,
      description: `${base.description} Meets at ${DEMO_VENUES[p.venue].name}.`,
      at: [p.venue],
      sessions: p.sessions.map((s) => ({ ...s, at: p.venue })),
      ...p.overrides,
    }),
  );
}

const weekly = (days: string, from: string, to: string, notes?: string): Omit<DemoSession, 'at'> => ({
  days,
  from,
  to,
  ...(notes ? { notes } : {}),
});

export const DEMO_SERVICE_SERIES: DemoServiceSpec[] = [
  ...series(
    {
      org: 'greenSpaces',
      description:
        'A free health walk led by trained volunteers: a short, friendly walking group at an easy pace, with a longer option for those who want it.',
      categories: ['sport-physical-activity', 'nature-green-space'],
    },
    'Health walk',
    [
      { venue: 'gosforthHall', place: 'Gosforth', sessions: [weekly('WE', '10:00', '11:00', BANK_HOLIDAYS)] },
      { venue: 'westerhope', place: 'Westerhope', sessions: [weekly('TH', '10:30', '11:30')] },
      { venue: 'bykerHub', place: 'Byker', sessions: [weekly('MO', '13:30', '14:30')] },
      { venue: 'richmondRiverside', place: 'Richmond', sessions: [weekly('WE', '10:00', '11:00')] },
      {
        venue: 'hawesCentre',
        place: 'Hawes',
        sessions: [{ monthly: '2TU', from: '10:30', to: '12:00', description: 'Second Tuesday of the month' }],
      },
      { venue: 'martonPark', place: 'Stewart Fields', sessions: [weekly('TU,FR', '10:00', '11:00')] },
      { venue: 'saltburnValley', place: 'Saltburn', sessions: [weekly('SU', '10:00', '11:30')] },
      {
        venue: 'linthorpeCentre',
        place: 'Linthorpe',
        sessions: [weekly('TH', '13:00', '14:00')],
        overrides: { status: 'temporarily closed', alert: 'No walks until a new walk leader is found.' },
      },
    ],
  ),
  ...series(
    {
      org: 'northshireMoney',
      description:
        'Free, confidential drop-in advice on debts, benefits, Universal Credit, energy bills and grants. No appointment needed; bring any letters.',
      categories: ['money-debt-benefits'],
      ages: [18, null],
    },
    'Money advice drop-in',
    [
      {
        venue: 'grainger',
        place: 'Newcastle city centre',
        sessions: [weekly('MO,WE', '10:00', '13:00', BANK_HOLIDAYS)],
      },
      {
        venue: 'bykerHub',
        place: 'Byker',
        sessions: [weekly('TU', '13:00', '16:00')],
        overrides: { assuredDaysAgo: 236 },
      },
      {
        venue: 'fenhamHub',
        place: 'Fenham',
        sessions: [weekly('TH', '10:00', '12:00')],
        overrides: { languages: ['en', 'ur'] },
      },
      {
        venue: 'elswickCentre',
        place: 'Elswick',
        sessions: [weekly('FR', '10:00', '12:00')],
        overrides: { capacity: 'waiting_list' },
      },
      {
        venue: 'leyburnHall',
        place: 'Leyburn',
        sessions: [{ monthly: '1TU', from: '10:00', to: '12:30', description: 'First Tuesday of the month' }],
      },
      { venue: 'richmondHub', place: 'Richmond', sessions: [weekly('TH', '13:00', '15:00')] },
    ],
  ),
  ...series(
    {
      org: 'coastalMoney',
      description:
        'Free advice on debts, benefits and energy bills. Drop in or book a call back; we can help fill in forms.',
      categories: ['money-debt-benefits', 'housing-advice'],
      ages: [18, null],
    },
    'Debt and benefits advice',
    [
      { venue: 'linthorpeCentre', place: 'Linthorpe', sessions: [weekly('MO', '09:30', '12:30')] },
      { venue: 'estonHub', place: 'Eston', sessions: [weekly('WE', '13:00', '16:00')] },
      { venue: 'redcarLibrary', place: 'Redcar', sessions: [weekly('TU,TH', '10:00', '12:00')] },
      {
        venue: 'saltburnHall',
        place: 'Saltburn',
        sessions: [{ monthly: '-1FR', from: '10:00', to: '12:00', description: 'Last Friday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'digitalFriends',
      description:
        'Bring your phone, tablet or laptop and get patient one-to-one help: email, video calls, the NHS App, online shopping and staying safe online.',
      categories: ['digital-inclusion'],
    },
    'Digital drop-in',
    [
      {
        venue: 'grainger',
        place: 'Grainger Street Library',
        sessions: [weekly('TU', '10:00', '12:00'), weekly('TU', '14:00', '16:00')],
      },
      { venue: 'gosforthHall', place: 'Gosforth', sessions: [weekly('FR', '10:00', '12:00')] },
      { venue: 'westerhope', place: 'Westerhope', sessions: [weekly('MO', '14:00', '16:00')] },
      { venue: 'middlehamLibrary', place: 'Middleham', sessions: [weekly('WE', '14:00', '16:00')] },
      { venue: 'richmondHub', place: 'Richmond', sessions: [weekly('MO', '10:00', '12:00')] },
      { venue: 'acklamLibrary', place: 'Acklam', sessions: [weekly('TH', '10:00', '12:00')] },
      { venue: 'redcarLibrary', place: 'Redcar', sessions: [weekly('WE', '10:00', '12:00')] },
      {
        venue: 'saltburnHall',
        place: 'Saltburn',
        sessions: [weekly('TU', '14:00', '16:00')],
        overrides: { languages: ['en', 'pl'] },
      },
      {
        venue: 'kirkbyHall',
        place: 'Upper Dales',
        sessions: [{ monthly: '2WE', from: '10:00', to: '12:00', description: 'Second Wednesday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'pantryNetwork',
      description:
        'A community pantry: join for free and choose a bag of shopping (fresh, chilled and store cupboard) for a small weekly payment. Tea, toast and advice on the side.',
      categories: ['food', 'money-debt-benefits'],
      cost: { amount: 3.5, description: '£3.50 for a bag of shopping worth about £15' },
    },
    'Community pantry',
    [
      { venue: 'bykerHub', place: 'Byker', sessions: [weekly('TH', '12:00', '15:00')] },
      {
        venue: 'elswickCentre',
        place: 'Elswick',
        sessions: [weekly('TU', '10:00', '13:00')],
        overrides: { languages: ['en', 'ar'] },
      },
      {
        venue: 'sandyford',
        place: 'Sandyford',
        sessions: [weekly('FR', '13:00', '15:30')],
        overrides: { capacity: 'full' },
      },
      { venue: 'westerhope', place: 'Westerhope', sessions: [weekly('WE', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'dalesFoodShare',
      description: 'A village food pantry sharing surplus food, and a shared lunch for anyone who would like company.',
      categories: ['food', 'befriending-social-groups'],
      cost: { amount: 2, description: '£2 donation suggested; nobody is turned away' },
    },
    'Food share',
    [
      { venue: 'bedaleInstitute', place: 'Bedale', sessions: [weekly('WE', '11:00', '13:30')] },
      {
        venue: 'kirkbyHall',
        place: 'Upper Dales',
        sessions: [
          { monthly: '1TH,3TH', from: '11:00', to: '13:00', description: 'First and third Thursday of the month' },
        ],
      },
      { venue: 'leyburnHall', place: 'Leyburn', sessions: [weekly('SA', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'estonFoodBank',
      description: 'Emergency food parcels with a voucher from any referrer, and a community pantry open to all.',
      categories: ['food', 'money-debt-benefits'],
    },
    'Food bank and pantry',
    [
      { venue: 'estonHub', place: 'Eston', sessions: [weekly('MO,WE,FR', '10:00', '13:00', BANK_HOLIDAYS)] },
      { venue: 'normanbyChurch', place: 'Normanby', sessions: [weekly('TH', '13:00', '15:00')] },
      { venue: 'redcarSeafront', place: 'Redcar', sessions: [weekly('TU', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'carersNetwork',
      description:
        'A relaxed café for unpaid carers: a break, a chat with others who understand, and information from carers’ support workers.',
      categories: ['carers', 'befriending-social-groups'],
      ages: [18, null],
    },
    "Carers' café",
    [
      {
        venue: 'stAidans',
        place: 'Newcastle city centre',
        sessions: [{ monthly: '1TU', from: '10:30', to: '12:30', description: 'First Tuesday of the month' }],
      },
      {
        venue: 'gosforthHall',
        place: 'Gosforth',
        sessions: [{ monthly: '3TH', from: '13:30', to: '15:30', description: 'Third Thursday of the month' }],
      },
      { venue: 'bykerHub', place: 'Byker', sessions: [weekly('FR', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'dalesCarers',
      description: 'Monthly get-together for unpaid carers in the Dales, with a sitting service so you can come.',
      categories: ['carers', 'mental-wellbeing'],
      ages: [18, null],
    },
    "Carers' group",
    [
      {
        venue: 'leyburnHall',
        place: 'Leyburn',
        sessions: [{ monthly: '2MO', from: '13:30', to: '15:30', description: 'Second Monday of the month' }],
      },
      {
        venue: 'richmondHub',
        place: 'Richmond',
        sessions: [{ monthly: '4WE', from: '10:00', to: '12:00', description: 'Fourth Wednesday of the month' }],
      },
      {
        venue: 'hawesCentre',
        place: 'Hawes',
        sessions: [{ monthly: '1FR', from: '13:00', to: '15:00', description: 'First Friday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'carersNetwork',
      description:
        'Carers’ information and support sessions: benefits for carers, carer’s assessments and planning for emergencies.',
      categories: ['carers', 'money-debt-benefits'],
      ages: [18, null],
    },
    "Carers' support session",
    [
      { venue: 'linthorpeCentre', place: 'Linthorpe', sessions: [weekly('WE', '10:00', '12:00')] },
      {
        venue: 'saltburnHall',
        place: 'Saltburn',
        sessions: [{ monthly: '2TH', from: '10:00', to: '12:00', description: 'Second Thursday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'ageWell',
      description:
        'Chair-based exercise to music for people aged 65 and over: improves strength, balance and confidence, and helps prevent falls. Followed by tea and a chat.',
      categories: ['sport-physical-activity', 'health-conditions'],
      ages: [65, null],
      cost: { amount: 2, description: '£2 per session' },
    },
    'Chair-based exercise',
    [
      {
        venue: 'jesmondCentre',
        place: 'Jesmond',
        sessions: [weekly('MO', '10:30', '11:30'), weekly('MO', '14:00', '15:00')],
      },
      { venue: 'westerhope', place: 'Westerhope', sessions: [weekly('WE', '14:00', '15:00')] },
      { venue: 'bykerHub', place: 'Byker', sessions: [weekly('FR', '13:30', '14:30')] },
      { venue: 'bedaleInstitute', place: 'Bedale', sessions: [weekly('TH', '10:30', '11:30')] },
      {
        venue: 'hawesCentre',
        place: 'Hawes',
        sessions: [weekly('TU', '14:00', '15:00')],
        overrides: { capacity: 'full' },
      },
      { venue: 'nunthorpeHall', place: 'Nunthorpe', sessions: [weekly('WE', '10:00', '11:00')] },
      { venue: 'redcarSeafront', place: 'Redcar', sessions: [weekly('TH', '14:00', '15:00')] },
    ],
  ),
  ...series(
    {
      org: 'ageWell',
      description:
        'Tea dances, quizzes, bingo and a good natter: a weekly social afternoon for people aged 65 and over.',
      categories: ['befriending-social-groups'],
      ages: [65, null],
      cost: { amount: 2.5, description: '£2.50 including tea and cake' },
    },
    'Friendship afternoon',
    [
      { venue: 'sandyford', place: 'Sandyford', sessions: [weekly('TU', '14:00', '16:00')] },
      { venue: 'gosforthHall', place: 'Gosforth', sessions: [weekly('MO', '14:00', '16:00')] },
      { venue: 'normanbyChurch', place: 'Normanby', sessions: [weekly('WE', '14:00', '16:00')] },
      {
        venue: 'middlehamLibrary',
        place: 'Middleham',
        sessions: [weekly('FR', '14:00', '16:00')],
        overrides: { status: 'inactive', alert: 'This group has closed.' },
      },
    ],
  ),
  ...series(
    {
      org: 'connect',
      description:
        'Knit and natter: bring your own knitting, crochet or sewing, or learn from scratch with wool and needles provided. A warm welcome and plenty of tea.',
      categories: ['arts-culture', 'befriending-social-groups'],
    },
    'Knit and natter',
    [
      { venue: 'stAidans', place: "St Aidan's", sessions: [weekly('TH', '13:30', '15:30')] },
      { venue: 'fenhamHub', place: 'Fenham', sessions: [weekly('TU', '13:30', '15:30')] },
      { venue: 'middlehamLibrary', place: 'Middleham', sessions: [weekly('MO', '10:00', '12:00')] },
      {
        venue: 'kirkbyHall',
        place: 'Upper Dales',
        sessions: [{ monthly: '2TH,4TH', from: '14:00', to: '16:00', description: 'Second and fourth Thursday' }],
      },
      { venue: 'normanbyChurch', place: 'Normanby', sessions: [weekly('FR', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'greenSpaces',
      description:
        'Community gardening: grow food and flowers, learn new skills and enjoy being outdoors with others. Tools, gloves and refreshments provided.',
      categories: ['nature-green-space', 'mental-wellbeing'],
    },
    'Green gym',
    [
      { venue: 'elswickCentre', place: 'Elswick', sessions: [weekly('TH', '10:00', '13:00')] },
      { venue: 'civicPark', place: 'Civic Gardens', sessions: [weekly('SA', '10:00', '12:30')] },
      { venue: 'martonPark', place: 'Stewart Fields', sessions: [weekly('WE', '10:00', '13:00')] },
    ],
  ),
  ...series(
    {
      org: 'breatheTogether',
      description:
        'Breathe Easy: a peer support group for people living with a lung condition such as COPD or asthma, and the people who care for them. Gentle exercise, talks and friendship.',
      categories: ['health-conditions', 'befriending-social-groups'],
    },
    'Breathe Easy',
    [
      {
        venue: 'gosforthHall',
        place: 'Gosforth',
        sessions: [{ monthly: '1WE', from: '14:00', to: '16:00', description: 'First Wednesday of the month' }],
      },
      {
        venue: 'richmondHub',
        place: 'Richmond',
        sessions: [{ monthly: '2FR', from: '13:30', to: '15:30', description: 'Second Friday of the month' }],
      },
      {
        venue: 'redcarSeafront',
        place: 'Redcar',
        sessions: [{ monthly: '3TU', from: '14:00', to: '16:00', description: 'Third Tuesday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'breatheTogether',
      description:
        'A friendly peer group for people living with type 1 or type 2 diabetes: share tips on food, activity and staying well.',
      categories: ['health-conditions', 'food'],
      ages: [18, null],
    },
    'Diabetes peer support',
    [
      {
        venue: 'fenhamHub',
        place: 'Fenham',
        sessions: [{ monthly: '2SA', from: '11:00', to: '13:00', description: 'Second Saturday of the month' }],
        overrides: { languages: ['en', 'ur'] },
      },
      {
        venue: 'linthorpeCentre',
        place: 'Linthorpe',
        sessions: [{ monthly: '-1TH', from: '18:00', to: '19:30', description: 'Last Thursday of the month' }],
      },
      {
        venue: 'bedaleInstitute',
        place: 'Bedale',
        sessions: [{ monthly: '1MO', from: '14:00', to: '15:30', description: 'First Monday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'forgetMeNot',
      description:
        'A bereavement café: somewhere to talk about the person who has died, or just sit with others who understand, over tea and cake. Trained volunteers are on hand.',
      categories: ['bereavement', 'befriending-social-groups'],
      ages: [18, null],
    },
    'Bereavement café',
    [
      {
        venue: 'stAidans',
        place: "St Aidan's",
        sessions: [{ monthly: '2TU', from: '14:00', to: '16:00', description: 'Second Tuesday of the month' }],
      },
      {
        venue: 'bedaleInstitute',
        place: 'Bedale',
        sessions: [{ monthly: '3WE', from: '10:30', to: '12:30', description: 'Third Wednesday of the month' }],
      },
      {
        venue: 'normanbyChurch',
        place: 'Normanby',
        sessions: [{ monthly: '1TH', from: '14:00', to: '16:00', description: 'First Thursday of the month' }],
      },
      {
        venue: 'jesmondCentre',
        place: 'Jesmond',
        sessions: [{ monthly: '4MO', from: '18:00', to: '19:30', description: 'Fourth Monday of the month' }],
      },
    ],
  ),
  ...series(
    {
      org: 'mindsTogether',
      description:
        'A mental wellbeing drop-in: talk to a peer support worker without an appointment, or join the group for mindfulness and a brew. Not a crisis service.',
      categories: ['mental-wellbeing'],
      ages: [18, null],
    },
    'Wellbeing drop-in',
    [
      { venue: 'westgateHub', place: 'Westgate', sessions: [weekly('MO,WE,FR', '12:00', '16:00', BANK_HOLIDAYS)] },
      { venue: 'richmondHub', place: 'Richmond', sessions: [weekly('TU', '13:00', '16:00')] },
      { venue: 'leyburnHall', place: 'Leyburn', sessions: [weekly('TH', '13:00', '15:00')] },
    ],
  ),
  ...series(
    {
      org: 'talkingSpace',
      description:
        'Drop in for a chat with a trained listener, or join the peer group. No appointment, no waiting list.',
      categories: ['mental-wellbeing', 'befriending-social-groups'],
      ages: [16, null],
    },
    'Talking Space',
    [
      { venue: 'estonHub', place: 'Eston', sessions: [weekly('TU,TH', '10:00', '14:00')] },
      { venue: 'redcarLibrary', place: 'Redcar', sessions: [weekly('FR', '10:00', '13:00')] },
      { venue: 'acklamLibrary', place: 'Acklam', sessions: [weekly('WE', '17:00', '19:00')] },
    ],
  ),
  ...series(
    {
      org: 'workWell',
      description:
        'A job club: help with CVs, job searching, applications and interview practice, with computers to use. Friendly advisers and other job seekers for support.',
      categories: ['employment', 'digital-inclusion'],
      ages: [16, null],
    },
    'Job club',
    [
      { venue: 'grainger', place: 'Newcastle city centre', sessions: [weekly('MO,TH', '13:30', '16:00')] },
      { venue: 'bykerHub', place: 'Byker', sessions: [weekly('WE', '10:00', '12:30')] },
      { venue: 'estonHub', place: 'Eston', sessions: [weekly('TU', '10:00', '12:30')] },
      { venue: 'redcarLibrary', place: 'Redcar', sessions: [weekly('TH', '13:00', '15:30')] },
      { venue: 'richmondHub', place: 'Richmond', sessions: [weekly('FR', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'learningLinks',
      description:
        'An English conversation club for people whose first language is not English: practise everyday English in a relaxed group and make friends.',
      categories: ['learning-volunteering', 'befriending-social-groups'],
      ages: [16, null],
      languages: ['en', 'ar', 'ur', 'pl'],
    },
    'English conversation club',
    [
      { venue: 'fenhamHub', place: 'Fenham', sessions: [weekly('MO', '10:00', '12:00')] },
      { venue: 'elswickCentre', place: 'Elswick', sessions: [weekly('WE', '13:00', '15:00')] },
      { venue: 'linthorpeCentre', place: 'Linthorpe', sessions: [weekly('TH', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'homeFirst',
      description:
        'A housing advice surgery: talk to an adviser about rent arrears, repairs, damp and mould, eviction notices or finding somewhere to live.',
      categories: ['housing-advice', 'money-debt-benefits'],
      ages: [18, null],
    },
    'Housing advice surgery',
    [
      { venue: 'westgateHub', place: 'Westgate', sessions: [weekly('TU', '10:00', '13:00')] },
      { venue: 'bykerHub', place: 'Byker', sessions: [weekly('TH', '14:00', '16:30')] },
      {
        venue: 'richmondHub',
        place: 'Richmond',
        sessions: [{ monthly: '3MO', from: '10:00', to: '13:00', description: 'Third Monday of the month' }],
      },
      { venue: 'estonHub', place: 'Eston', sessions: [weekly('FR', '10:00', '12:00')] },
    ],
  ),
  ...series(
    {
      org: 'recoveryRoad',
      description:
        'A peer recovery group for people wanting to cut down or stop drinking or using drugs. Friendly, non-judgemental and free.',
      categories: ['substance-use', 'mental-wellbeing'],
      ages: [18, null],
    },
    'Recovery group',
    [
      {
        venue: 'westgateHub',
        place: 'Westgate',
        sessions: [weekly('TU', '18:00', '19:30'), weekly('SA', '11:00', '12:30')],
      },
      { venue: 'leyburnHall', place: 'Leyburn', sessions: [weekly('WE', '18:30', '20:00')] },
      { venue: 'redcarSeafront', place: 'Redcar', sessions: [weekly('MO', '18:00', '19:30')] },
    ],
  ),
  ...series(
    {
      org: 'quaysideArts',
      description:
        'Community art sessions: try painting, collage, clay and printmaking in a relaxed group. No experience needed; materials provided.',
      categories: ['arts-culture', 'mental-wellbeing'],
    },
    'Art for wellbeing',
    [
      { venue: 'sandyford', place: 'Sandyford', sessions: [weekly('FR', '10:00', '12:00')] },
      { venue: 'acklamLibrary', place: 'Acklam', sessions: [weekly('MO', '13:30', '15:30')] },
      { venue: 'saltburnHall', place: 'Saltburn', sessions: [weekly('WE', '13:30', '15:30')] },
    ],
  ),
  ...series(
    {
      org: 'ageWell',
      description: 'Gentle tai chi and qigong for balance, flexibility and calm. Can be done seated or standing.',
      categories: ['sport-physical-activity', 'mental-wellbeing'],
      ages: [50, null],
      cost: { amount: 2, description: '£2 per session' },
    },
    'Tai chi',
    [
      { venue: 'jesmondCentre', place: 'Jesmond', sessions: [weekly('TH', '10:00', '11:00')] },
      { venue: 'martonPark', place: 'Stewart Fields', sessions: [weekly('SA', '09:30', '10:30')] },
      { venue: 'leyburnHall', place: 'Leyburn', sessions: [weekly('MO', '10:30', '11:30')] },
    ],
  ),
  ...series(
    {
      org: 'youthSpace',
      description: 'A youth club with sport, games, cooking and youth workers to talk to. Safe, friendly and free.',
      categories: ['befriending-social-groups', 'sport-physical-activity'],
      ages: [11, 18],
    },
    'Youth club',
    [
      { venue: 'westerhope', place: 'Westerhope', sessions: [weekly('TU,TH', '17:00', '19:30')] },
      { venue: 'normanbyChurch', place: 'Normanby', sessions: [weekly('WE', '17:00', '19:00')] },
    ],
  ),
];
