// Invented community venues across the demo Northshire geography. Every postcode is in the
// synthetic ONSPD sample (../data/onspd-sample.csv); coordinates come from it at build time.

export interface DemoVenue {
  name: string;
  address_1: string;
  address_2?: string;
  city: string;
  postal_code: string;
  accessibility: string[];
}

const STEP_FREE = 'Step-free access and an accessible toilet';
const LOOP = 'Hearing loop in the main hall';
const PARKING = 'Blue badge parking by the entrance';

export const DEMO_VENUES = {
  // Central PCN: Newcastle upon Tyne (NE1–NE6)
  quayside: {
    name: 'Quayside Community Hall',
    address_1: '12 Sandgate Wharf',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE1 4XX',
    accessibility: [STEP_FREE, LOOP],
  },
  grainger: {
    name: 'Grainger Street Library',
    address_1: '40 Grainger Row',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE1 5JP',
    accessibility: [STEP_FREE, 'Lift to all floors', 'Large-print and audio books'],
  },
  civicPark: {
    name: 'Civic Gardens (meet at the bandstand)',
    address_1: 'Civic Gardens, Barras Walk',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE1 7JK',
    accessibility: ['Level tarmac paths; benches every 200 metres', 'Public toilets at the park café'],
  },
  stAidans: {
    name: "St Aidan's Church Centre",
    address_1: "St Aidan's Church, Pilgrim Lane",
    city: 'Newcastle upon Tyne',
    postal_code: 'NE1 3GU',
    accessibility: ['Ramp at the side door', LOOP],
  },
  westgateHub: {
    name: 'Westgate Wellbeing Hub',
    address_1: 'Unit 3, Westgate Yard',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE1 8EB',
    accessibility: [STEP_FREE, 'Quiet room available'],
  },
  jesmondDene: {
    name: 'Jesmond Vale Park gates',
    address_1: 'Vale Road entrance, Jesmond Vale Park',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE2 1AB',
    accessibility: ['Mostly level paths; one short slope', 'Café with accessible toilet at the halfway point'],
  },
  jesmondCentre: {
    name: 'Jesmond Community Centre',
    address_1: '7 Osborne Crescent',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE2 3GD',
    accessibility: [STEP_FREE, PARKING],
  },
  sandyford: {
    name: 'Sandyford Methodist Hall',
    address_1: '22 Chillingham Walk',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE2 6FA',
    accessibility: ['Two steps at the front; ramp at the rear door'],
  },
  gosforthHall: {
    name: 'Gosforth Parish Hall',
    address_1: '1 High Street West',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE3 2CD',
    accessibility: [STEP_FREE, LOOP, PARKING],
  },
  gosforthAllotments: {
    name: 'Brunton Lane Community Allotments',
    address_1: 'Brunton Lane',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE3 5JP',
    accessibility: ['Raised beds at wheelchair height', 'Gravel paths: may be hard going in wet weather'],
  },
  fenhamHub: {
    name: 'Fenham Neighbourhood Hub',
    address_1: '58 Two Ball Lonnen Road',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE4 5EF',
    accessibility: [STEP_FREE, 'Prayer room'],
  },
  elswickCentre: {
    name: 'Elswick Family Centre',
    address_1: '3 Beech Grove Terrace',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE4 7PA',
    accessibility: [STEP_FREE, 'Baby changing'],
  },
  westerhope: {
    name: 'Westerhope Village Institute',
    address_1: '9 Stamfordham Row',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE5 1AY',
    accessibility: ['Ramp at the main entrance', PARKING],
  },
  bykerHub: {
    name: 'Byker Community Hub',
    address_1: '100 Shields Terrace',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE6 3GH',
    accessibility: [STEP_FREE, LOOP],
  },
  walkerShed: {
    name: 'Walker Riverside Workshop',
    address_1: 'Unit 6, Pottery Bank',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE6 5PA',
    accessibility: ['Ground-floor workshop; tools at seated height on request'],
  },
  // Riverside and Dales PCN: Leyburn and Bedale (DL8), Richmond (DL10), the upper dales (DL11)
  leyburnHall: {
    name: 'Leyburn Market Hall',
    address_1: 'Market Place',
    city: 'Leyburn',
    postal_code: 'DL8 1LM',
    accessibility: [STEP_FREE, LOOP],
  },
  bedaleInstitute: {
    name: 'Bedale Memorial Institute',
    address_1: '14 Emgate',
    city: 'Bedale',
    postal_code: 'DL8 2NP',
    accessibility: ['Ramp at the main door', PARKING],
  },
  middlehamLibrary: {
    name: 'Middleham Community Library',
    address_1: 'The Old School, Kirkgate',
    city: 'Middleham',
    postal_code: 'DL8 3QL',
    accessibility: [STEP_FREE],
  },
  hawesCentre: {
    name: 'Hawes Dales Centre',
    address_1: 'Station Yard',
    city: 'Hawes',
    postal_code: 'DL8 5EU',
    accessibility: [STEP_FREE, PARKING],
  },
  richmondHub: {
    name: 'Richmond Town Hub',
    address_1: '2 Frenchgate Court',
    city: 'Richmond',
    postal_code: 'DL10 5DU',
    accessibility: [STEP_FREE, LOOP, 'Lift to the first floor'],
  },
  richmondRiverside: {
    name: 'Richmond Riverside car park',
    address_1: 'Riverside Road',
    city: 'Richmond',
    postal_code: 'DL10 7FA',
    accessibility: ['Riverside path is level for the first mile, then uneven'],
  },
  kirkbyHall: {
    name: 'Upper Dales Village Hall',
    address_1: 'Church Lane',
    city: 'Kirkby Stephen',
    postal_code: 'DL11 6QR',
    accessibility: ['Ramp at the side entrance'],
  },
  reethFarm: {
    name: 'Arkle Beck Community Farm',
    address_1: 'Arkle Beck Lane',
    city: 'Reeth',
    postal_code: 'DL11 3AQ',
    accessibility: ['Farm tracks are uneven; a mobility scooter is available to borrow'],
  },
  // Coastal PCN: Middlesbrough (TS5), Eston (TS6), Nunthorpe (TS7), Redcar (TS10), Saltburn (TS12)
  linthorpeCentre: {
    name: 'Linthorpe Community Centre',
    address_1: '31 Albert Terrace',
    city: 'Middlesbrough',
    postal_code: 'TS5 4ST',
    accessibility: [STEP_FREE, LOOP, PARKING],
  },
  acklamLibrary: {
    name: 'Acklam Library',
    address_1: 'Hall Drive',
    city: 'Middlesbrough',
    postal_code: 'TS5 7JP',
    accessibility: [STEP_FREE],
  },
  estonHub: {
    name: 'Eston Square Hub',
    address_1: '5 Eston Square',
    city: 'Eston',
    postal_code: 'TS6 1WX',
    accessibility: [STEP_FREE, 'Quiet room available'],
  },
  normanbyChurch: {
    name: 'Normanby Chapel Rooms',
    address_1: 'Chapel Road',
    city: 'Normanby',
    postal_code: 'TS6 6DH',
    accessibility: ['One step at the entrance; portable ramp on request'],
  },
  nunthorpeHall: {
    name: 'Nunthorpe Village Hall',
    address_1: 'Guisborough Road',
    city: 'Nunthorpe',
    postal_code: 'TS7 8UV',
    accessibility: [STEP_FREE, PARKING],
  },
  martonPark: {
    name: 'Stewart Fields Park café',
    address_1: 'Stewart Fields, Marton Road',
    city: 'Middlesbrough',
    postal_code: 'TS7 4PN',
    accessibility: ['Level paths round the lake', 'Accessible toilet in the café'],
  },
  redcarSeafront: {
    name: 'Redcar Seafront Centre',
    address_1: 'The Esplanade',
    city: 'Redcar',
    postal_code: 'TS10 3FN',
    accessibility: [STEP_FREE, LOOP],
  },
  redcarLibrary: {
    name: 'Redcar Central Library',
    address_1: 'Coatham Road',
    city: 'Redcar',
    postal_code: 'TS10 5FX',
    accessibility: [STEP_FREE, 'Lift to all floors'],
  },
  saltburnHall: {
    name: 'Saltburn Community Hall',
    address_1: 'Milton Street',
    city: 'Saltburn-by-the-Sea',
    postal_code: 'TS12 1RL',
    accessibility: ['Ramp at the side door', LOOP],
  },
  saltburnValley: {
    name: 'Valley Gardens entrance',
    address_1: 'Valley Gardens, Glen Road',
    city: 'Saltburn-by-the-Sea',
    postal_code: 'TS12 6BA',
    accessibility: ['Steep in places; the lower woodland path is level'],
  },
  // Confidential places (refuges and safe houses): the address is hidden from the public.
  refugeCentral: {
    name: 'Safe house (Newcastle)',
    address_1: '8 Lime Tree Mews',
    city: 'Newcastle upon Tyne',
    postal_code: 'NE6 1HL',
    accessibility: [STEP_FREE],
  },
  refugeCoastal: {
    name: 'Refuge (Teesside)',
    address_1: '27 Harbour Close',
    city: 'Middlesbrough',
    postal_code: 'TS5 2PA',
    accessibility: ['Ground-floor family room'],
  },
  refugeDales: {
    name: 'Safe accommodation (the Dales)',
    address_1: 'Fellside Cottages',
    city: 'Richmond',
    postal_code: 'DL10 6JS',
    accessibility: [],
  },
} satisfies Record<string, DemoVenue>;

export type VenueKey = keyof typeof DEMO_VENUES;
