// NHS number validation (reference/nhs-data.md): 10 ASCII digits, Modulus 11 check digit,
// and none of the ten repeated-digit numbers (they pass the checksum but are never issued).

export type NhsNumberProblem = 'format' | 'repeated' | 'checksum';

/** Strips spaces; keeps anything else so that letters and Unicode digits are rejected. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/ /g, '');
}

export function nhsNumberProblem(input: string): NhsNumberProblem | null {
  const digits = normaliseNhsNumber(input);
  if (!/^[0-9]{10}$/.test(digits)) return 'format';
  if (/^(\d)\1{9}$/.test(digits)) return 'repeated';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  if (expected === 10 || expected !== Number(digits[9])) return 'checksum';
  return null;
}

export function isValidNhsNumber(input: string): boolean {
  return nhsNumberProblem(input) === null;
}

export const NHS_NUMBER_MESSAGES: Record<NhsNumberProblem, string> = {
  format: 'must be 10 digits, like 999 000 0018',
  repeated: 'is not a real NHS number (all digits the same)',
  checksum: 'is not a valid NHS number: check the digits (the last one is a check digit)',
};

/** 999 000 0018 style, for display. */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
