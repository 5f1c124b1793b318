// UK postcodes (reference/nhs-data.md): outward code (area letters + district) + space +
// inward code (digit + two letters). Normalised to upper case with one space.
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** The normalised postcode ("LS1 4AP"), or null when it is not a UK postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/\s+/g, '');
  const match = POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}

/** A postcode as people read it ("NE1 4XX"), whatever the stored spelling; anything else as it is. */
export function formatPostcode(value: string | null | undefined): string {
  if (!value) return '';
  return normalisePostcode(value) ?? value;
}
