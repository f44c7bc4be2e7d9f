// auth devices | forget-device: the signed-in user's own devices (ListDevices, ForgetDevice with
// the saved session). Forgetting this machine's device also drops its saved key and secret.
import { ForgetDeviceCommand, ListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { paginate } from '../../aws/paginate.js';
import { activeSession, sessionStore } from './active-session.js';
import { DEVICE_COLUMNS, deviceView } from '../../views/device.js';
import { mayChange } from '../destructive-change.js';

/** ListDevices returns at most 60 devices a page. */
const PAGE_SIZE = 60;

export async function listMyDevices(ctx: Context, options: { user?: string; limit?: number }): Promise<void> {
  const session = await activeSession(ctx, options.user);
  const mine = sessionStore(ctx).loadDevice(session.profile, session.username, session.poolId);
  const idp = await ctx.idp();
  const devices = paginate(
    async (token, size) => {
      const page = await idp.send(new ListDevicesCommand({ AccessToken: session.accessToken, Limit: size, PaginationToken: token }));
      return { items: page.Devices?.map((d) => deviceView(d, mine?.key ?? '')), next: page.PaginationToken };
    },
    { limit: options.limit, pageSize: PAGE_SIZE },
  );
  await ctx.out.list(devices, DEVICE_COLUMNS);
}

export async function forgetMyDevice(ctx: Context, key: string | undefined, options: { user?: string; dryRun?: boolean }): Promise<void> {
  const session = await activeSession(ctx, options.user);
  const store = sessionStore(ctx);
  const mine = store.loadDevice(session.profile, session.username, session.poolId);
  const deviceKey = key ?? mine?.key;
  if (!deviceKey) {
    throw new UsageError(`no device of ${session.username} is saved on this machine`, {
      hint: 'name the device: `cognito-admin auth forget-device <key>` (keys: `cognito-admin auth devices`)',
    });
  }
  const data = { username: session.username, deviceKey, thisDevice: deviceKey === mine?.key };
  const action = `forget device ${deviceKey}${data.thisDevice ? ' (this machine)' : ''} of ${session.username}`;
  if (!(await mayChange(ctx, { dryRun: options.dryRun, action, data }))) return;
  await (await ctx.idp()).send(new ForgetDeviceCommand({ AccessToken: session.accessToken, DeviceKey: deviceKey }));
  if (data.thisDevice) store.removeDevice(session.profile, session.username);
  ctx.out.done(`forgot device ${deviceKey} of ${session.username}`, { ...data, forgotten: true });
}
