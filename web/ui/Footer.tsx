/** The NHS.UK footer. No links yet: we never point people at pages that do not exist. */
export function Footer() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <p className="nhsuk-body-s">
            Waymark: open-source social prescribing for NHS primary care networks. All demonstration data is synthetic.
          </p>
        </div>
      </div>
    </footer>
  );
}
