// Every word the residents' self-referral shows, in one place, so that a unit test can check the
// whole journey reads at a reading age of 9 to 11 (issue 14: plain English, NHS.UK style).
// `you` is the person referred; when someone refers for them, the questions say `they`.

export const START = {
  title: 'Refer yourself for social prescribing',
  lede: 'Social prescribing helps you find things in your area that can make life better. This could be a walking group, help with money, or someone to talk to.',
  what: [
    'A member of the team will call you or write to you.',
    'They will talk with you about what matters to you.',
    'Then they help you find groups and services near you.',
  ],
  before: 'Before you start',
  needs: [
    'your name and date of birth',
    'your postcode',
    'the name of your GP surgery, if you know it',
    'a phone number or email address, if you have one',
  ],
  behalf: 'You can also refer someone else. They must say yes to it first.',
  time: 'It takes about 5 minutes.',
  urgentTitle: 'Do not use this if you need help now',
  urgent: [
    'If you feel you might hurt yourself, or someone else is in danger, call 999.',
    'If you need help soon but it is not an emergency, call 111 or your GP surgery.',
  ],
  button: 'Start now',
  check: 'You can check on a referral you have made.',
};

export const QUESTIONS = {
  who: {
    title: 'Who are you referring?',
    self: 'Myself',
    someoneElse: 'Someone else',
    someoneElseHint: 'They must have said yes to this.',
  },
  aboutYou: {
    title: 'About you',
    lede: 'We will ask about the person you are referring next.',
    name: 'Your full name',
    relationship: 'How do you know them?',
    relationshipHint: 'For example, their son, their friend, or their carer.',
    phone: 'Your phone number',
    email: 'Your email address',
    contactHint: 'Give at least one, so the team can reach you.',
    agreed: 'They have said yes to me referring them',
  },
  name: { self: 'What is your name?', other: 'What is their name?', given: 'First name', family: 'Last name' },
  dateOfBirth: {
    self: 'What is your date of birth?',
    other: 'What is their date of birth?',
    hint: 'For example, 15 3 1984',
  },
  postcode: {
    self: 'What is your postcode?',
    other: 'What is their postcode?',
    hint: 'This is for the place you live. For example, NE1 4XX',
    label: 'Postcode',
  },
  gp: {
    self: 'Who is your GP surgery?',
    other: 'Who is their GP surgery?',
    searchLabel: 'Search by name or postcode',
    searchHint: 'For example, Market Street or NE1',
    search: 'Search',
    results: 'Choose the surgery',
    none: 'No surgeries found. Check the spelling, or try a postcode.',
    unknown: 'I do not know',
    unknownHint: 'We will find the team near the postcode you gave.',
  },
  contact: {
    self: 'How should we contact you?',
    other: 'How should we contact them?',
    phone: 'Phone call',
    text: 'Text message',
    email: 'Email',
    letter: 'Letter',
    letterHint: 'We will post it to the postcode you gave.',
    phoneLabel: 'Phone number',
    mobileLabel: 'Mobile phone number',
    emailLabel: 'Email address',
  },
  contactTimes: {
    self: 'When is a good time to contact you?',
    other: 'When is a good time to contact them?',
    hint: 'For example, weekday mornings. You can leave this blank.',
    label: 'Good times to contact',
  },
  help: {
    self: 'What would you like help with?',
    other: 'What would they like help with?',
    hint: 'Choose all that apply.',
    more: 'Tell us more (optional)',
    moreHint: 'Do not give details of an emergency here.',
  },
  access: {
    self: 'Do you need anything to help you take part?',
    other: 'Do they need anything to help them take part?',
    language: 'What language do you like to speak?',
    interpreter: 'I would like an interpreter',
    needs: 'Anything else we should know (optional)',
    needsHint: 'For example, large print, a hearing loop, or wheelchair access.',
  },
  consent: {
    title: 'Saying yes',
    referral: 'I want to be referred to the social prescribing team',
    referralOther: 'They want to be referred to the social prescribing team',
    share: 'Can the team share your details with groups they connect you with?',
    shareOther: 'Can the team share their details with groups they connect them with?',
    shareHint: 'The team will only share what the group needs.',
    yes: 'Yes',
    no: 'No',
  },
  continue: 'Continue',
};

/** The shorter journey straight to a community group (issue 14, point 3). The group's name is shown beside these. */
export const GROUP = {
  caption: 'Refer yourself to',
  startTitle: 'Refer yourself to this group',
  lede: 'This group takes referrals from people themselves. You do not need to see your GP first.',
  what: [
    'Answer a few questions about you.',
    'We send your answers to the group.',
    'The group will contact you in the way you ask.',
  ],
  needs: ['your date of birth and postcode', 'a phone number or email address, if you have one'],
  time: 'It takes about 3 minutes.',
  button: 'Start now',
  notFoundTitle: 'You cannot refer yourself to this group here',
  notFound: 'The group may not take referrals from people themselves, or it may be full. Contact the group to ask.',
  back: 'Back to the group',
  forGroup: {
    self: 'What would you like the group to know?',
    other: 'What would they like the group to know?',
    hint: 'For example, why you want to go, or something you want to ask. Do not give details of an emergency here.',
  },
  share: {
    title: 'Sending your details',
    self: 'Can we send your answers to the group?',
    other: 'Can we send their answers to the group?',
    hint: 'The group needs them to contact you. We send them to the group and no one else.',
    yes: 'Yes, send them',
    no: 'No',
  },
  checkNotice: 'When you send this, the group will get your answers.',
  sentTo: 'Your answers went to',
  next: [
    'The group will look at your referral.',
    'Someone from the group will contact you in the way you asked.',
    'If you feel worse while you wait, call your GP surgery or 111.',
  ],
  help: 'What you would like the group to know',
  sharing: 'Send your answers to the group',
};

export const CHECK = {
  title: 'Check your answers',
  lede: 'Check your answers before you send them.',
  change: 'Change',
  send: 'Send referral',
  sending: 'Sending…',
  notice: 'When you send this, the team will get your answers.',
};

export const CONFIRMATION = {
  title: 'Referral sent',
  reference: 'Your reference is',
  keep: 'Keep this reference. You will need it with the date of birth to check on the referral.',
  nextTitle: 'What happens next',
  next: [
    'The team will look at your referral.',
    'Someone from the team will contact you in the way you asked.',
    'If you feel worse while you wait, call your GP surgery or 111.',
  ],
  textMessage: 'We will also send your reference to you by text message.',
  emailMessage: 'We will also send your reference to you by email.',
  check: 'Check on your referral',
};

export const STATUS = {
  title: 'Check on a referral',
  lede: 'Use the reference you were given and the date of birth of the person referred.',
  reference: 'Reference',
  referenceHint: 'For example, WM-3F9A-C21B or OR-3F9AC21B',
  dateOfBirth: 'Date of birth',
  dateHint: 'For example, 15 3 1984',
  button: 'Check',
  statusTitle: 'Status',
  team: 'Contact the team',
  group: 'Contact the group',
  phone: 'Phone',
  email: 'Email',
};

/** The labels that start each error message ("First name is required"). */
export const FIELD_LABELS: Record<string, string> = {
  forWhom: 'Who you are referring',
  onBehalfName: 'Your full name',
  onBehalfRelationship: 'How you know them',
  onBehalfPhone: 'Your phone number',
  onBehalfEmail: 'Your email address',
  personAgreed: 'Their agreement',
  givenName: 'First name',
  familyName: 'Last name',
  dateOfBirth: 'Date of birth',
  postcode: 'Postcode',
  practiceId: 'GP surgery',
  practiceUnknown: 'GP surgery',
  preferredContact: 'How to contact',
  phone: 'Phone number',
  email: 'Email address',
  contactTimes: 'Good times to contact',
  reasons: 'What you would like help with',
  details: 'Tell us more',
  language: 'Language',
  interpreterNeeded: 'Interpreter',
  accessibilityNeeds: 'Anything else we should know',
  consentToReferral: 'Saying yes to the referral',
  consentToShare: 'Sharing details',
  formToken: 'The form',
};
