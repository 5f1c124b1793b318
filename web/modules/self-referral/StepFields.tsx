import type { ReactNode } from 'react';
import type { SelfReferralAnswers } from '../../../common/self-referral';
import {
  AccessNeedsStep,
  ConsentStep,
  ContactStep,
  ContactTimesStep,
  ForTheGroupStep,
  HelpStep,
  ShareWithGroupStep,
} from './contact-steps';
import { GROUP as G, QUESTIONS as Q } from './copy';
import { AboutYouStep, DateOfBirthStep, GpStep, NameStep, PostcodeStep, WhoStep } from './person-steps';
import { type StepProps, self } from './question-parts';

// The fields of each question page, by the step's slug (journey.ts). Field ids are the API's
// field names, so the API's errors land beside their fields and the error summary links to them.

/** Each page's fields, by the step's slug (journey.ts). */
export const STEP_FIELDS: Record<string, (props: StepProps) => ReactNode> = {
  who: WhoStep,
  'about-you': AboutYouStep,
  name: NameStep,
  'date-of-birth': DateOfBirthStep,
  postcode: PostcodeStep,
  gp: GpStep,
  contact: ContactStep,
  'contact-times': ContactTimesStep,
  help: HelpStep,
  'access-needs': AccessNeedsStep,
  consent: ConsentStep,
  'for-the-group': ForTheGroupStep,
  'share-with-group': ShareWithGroupStep,
};

/** The page's title for the browser tab: its question. */
export function stepTitle(slug: string, a: SelfReferralAnswers): string {
  const s = self(a);
  const titles: Record<string, string> = {
    who: Q.who.title,
    'about-you': Q.aboutYou.title,
    name: s ? Q.name.self : Q.name.other,
    'date-of-birth': s ? Q.dateOfBirth.self : Q.dateOfBirth.other,
    postcode: s ? Q.postcode.self : Q.postcode.other,
    gp: s ? Q.gp.self : Q.gp.other,
    contact: s ? Q.contact.self : Q.contact.other,
    'contact-times': s ? Q.contactTimes.self : Q.contactTimes.other,
    help: s ? Q.help.self : Q.help.other,
    'access-needs': s ? Q.access.self : Q.access.other,
    consent: Q.consent.title,
    'for-the-group': s ? G.forGroup.self : G.forGroup.other,
    'share-with-group': s ? G.share.self : G.share.other,
  };
  return titles[slug] ?? 'Refer yourself';
}
