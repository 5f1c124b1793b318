import type { CategoryCode, ReferralCapacity, ServiceStatus } from '../../../common/directory.js';
import type { OrganisationKey } from './demo-organisations.js';
import type { VenueKey } from './demo-venues.js';

// The compact shape the demo services are written in; demo-builders.ts turns each into a
// ListingInput. Anything left out takes a sensible default (free, English, open, active).

export type LanguageCode = 'en' | 'pl' | 'ur' | 'ar' | 'bfi';

export interface DemoSession {
  /** Weekly: "TU" or "MO,TH". */
  days?: string;
  /** Monthly: "1TU" (first Tuesday), "-1FR" (last Friday). */
  monthly?: string;
  from: string;
  to: string;
  /** The venue the session is at (one of the service's venues); none for online or phone. */
  at?: VenueKey;
  description?: string;
  notes?: string;
  attending?: 'in person' | 'online' | 'phone';
}

export interface DemoServiceSpec {
  org: OrganisationKey;
  name: string;
  description: string;
  /** 1–3 categories. */
  categories: CategoryCode[];
  /** Physical locations. */
  at?: VenueKey[];
  /** A virtual location, e.g. "Online on Zoom". */
  online?: string;
  /** A service area, e.g. "Anywhere in Northshire": never dropped by a distance filter. */
  area?: string;
  /** The physical locations are confidential (a refuge). */
  confidential?: boolean;
  sessions?: DemoSession[];
  ages?: [number | null, number | null];
  eligibility?: string;
  /** Default free. */
  cost?: { amount: number; description: string };
  /** Default English only. */
  languages?: LanguageCode[];
  status?: ServiceStatus;
  capacity?: ReferralCapacity;
  alert?: string;
  /** Days since it was last verified; null = never verified. Default: spread by position. */
  assuredDaysAgo?: number | null;
  /** A service phone in place of the organisation's. */
  phone?: string;
}

export const BANK_HOLIDAYS = 'Closed on bank holidays';
