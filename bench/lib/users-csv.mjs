// Writes a realistic users CSV for the import benchmarks: username, email, verified flag, names,
// E.164 phone, groups; every 50th row has a quoted family name with a comma (so the quoted-record
// path is exercised too). Streamed with backpressure: memory stays flat whatever the row count.
import fs from 'node:fs';

export const USERS_CSV_HEADER = 'username,email,email_verified,given_name,family_name,phone_number,groups';

export function userRow(i) {
  const family = i % 50 === 0 ? `"Family, ${i}"` : `Family${i}`;
  const groups = i % 3 === 0 ? 'staff' : `staff;team${i % 10}`;
  return `user${i},user${i}@example.com,true,Given${i},${family},+1555${String(i).padStart(7, '0')},${groups}`;
}

/** Writes `rows` users to `file`; resolves with the file size in bytes. */
export async function writeUsersCsv(file, rows, { start = 0 } = {}) {
  const out = fs.createWriteStream(file);
  let buffer = `${USERS_CSV_HEADER}\n`;
  for (let i = start; i < start + rows; i++) {
    buffer += `${userRow(i)}\n`;
    if (buffer.length >= 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
      buffer = '';
    }
  }
  await new Promise((resolve, reject) => out.end(buffer, (err) => (err ? reject(err) : resolve())));
  return fs.statSync(file).size;
}
