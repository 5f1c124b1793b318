/**
 * A short reference to read out on the phone ("WM-3F9A-C21B"): the start of the referral's id.
 * Staff find the referral from it on their list; the full id stays in the address.
 */
export function referralReference(id: string): string {
  const hex = id.replace(/-/g, '').toUpperCase();
  return `WM-${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}
