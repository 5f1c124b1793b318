export const LIST_SIZE_LABEL = 'Registered patients (list size)';

/**
 * A practice's list size as typed: blank is "not recorded" (null), "6,500" is 6500. Anything
 * else is said at once, in the form's words; the range is the API's to check.
 */
export function readListSize(
  raw: string,
): { value: number | null; error?: undefined } | { value?: undefined; error: string } {
  const typed = raw.replace(/[\s,]/g, '');
  if (!typed) return { value: null };
  if (!/^\d+$/.test(typed)) return { error: `${LIST_SIZE_LABEL} must be a whole number, like 6500` };
  return { value: Number(typed) };
}
