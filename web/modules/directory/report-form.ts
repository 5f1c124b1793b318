// The public "this is out of date" report: what the browser checks before sending it.

export const REPORT_MESSAGE_MAX = 2000;

/** Checks the browser can make; the server checks them again. */
export function checkReport(message: string, email: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!message) fields.message = 'Enter what is out of date';
  else if (message.length > REPORT_MESSAGE_MAX)
    fields.message = 'What is out of date must be 2,000 characters or fewer';
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    fields.reporter_email = 'Enter an email address in the correct format, like name@example.com';
  }
  return fields;
}
