import { usePageTitle } from '../../ui/use-page-title';
import { SupportEmail } from './SupportEmail';

/**
 * The privacy notice. Waymark is software: the integrated care board (ICB) that runs it is the data
 * controller, so the wording names the ICB generically and the ICB adds its own details (its data
 * protection officer, its retention schedule) where marked.
 */
export function PrivacyPage() {
  usePageTitle('Privacy notice');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Privacy notice</h1>
        <p>
          This notice explains how your personal information is used when you are referred to social prescribing through
          Waymark, or when you use Waymark as a member of staff.
        </p>

        <h2>Who is responsible for your information</h2>
        <p>
          Your integrated care board (ICB) runs this service and is the data controller. Your GP practice and your
          primary care network’s social prescribing team use it to look after you. The ICB’s data protection officer can
          be contacted through <SupportEmail />.
        </p>

        <h2>What information we hold</h2>
        <ul>
          <li>who you are: your name, date of birth, NHS number and postcode</li>
          <li>how to contact you, and any help you need to communicate (such as an interpreter)</li>
          <li>why you were referred and what matters to you</li>
          <li>
            your care and support plan, the contacts you have with the team, and the answers you give to wellbeing
            questionnaires
          </li>
          <li>the message the team sends back to your GP when you leave the service</li>
        </ul>

        <h2>Why we use it, and the law that allows it</h2>
        <p>
          We use your information to provide social prescribing to you: your direct care. The law that allows this is
          the UK General Data Protection Regulation: Article 6(1)(e), because the NHS performs a task in the public
          interest, and Article 9(2)(h), because information about your health is used to provide health and social
          care.
        </p>
        <p>
          The team shares what you agree to share with community services they refer you to, and only what those
          services need to help you. Figures about the service are only ever shown to commissioners as totals, with
          small numbers hidden, so that nobody can be identified.
        </p>

        <h2>Who can see it</h2>
        <p>
          Only the people who need to: the social prescribing team of your primary care network, and staff at the GP
          practice that referred you, who see where the referral stands and the message back. Every time someone looks
          at or changes your record, it is recorded in an audit log that cannot be altered.
        </p>

        <h2>How long we keep it</h2>
        <p>
          We keep it for as long as the NHS Records Management Code of Practice says for records of this kind, then
          delete it. Your ICB can tell you the exact period.
        </p>

        <h2>Your rights</h2>
        <p>
          You can ask to see the information we hold about you, ask us to correct it, and object to how we use it. Email{' '}
          <SupportEmail />. If you are unhappy with how your information has been used, you can complain to the
          Information Commissioner’s Office (ICO).
        </p>

        <h2>If you use Waymark at work</h2>
        <p>
          We hold your name, work email, role and organisation, and a record of what you do in Waymark (the audit log),
          to keep the service secure and accountable. Your password is stored only as a one-way hash.
        </p>
      </div>
    </div>
  );
}
