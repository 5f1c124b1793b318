import { usePageTitle } from '../../ui/use-page-title';
import { SupportEmail } from './SupportEmail';

/** The accessibility statement, in the shape the Public Sector Bodies Accessibility Regulations 2018 ask for. */
export function AccessibilityPage() {
  usePageTitle('Accessibility statement');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement for Waymark</h1>
        <p>
          This statement applies to Waymark: the social prescribing service that GP practices, primary care network
          teams, voluntary organisations and the public use, including the public directory of community services.
        </p>
        <p>We want as many people as possible to be able to use it. You should be able to:</p>
        <ul>
          <li>change colours, contrast levels and fonts using your browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>get around the whole service using just a keyboard</li>
          <li>use it with a screen reader, such as NVDA, JAWS or VoiceOver</li>
          <li>use it on a phone, down to a screen 320 pixels wide</li>
        </ul>
        <p>
          Waymark follows the NHS digital service manual and uses the NHS.UK design system. Most of the text is written
          in plain English.
        </p>

        <h2>How accessible this website is</h2>
        <p>We know some parts are not fully accessible:</p>
        <ul>
          <li>charts of outcome measures have a table beside them, but the chart itself is not described in detail</li>
          <li>some long tables on staff pages are hard to read at high zoom, although they reflow on small screens</li>
          <li>documents that people upload (such as a directory import file) are not checked for accessibility</li>
        </ul>

        <h2>Feedback and contact information</h2>
        <p>
          If you need information in a different format, such as large print, easy read, audio or braille, email{' '}
          <SupportEmail />. We will consider your request and reply within 5 working days.
        </p>

        <h2>Reporting accessibility problems</h2>
        <p>
          We are always looking to improve. If you find a problem that is not listed here, or think we are not meeting
          accessibility requirements, email <SupportEmail />.
        </p>

        <h2>Enforcement procedure</h2>
        <p>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies
          (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’).
          If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service
          (EASS).
        </p>

        <h2>Technical information about this website’s accessibility</h2>
        <p>
          The integrated care board that runs this service is committed to making it accessible, in accordance with the
          accessibility regulations.
        </p>
        <h3>Compliance status</h3>
        <p>
          This website aims to be fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.
          It is partially compliant because of the issues listed above.
        </p>

        <h2>How we tested this website</h2>
        <p>
          Every page is checked automatically with axe-core for WCAG 2.2 A and AA on each change to the software, as
          part of its end-to-end tests in Chromium, and the pages are also tested at 320 pixels wide and with a
          keyboard. The team checks new pages by hand with a screen reader before they are released.
        </p>

        <h2>What we are doing to improve accessibility</h2>
        <p>
          We fix any problem the automated checks find before a change is released, and we review this statement when we
          add a page.
        </p>
        <p>This statement was prepared on 5 December 2026.</p>
      </div>
    </div>
  );
}
