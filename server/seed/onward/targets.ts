// Where the demo teams send people onward, by PCN: the services of Northshire Community
// Connect (the demo partner, answered in its inbox), services of organisations without accounts
// (reached by secure link) and services the teams only signpost to. By listing name, as in
// server/seed/directory/services/*.json.

export type PcnSlug = 'central' | 'riverside' | 'coastal';

/** The demo walking group of the demo partner's organisation (the e2e journey refers to it). */
export const CONNECT_WALK = 'Connect Walk and Talk';
/** Riverside Walking Friends has no partner users: it is the organisation reached by link. */
export const RIVERSIDE_WALK = 'Walk and Talk — Riverside';
export const RIVERSIDE_GARDENS_WALK = 'Civic Gardens Wellbeing Walk';

export const CONNECT_SERVICES: Record<PcnSlug, string[]> = {
  central: [
    CONNECT_WALK,
    CONNECT_WALK,
    'Lunch Club — Gosforth',
    'Community Connectors',
    'Volunteer Centre Drop-in',
    "Knit and natter — St Aidan's",
    'Knit and natter — Fenham',
  ],
  riverside: [
    'Dales Lunch Club — Hawes',
    'Knit and natter — Middleham',
    'Knit and natter — Upper Dales',
    'Community Connectors',
  ],
  coastal: ['Knit and natter — Normanby', 'Community Connectors'],
};

export const LINK_SERVICES: Record<PcnSlug, string[]> = {
  central: [
    RIVERSIDE_WALK,
    RIVERSIDE_GARDENS_WALK,
    'Money advice drop-in — Newcastle city centre',
    "Tyneview Men's Shed",
  ],
  riverside: ['Leyburn Health Walk', 'Bedale Strollers', 'Money advice drop-in — Leyburn'],
  coastal: ['Redcar Seafront Stroll', 'Chair-based exercise — Redcar'],
};

export const SIGNPOST_SERVICES: Record<PcnSlug, string[]> = {
  central: [
    'Health walks — Jesmond Vale',
    'Digital drop-in — Grainger Street Library',
    'Friendship afternoon — Sandyford',
    'Device Lending Library',
  ],
  riverside: ['Tai chi — Leyburn', 'Digital drop-in — Richmond'],
  coastal: ['Digital drop-in — Redcar', 'Tai chi — Stewart Fields'],
};

/** The demo's service_referral_settings rows (every other service: the defaults). */
export const DEMO_REFERRAL_SETTINGS: {
  service: string;
  takesReferrals: boolean;
  /** Residents may refer themselves from the public directory (issue 14): the two walking groups. */
  takesSelfReferrals?: boolean;
  referralEmail: string | null;
  replyWorkingDays: number;
}[] = [
  // The organisation without accounts names the address its walk leaders read for referrals.
  {
    service: RIVERSIDE_WALK,
    takesReferrals: true,
    takesSelfReferrals: true,
    referralEmail: 'referrals@riverside-walking-friends.example',
    replyWorkingDays: 5,
  },
  {
    service: RIVERSIDE_GARDENS_WALK,
    takesReferrals: true,
    referralEmail: 'referrals@riverside-walking-friends.example',
    replyWorkingDays: 5,
  },
  { service: CONNECT_WALK, takesReferrals: true, takesSelfReferrals: true, referralEmail: null, replyWorkingDays: 3 },
  // A loan scheme people join themselves: the worker signposts, it takes no referrals.
  { service: 'Device Lending Library', takesReferrals: false, referralEmail: null, replyWorkingDays: 5 },
];

export const ALL_TARGET_NAMES = [
  ...new Set([CONNECT_SERVICES, LINK_SERVICES, SIGNPOST_SERVICES].flatMap((byPcn) => Object.values(byPcn).flat())),
];

export const REASONS = [
  'Has been feeling low and on their own since retiring; would like to get out and meet people.',
  'Wants to get more active after a spell in hospital, at a gentle pace and with company.',
  'Recently bereaved and finding the days long; enjoys being outdoors.',
  'Caring for a partner and needs something for themselves once a week.',
  'New to the area and does not know anyone yet; keen to join a group.',
  'Would like to try something creative and meet people nearby.',
];
/** For the money advice services: the reason is about money, not company. */
export const MONEY_REASON = 'Money worries are keeping them awake; would like help to sort out bills and benefits.';

export const CONTACT_TIMES = ['Weekday mornings', 'Any time after 2pm', 'Tuesdays and Thursdays', 'Evenings after 5pm'];
