// The TIMESTAMP of Cognito's PASSWORD_VERIFIER response, which is also signed. Cognito parses it
// as Java's "EEE MMM d HH:mm:ss z yyyy": English names, UTC, and a day of month WITHOUT a leading
// zero. A zero-padded day ("Nov 02") is rejected on the first nine days of every month, which is
// how this bug usually ships unnoticed.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** e.g. "Sun Nov 2 09:05:07 UTC 2026". */
export function cognitoTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new Error('cognitoTimestamp: invalid date');
  const weekday = WEEKDAYS[d.getUTCDay()];
  const month = MONTHS[d.getUTCMonth()];
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${weekday} ${month} ${d.getUTCDate()} ${time} UTC ${d.getUTCFullYear()}`;
}
