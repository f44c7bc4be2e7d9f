#!/usr/bin/env node
// $BROWSER for tests: `browser.mjs <url>` signs in as FAKE_BROWSER_USERNAME / FAKE_BROWSER_PASSWORD
// (or FAKE_BROWSER_ACCOUNT at a federated provider) and appends what it saw, one JSON line per
// run, to FAKE_BROWSER_LOG.
import { appendFileSync } from 'node:fs';
import { driveLogin } from './drive-login.mjs';

const url = process.argv[2];
const steps = [];
const write = (record) => {
  if (process.env.FAKE_BROWSER_LOG) appendFileSync(process.env.FAKE_BROWSER_LOG, `${JSON.stringify(record)}\n`);
};
const delay = Number(process.env.FAKE_BROWSER_DELAY_MS ?? 0);
if (delay) await new Promise((r) => setTimeout(r, delay));
try {
  const page = await driveLogin(
    url,
    {
      username: process.env.FAKE_BROWSER_USERNAME,
      password: process.env.FAKE_BROWSER_PASSWORD,
      account: process.env.FAKE_BROWSER_ACCOUNT,
    },
    (step) => steps.push(step),
  );
  write({ url, steps, status: page.status, text: page.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() });
} catch (err) {
  write({ url, steps, error: String(err?.message ?? err) });
  process.exitCode = 1;
}
