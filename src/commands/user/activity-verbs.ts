// Wiring of what a user has and did: `user devices`, `user forget-device`, `user sessions`,
// `user revoke-session`, `user events`, `user auth-factors` (admin APIs). Logic loads when run.
import { Command } from 'commander';
import { examples, handler, positiveInt, type Runtime } from '../shared.js';

const USERNAME = 'username, or an email or phone alias where the pool has them';

export function registerActivityVerbs(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('devices')
      .description("List the devices Cognito tracks for a user (AdminListDevices): name, remembered, last sign-in, last IP")
      .argument('<username>', USERNAME)
      .option('--limit <n>', 'at most this many devices', positiveInt)
      .action(
        handler(runtime, async (ctx, [username], options: { limit?: number }) => {
          const { listUserDevices } = await import('./devices.js');
          await listUserDevices(ctx, username, options);
        }),
      ),
    'user devices ann',
    'user devices ann@example.com -o json',
  );

  examples(
    user
      .command('forget-device')
      .description('Forget a device of a user (AdminForgetDevice): its next sign-in asks for MFA again; asks first')
      .argument('<username>', USERNAME)
      .argument('<key>', 'device key (see `user devices`)')
      .option('--dry-run', 'say which device would be forgotten and change nothing')
      .action(
        handler(runtime, async (ctx, [username, key], options: { dryRun?: boolean }) => {
          const { forgetUserDevice } = await import('./devices.js');
          await forgetUserDevice(ctx, username, key, options);
        }),
      ),
    'user forget-device ann eu-west-1_0a1b2c3d-1111-2222-3333-444455556666 --yes',
  );

  examples(
    user
      .command('sessions')
      .description("List a user's sessions (AdminListUserSessions): app-client token sessions and managed-login sessions")
      .argument('<username>', USERNAME)
      .option('--limit <n>', 'at most this many sessions', positiveInt)
      .action(
        handler(runtime, async (ctx, [username], options: { limit?: number }) => {
          const { listUserSessions } = await import('./sessions.js');
          await listUserSessions(ctx, username, options);
        }),
      ),
    'user sessions ann',
    'user sessions ann -o json | jq -r ".[].id"',
  );

  examples(
    user
      .command('revoke-session')
      .description("Revoke one of a user's sessions (AdminRevokeUserSession); --linked also the sessions linked to it; asks first")
      .argument('<username>', USERNAME)
      .argument('<session-id>', 'the session id (see `user sessions`)')
      .option('--linked', 'also revoke the sessions linked to it (its managed-login session and the token sessions that came through it)')
      .option('--dry-run', 'say which session would be revoked and change nothing')
      .action(
        handler(runtime, async (ctx, [username, id], options: { linked?: boolean; dryRun?: boolean }) => {
          const { revokeUserSession } = await import('./sessions.js');
          await revokeUserSession(ctx, username, id, options);
        }),
      ),
    'user revoke-session ann tkna7b3c9d2e5f8g1h4j6k0m2n5p --yes',
    'user revoke-session ann tkna7b3c9d2e5f8g1h4j6k0m2n5p --linked --yes',
  );

  examples(
    user
      .command('events')
      .description("A user's sign-in history (AdminListUserAuthEvents): time, event, result, risk, challenges, IP, device")
      .argument('<username>', USERNAME)
      .option('--limit <n>', 'at most this many events (newest first)', positiveInt)
      .action(
        handler(runtime, async (ctx, [username], options: { limit?: number }) => {
          const { listUserEvents } = await import('./history.js');
          await listUserEvents(ctx, username, options);
        }),
      ),
    'user events ann --limit 20',
    'user events ann -o ndjson | jq "select(.result == \\"Fail\\")"',
  );

  examples(
    user
      .command('auth-factors')
      .description('What a user can sign in with (AdminGetUserAuthFactors): password, one-time codes, passkeys, and MFA')
      .argument('<username>', USERNAME)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { showUserAuthFactors } = await import('./history.js');
          await showUserAuthFactors(ctx, username);
        }),
      ),
    'user auth-factors ann',
    'user auth-factors ann -o json',
  );
}
