import { BANK_HOLIDAYS, type DemoServiceSpec } from './demo-service-spec.js';

// Hand-written demo services: the one-off groups every area has. Series run by one
// organisation in many places (health walks, money advice, pantries …) are in
// demo-service-series.ts. All invented.

export const DEMO_SERVICES: DemoServiceSpec[] = [
  // ---- Walking groups near the centre of Newcastle (the end-to-end journey searches here) ----
  {
    org: 'riversideWalks',
    name: 'Walk and Talk — Riverside',
    description:
      'A friendly walking group that meets at the Quayside Community Hall and walks for about an hour along the river at an easy pace, then stops for a cuppa. Good for anyone who wants to get a bit fitter, get out of the house and meet new people.',
    categories: ['sport-physical-activity', 'befriending-social-groups', 'nature-green-space'],
    at: ['quayside'],
    sessions: [
      { days: 'TU', from: '10:00', to: '11:30', at: 'quayside', notes: BANK_HOLIDAYS },
      { days: 'SA', from: '10:30', to: '12:00', at: 'quayside', description: 'Saturday family walk' },
    ],
    ages: [18, null],
    eligibility: 'Adults of any fitness. Walk leaders go at the pace of the slowest walker.',
    assuredDaysAgo: 21,
  },
  // The same walk listed again by another organisation: the duplicate the admin view should offer
  // to merge (similar name, same postcode).
  {
    org: 'greenSpaces',
    name: 'Riverside Walk & Talk',
    description:
      'Weekly walk along the river from the Quayside Community Hall, followed by tea. Listed by the Green Spaces Trust, who lend walk leaders.',
    categories: ['sport-physical-activity', 'nature-green-space'],
    at: ['quayside'],
    sessions: [{ days: 'TU', from: '10:00', to: '11:30', at: 'quayside', notes: BANK_HOLIDAYS }],
    assuredDaysAgo: 250,
  },
  {
    org: 'riversideWalks',
    name: 'Civic Gardens Wellbeing Walk',
    description:
      'A gentle 30-minute walking group round the Civic Gardens, ideal if you are starting to exercise again after illness. Meet at the bandstand.',
    categories: ['sport-physical-activity', 'health-conditions'],
    at: ['civicPark'],
    sessions: [
      { days: 'TH', from: '11:00', to: '11:45', at: 'civicPark', notes: 'Cancelled in icy weather: ring first' },
    ],
    eligibility: 'Anyone who can walk for 30 minutes with rests. Walking aids welcome.',
    assuredDaysAgo: 35,
  },
  {
    org: 'greenSpaces',
    name: 'Health walks — Jesmond Vale',
    description:
      'Free, short health walks led by trained volunteers through Jesmond Vale Park. Two routes: a 20-minute level loop and a longer hour-long walk. A great first step to being more active.',
    categories: ['sport-physical-activity', 'nature-green-space'],
    at: ['jesmondDene'],
    sessions: [
      { days: 'MO,TH', from: '10:00', to: '11:00', at: 'jesmondDene', notes: BANK_HOLIDAYS },
      {
        days: 'WE',
        from: '18:00',
        to: '19:00',
        at: 'jesmondDene',
        description: 'After-work walk (April to September)',
      },
    ],
    assuredDaysAgo: 48,
  },
  // ---- Central PCN (Newcastle) ----
  {
    org: 'tyneviewShed',
    name: "Tyneview Men's Shed",
    description:
      'A well-equipped workshop where you can make and mend things, learn woodwork and metalwork, and chat over a brew. Mostly older men but everyone is welcome. No experience needed.',
    categories: ['befriending-social-groups', 'learning-volunteering', 'mental-wellbeing'],
    at: ['walkerShed'],
    sessions: [
      { days: 'TU,TH', from: '09:30', to: '12:30', at: 'walkerShed' },
      { days: 'TU,TH', from: '13:30', to: '16:00', at: 'walkerShed' },
    ],
    ages: [18, null],
    cost: { amount: 2, description: '£2 per session (pay what you can)' },
  },
  {
    org: 'quaysideArts',
    name: 'Open Studio Art Club',
    description:
      'Drop in and paint, draw or print in a relaxed studio with a tutor on hand. Materials provided. Many members come for the company as much as the art.',
    categories: ['arts-culture', 'mental-wellbeing'],
    at: ['westgateHub'],
    sessions: [{ days: 'WE', from: '13:00', to: '15:30', at: 'westgateHub' }],
    cost: { amount: 3, description: '£3 per session, free for people on benefits' },
  },
  {
    org: 'quaysideArts',
    name: 'Creative Writing Online',
    description:
      'A weekly online writing group with gentle prompts and feedback. Poems, memories, stories — all welcome.',
    categories: ['arts-culture', 'learning-volunteering'],
    online: 'Online on Zoom',
    area: 'Online',
    sessions: [{ days: 'MO', from: '19:00', to: '20:30', attending: 'online' }],
    ages: [16, null],
  },
  {
    org: 'quaysideArts',
    name: 'Photography Walks',
    description:
      'Learn to take better photos with any camera or phone on a monthly walk through the city. Combines gentle exercise with creativity.',
    categories: ['arts-culture', 'sport-physical-activity'],
    at: ['grainger'],
    sessions: [
      { monthly: '2SA', from: '10:00', to: '12:30', at: 'grainger', description: 'Second Saturday of the month' },
    ],
  },
  {
    org: 'bykerSingers',
    name: 'Byker Singers Community Choir',
    description: 'Singing for fun and wellbeing. No auditions, no need to read music; we learn everything by ear.',
    categories: ['arts-culture', 'befriending-social-groups'],
    at: ['bykerHub'],
    sessions: [{ days: 'TH', from: '18:30', to: '20:00', at: 'bykerHub', notes: BANK_HOLIDAYS }],
    cost: { amount: 2, description: '£2 per session' },
  },
  {
    org: 'mindsTogether',
    name: 'Anxiety Peer Support Group (online)',
    description:
      'A small, facilitated online group for people living with anxiety. Share what helps, learn coping skills, and know you are not alone. Not a crisis service.',
    categories: ['mental-wellbeing'],
    online: 'Online on Microsoft Teams',
    area: 'Anywhere in Northshire',
    sessions: [{ days: 'WE', from: '18:00', to: '19:30', attending: 'online' }],
    ages: [18, null],
    capacity: 'waiting_list',
  },
  {
    org: 'mindsTogether',
    name: 'Wellbeing College short courses',
    description:
      'Free four-week courses on sleep, stress, low mood and building confidence, co-delivered by people with lived experience.',
    categories: ['mental-wellbeing', 'learning-volunteering'],
    at: ['westgateHub'],
    online: 'Online on Zoom',
    sessions: [
      { days: 'MO', from: '10:00', to: '12:00', at: 'westgateHub' },
      { days: 'TH', from: '14:00', to: '16:00', attending: 'online' },
    ],
    ages: [18, null],
  },
  {
    org: 'fenhamWomen',
    name: "Women's Wellbeing Circle",
    description:
      'A women-only group for conversation, light exercise and cooking together. Volunteers speak Urdu and Arabic. Crèche available.',
    categories: ['befriending-social-groups', 'mental-wellbeing', 'food'],
    at: ['fenhamHub'],
    sessions: [{ days: 'WE', from: '10:00', to: '12:00', at: 'fenhamHub' }],
    ages: [18, null],
    eligibility: 'Women only.',
    languages: ['en', 'ur', 'ar'],
  },
  {
    org: 'polonia',
    name: 'Polish Social Mornings',
    description:
      'Coffee, conversation and help with letters and forms in Polish. A chance to meet others and find out what is on locally.',
    categories: ['befriending-social-groups', 'money-debt-benefits'],
    at: ['elswickCentre'],
    sessions: [{ days: 'SA', from: '10:00', to: '12:00', at: 'elswickCentre' }],
    languages: ['pl', 'en'],
  },
  {
    org: 'deafSocial',
    name: 'Deaf Social Club',
    description:
      'A monthly social evening run by and for Deaf people, in BSL. Hearing friends and family welcome. Information stalls at most meetings.',
    categories: ['befriending-social-groups', 'health-conditions'],
    at: ['stAidans'],
    sessions: [
      { monthly: '1FR', from: '18:00', to: '21:00', at: 'stAidans', description: 'First Friday of the month' },
    ],
    languages: ['bfi', 'en'],
  },
  {
    org: 'youthSpace',
    name: 'Youth Space Drop-in',
    description:
      'A safe, friendly youth club with games, music, cooking and youth workers to talk to about anything that is worrying you.',
    categories: ['befriending-social-groups', 'mental-wellbeing'],
    at: ['bykerHub'],
    sessions: [
      { days: 'MO,WE', from: '16:00', to: '18:00', at: 'bykerHub' },
      { days: 'FR', from: '18:00', to: '21:00', at: 'bykerHub', description: 'Friday late' },
    ],
    ages: [11, 18],
  },
  {
    org: 'youthSpace',
    name: 'Teen Wellbeing Group',
    description:
      'A six-week group for young people feeling anxious or low, learning ways to cope with stress, exams and friendships.',
    categories: ['mental-wellbeing'],
    at: ['jesmondCentre'],
    sessions: [{ days: 'TU', from: '16:30', to: '18:00', at: 'jesmondCentre' }],
    ages: [11, 18],
    capacity: 'waiting_list',
  },
  {
    org: 'connect',
    name: 'Lunch Club — Gosforth',
    description:
      'A hot two-course lunch and good company every week. Transport can be arranged for people who cannot get there.',
    categories: ['befriending-social-groups', 'food'],
    at: ['gosforthHall'],
    sessions: [{ days: 'WE', from: '12:00', to: '14:00', at: 'gosforthHall', notes: BANK_HOLIDAYS }],
    ages: [60, null],
    cost: { amount: 4.5, description: '£4.50 for lunch' },
  },
  {
    org: 'connect',
    name: 'Community Connectors',
    description:
      'A volunteer meets you, finds out what matters to you and goes with you to a group or activity the first few times, until you feel at home.',
    categories: ['befriending-social-groups', 'learning-volunteering'],
    area: 'Anywhere in Northshire',
    sessions: [{ days: 'MO,TU,WE,TH,FR', from: '09:00', to: '17:00', attending: 'phone', notes: BANK_HOLIDAYS }],
    ages: [18, null],
    assuredDaysAgo: 12,
  },
  {
    org: 'connect',
    name: 'Volunteer Centre Drop-in',
    description:
      'Find a volunteering role that suits you: gardening, driving, befriending, charity shops, events. Support for people new to volunteering.',
    categories: ['learning-volunteering', 'employment'],
    at: ['grainger'],
    sessions: [{ days: 'TH', from: '10:00', to: '13:00', at: 'grainger' }],
    ages: [16, null],
  },
  {
    org: 'gosforthGrowing',
    name: 'Gosforth Growing Together',
    description:
      'A community allotment: grow vegetables and flowers with others, learn from experienced growers and take home what you grow.',
    categories: ['nature-green-space', 'food', 'mental-wellbeing'],
    at: ['gosforthAllotments'],
    sessions: [
      { days: 'WE', from: '10:00', to: '13:00', at: 'gosforthAllotments' },
      { days: 'SU', from: '10:00', to: '12:00', at: 'gosforthAllotments' },
    ],
  },
  {
    org: 'pedalTogether',
    name: 'Pedal Together Led Rides',
    description:
      'Slow, sociable bike rides on quiet paths, with bikes to borrow, including adapted bikes, tricycles and tandems.',
    categories: ['sport-physical-activity', 'nature-green-space'],
    at: ['gosforthHall'],
    sessions: [{ days: 'SA', from: '10:00', to: '12:00', at: 'gosforthHall' }],
    ages: [12, null],
    eligibility: 'Under 16s with an adult.',
  },
  {
    org: 'pedalTogether',
    name: 'Cycling Confidence Sessions',
    description:
      'Learn to ride, or get back on a bike after years away, in a traffic-free yard with a patient instructor.',
    categories: ['sport-physical-activity', 'learning-volunteering'],
    at: ['westerhope'],
    sessions: [{ days: 'SU', from: '14:00', to: '16:00', at: 'westerhope' }],
    status: 'temporarily closed',
    alert: 'Paused over winter; sessions restart in March.',
  },
  {
    org: 'safeHaven',
    name: 'Refuge and Outreach — Newcastle',
    description:
      'Safe, confidential refuge accommodation and outreach support for women and children escaping domestic abuse. Ring the helpline: the address is never given out.',
    categories: ['housing-advice', 'mental-wellbeing'],
    at: ['refugeCentral'],
    confidential: true,
    area: 'Anywhere in Northshire',
    sessions: [
      {
        days: 'MO,TU,WE,TH,FR,SA,SU',
        from: '00:00',
        to: '23:59',
        attending: 'phone',
        description: 'Helpline, day and night',
      },
    ],
    ages: [16, null],
    eligibility: 'Women (and their children) experiencing domestic abuse.',
    phone: '0191 496 0999',
    capacity: 'waiting_list',
  },
  {
    org: 'recoveryRoad',
    name: 'Family Support for Alcohol and Drugs',
    description:
      'Support for parents, partners and friends of someone who drinks or uses drugs: a monthly online group and one-to-one calls.',
    categories: ['substance-use', 'carers'],
    online: 'Online on Zoom',
    area: 'Anywhere in Northshire',
    sessions: [
      { monthly: '1TU', from: '19:00', to: '20:30', attending: 'online', description: 'First Tuesday of the month' },
    ],
    ages: [18, null],
  },
  {
    org: 'chatterbox',
    name: 'Chatterbox Telephone Befriending',
    description:
      'A friendly volunteer rings you every week for a chat at a time that suits you. For people who feel lonely or cannot easily get out.',
    categories: ['befriending-social-groups', 'mental-wellbeing'],
    area: 'Anywhere in Northshire',
    sessions: [{ days: 'MO,TU,WE,TH,FR', from: '10:00', to: '16:00', attending: 'phone' }],
    ages: [50, null],
    capacity: 'waiting_list',
    assuredDaysAgo: null,
  },
  {
    org: 'chatterbox',
    name: 'Chatterbox Home Visits',
    description: 'A volunteer visits you at home once a week for a cup of tea and a chat, or to go out together.',
    categories: ['befriending-social-groups'],
    area: 'Newcastle upon Tyne',
    ages: [65, null],
    capacity: 'full',
  },
  {
    org: 'homeFirst',
    name: 'Housing Advice Line',
    description:
      'Phone advice on tenancy problems, eviction, repairs and damp, and help if you are at risk of losing your home.',
    categories: ['housing-advice'],
    area: 'Anywhere in Northshire',
    sessions: [{ days: 'MO,TU,WE,TH,FR', from: '09:00', to: '17:00', attending: 'phone', notes: BANK_HOLIDAYS }],
    phone: '0191 496 0606',
  },
  {
    org: 'forgetMeNot',
    name: 'Bereavement Support Line',
    description: 'Talk to a trained volunteer about the death of someone close to you, however long ago.',
    categories: ['bereavement', 'mental-wellbeing'],
    area: 'Anywhere in Northshire',
    sessions: [
      { days: 'MO,WE,FR', from: '10:00', to: '13:00', attending: 'phone' },
      { days: 'TU,TH', from: '18:00', to: '21:00', attending: 'phone' },
    ],
    phone: '0191 496 0707',
  },
  {
    org: 'breatheTogether',
    name: 'Living Well with Chronic Pain (online)',
    description:
      'A six-week online course on pacing, sleep, movement and managing flare-ups, led by people who live with pain.',
    categories: ['health-conditions', 'mental-wellbeing'],
    online: 'Online on Zoom',
    area: 'Online',
    sessions: [{ days: 'TH', from: '10:00', to: '11:30', attending: 'online' }],
    ages: [18, null],
    capacity: 'full',
  },
  {
    org: 'digitalFriends',
    name: 'Device Lending Library',
    description:
      'Borrow a tablet with free data for up to three months, with a volunteer to help you set it up and learn to video-call, shop and book appointments online.',
    categories: ['digital-inclusion'],
    area: 'Anywhere in Northshire',
    capacity: 'waiting_list',
  },
  {
    org: 'digitalFriends',
    name: 'Staying Safe Online course',
    description: 'A short online course on spotting scams, strong passwords and keeping your accounts safe.',
    categories: ['digital-inclusion', 'learning-volunteering'],
    online: 'Online on Zoom',
    area: 'Online',
    sessions: [
      { monthly: '-1WE', from: '14:00', to: '15:30', attending: 'online', description: 'Last Wednesday of the month' },
    ],
  },
  {
    org: 'workWell',
    name: 'WorkWell Employment Support',
    description:
      'One-to-one support from an employment adviser for people with a health condition who want to stay in or return to work.',
    categories: ['employment', 'health-conditions'],
    at: ['westgateHub'],
    area: 'Newcastle upon Tyne',
    sessions: [
      { days: 'MO,TU,WE,TH,FR', from: '09:00', to: '17:00', at: 'westgateHub', description: 'By appointment' },
    ],
    ages: [16, 66],
  },
  {
    org: 'learningLinks',
    name: 'Learning for Pleasure',
    description:
      'Informal daytime classes: local history, languages, art appreciation and more. Meet people and keep learning.',
    categories: ['learning-volunteering', 'befriending-social-groups'],
    at: ['jesmondCentre'],
    sessions: [{ days: 'TU', from: '13:30', to: '15:30', at: 'jesmondCentre' }],
    cost: { amount: 2, description: '£2 per session' },
    status: 'inactive',
    alert: 'This course has ended.',
  },
  // ---- Riverside and Dales PCN ----
  {
    org: 'dalesWalking',
    name: 'Leyburn Health Walk',
    description:
      'An easy, sociable walking group round Leyburn and the Shawl, about an hour, with a café stop at the end.',
    categories: ['sport-physical-activity', 'nature-green-space', 'befriending-social-groups'],
    at: ['leyburnHall'],
    sessions: [{ days: 'FR', from: '10:00', to: '11:15', at: 'leyburnHall', notes: BANK_HOLIDAYS }],
  },
  {
    org: 'dalesWalking',
    name: 'Bedale Strollers',
    description: 'A gentle walking group for people who have not walked far for a while. Routes are flat and short.',
    categories: ['sport-physical-activity', 'health-conditions'],
    at: ['bedaleInstitute'],
    sessions: [{ days: 'TU', from: '10:30', to: '11:30', at: 'bedaleInstitute' }],
    ages: [50, null],
  },
  {
    org: 'dalesWalking',
    name: 'Swaledale Longer Walks',
    description: 'Monthly half-day walks in Swaledale for people who enjoy a longer walk with others. Some hills.',
    categories: ['sport-physical-activity', 'nature-green-space'],
    at: ['reethFarm'],
    sessions: [
      { monthly: '3SU', from: '09:30', to: '14:00', at: 'reethFarm', description: 'Third Sunday of the month' },
    ],
    ages: [18, null],
  },
  {
    org: 'arkleBeck',
    name: 'Care Farming Days',
    description:
      'Spend a day working on the farm: feeding animals, growing vegetables and mending walls, with support from farm staff. Lunch included.',
    categories: ['nature-green-space', 'mental-wellbeing', 'learning-volunteering'],
    at: ['reethFarm'],
    sessions: [{ days: 'TU,TH', from: '09:30', to: '15:00', at: 'reethFarm' }],
    ages: [18, null],
    capacity: 'waiting_list',
  },
  {
    org: 'richmondMakers',
    name: 'Richmond Makers Pottery',
    description: 'Hand-building and wheel pottery for beginners in a friendly studio. Clay and firing included.',
    categories: ['arts-culture'],
    at: ['richmondHub'],
    sessions: [{ days: 'WE', from: '18:30', to: '20:30', at: 'richmondHub' }],
    cost: { amount: 5, description: '£5 per session; free places for people referred by their GP practice' },
  },
  {
    org: 'richmondMakers',
    name: 'Repair Café Richmond',
    description:
      'Bring broken things — clothes, lamps, toasters, bikes — and fix them with volunteer menders. Tea and cake.',
    categories: ['learning-volunteering', 'befriending-social-groups'],
    at: ['richmondHub'],
    sessions: [
      { monthly: '1SA', from: '10:00', to: '13:00', at: 'richmondHub', description: 'First Saturday of the month' },
    ],
  },
  {
    org: 'dalesCarers',
    name: 'Dales Carers Home Visits',
    description:
      'A carers’ support worker visits you at home to talk about what would help: breaks, benefits, equipment.',
    categories: ['carers'],
    area: 'Richmondshire and Wensleydale',
    ages: [18, null],
  },
  {
    org: 'connect',
    name: 'Dales Lunch Club — Hawes',
    description:
      'A shared lunch and a chat in the Dales Centre. Lifts can be arranged from outlying farms and villages.',
    categories: ['befriending-social-groups', 'food'],
    at: ['hawesCentre'],
    sessions: [{ days: 'TH', from: '12:00', to: '14:00', at: 'hawesCentre' }],
    cost: { amount: 4, description: '£4 for lunch' },
    ages: [60, null],
  },
  {
    org: 'safeHaven',
    name: 'Rural Domestic Abuse Support — the Dales',
    description:
      'Outreach and safe accommodation for people in the Dales experiencing domestic abuse. Workers can meet you somewhere safe.',
    categories: ['housing-advice', 'mental-wellbeing'],
    at: ['refugeDales'],
    confidential: true,
    area: 'Richmondshire and Wensleydale',
    ages: [16, null],
    phone: '01632 960999',
  },
  // ---- Coastal PCN ----
  {
    org: 'teesCoastStrollers',
    name: 'Redcar Seafront Stroll',
    description: 'A flat, easy walk along the seafront with a friendly group. About 45 minutes, then coffee.',
    categories: ['sport-physical-activity', 'befriending-social-groups'],
    at: ['redcarSeafront'],
    sessions: [{ days: 'MO', from: '10:00', to: '11:00', at: 'redcarSeafront' }],
  },
  {
    org: 'redcarShed',
    name: "Redcar Men's Shed",
    description: 'Woodwork, bike repairs and community projects in a seaside workshop. Come for the banter.',
    categories: ['befriending-social-groups', 'learning-volunteering'],
    at: ['redcarSeafront'],
    sessions: [{ days: 'WE,FR', from: '10:00', to: '15:00', at: 'redcarSeafront' }],
    ages: [18, null],
  },
  {
    org: 'saltburnSurf',
    name: 'Surf Therapy Course',
    description:
      'A six-week surf course for people with low mood or anxiety. Wetsuits, boards and qualified instructors provided; you must be able to swim 50 metres.',
    categories: ['sport-physical-activity', 'mental-wellbeing', 'nature-green-space'],
    at: ['saltburnValley'],
    sessions: [{ days: 'SA', from: '09:00', to: '11:30', at: 'saltburnValley', description: 'April to October' }],
    ages: [14, null],
    capacity: 'full',
  },
  {
    org: 'nunthorpeSports',
    name: 'Walking Football',
    description:
      'Football at walking pace: no running, no tackling from behind. Great for fitness and friendship at any age.',
    categories: ['sport-physical-activity', 'befriending-social-groups'],
    at: ['nunthorpeHall'],
    sessions: [{ days: 'TU', from: '19:00', to: '20:00', at: 'nunthorpeHall' }],
    ages: [40, null],
    cost: { amount: 3, description: '£3 per session' },
  },
  {
    org: 'nunthorpeSports',
    name: 'Bowls Taster Sessions',
    description: 'Try flat green bowls with coaching and all equipment provided. Sociable and gentle.',
    categories: ['sport-physical-activity'],
    at: ['nunthorpeHall'],
    sessions: [{ days: 'TH', from: '14:00', to: '16:00', at: 'nunthorpeHall', description: 'May to September' }],
    status: 'temporarily closed',
    alert: 'The green is closed for the winter; sessions start again in May.',
  },
  {
    org: 'linthorpeChoir',
    name: 'Linthorpe Community Choir',
    description: 'Sing pop, folk and gospel with a warm, welcoming choir. No auditions.',
    categories: ['arts-culture', 'befriending-social-groups'],
    at: ['linthorpeCentre'],
    sessions: [{ days: 'MO', from: '19:00', to: '21:00', at: 'linthorpeCentre' }],
    cost: { amount: 2, description: '£2 per session' },
  },
  {
    org: 'coastalYoungCarers',
    name: 'Young Carers Club',
    description: 'Fun, a break and a chat with others who understand, for young people who look after someone at home.',
    categories: ['carers', 'befriending-social-groups'],
    at: ['estonHub'],
    sessions: [{ days: 'WE', from: '16:00', to: '18:00', at: 'estonHub' }],
    ages: [8, 18],
  },
  {
    org: 'coastalYoungCarers',
    name: 'Young Carers Homework Help',
    description: 'A quiet space and volunteer tutors for young carers who are falling behind at school.',
    categories: ['carers', 'learning-volunteering'],
    at: ['redcarLibrary'],
    sessions: [{ days: 'TU', from: '16:00', to: '17:30', at: 'redcarLibrary' }],
    ages: [11, 18],
  },
  {
    org: 'safeHaven',
    name: 'Refuge and Outreach — Teesside',
    description:
      'Confidential refuge accommodation and community outreach for women and children on Teesside escaping domestic abuse.',
    categories: ['housing-advice', 'mental-wellbeing'],
    at: ['refugeCoastal'],
    confidential: true,
    area: 'Redcar, Cleveland and Middlesbrough',
    ages: [16, null],
    eligibility: 'Women (and their children) experiencing domestic abuse.',
    phone: '01632 960998',
    capacity: 'full',
  },
  {
    org: 'recoveryRoad',
    name: 'Recovery Café — Linthorpe',
    description: 'An alcohol- and drug-free café run by people in recovery: food, mutual aid meetings and activities.',
    categories: ['substance-use', 'befriending-social-groups', 'food'],
    at: ['linthorpeCentre'],
    sessions: [
      { days: 'FR', from: '12:00', to: '16:00', at: 'linthorpeCentre' },
      { days: 'SU', from: '12:00', to: '15:00', at: 'linthorpeCentre', description: 'Sunday lunch' },
    ],
    ages: [18, null],
  },
  {
    org: 'valleyVolunteers',
    name: 'Valley Conservation Volunteers',
    description:
      'Help look after the woods and gardens: planting, path repairs and clearing invasive plants. Tools and training given.',
    categories: ['nature-green-space', 'learning-volunteering'],
    at: ['saltburnValley'],
    sessions: [{ days: 'WE', from: '10:00', to: '14:00', at: 'saltburnValley' }],
    ages: [16, null],
  },
  {
    org: 'talkingSpace',
    name: "Men's Talking Space",
    description:
      'A relaxed peer group for men to talk about whatever is on their mind, over a brew. No pressure to speak.',
    categories: ['mental-wellbeing', 'befriending-social-groups'],
    at: ['estonHub'],
    sessions: [{ days: 'MO', from: '18:30', to: '20:00', at: 'estonHub' }],
    ages: [18, null],
  },
];
