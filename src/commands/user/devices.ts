// user devices | forget-device: the devices Cognito tracks for a user (admin APIs).
import { AdminForgetDeviceCommand, AdminListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { DEVICE_COLUMNS, deviceView } from '../../views/device.js';
import { mayChange } from '../destructive-change.js';
import { checkUsername } from './attributes.js';

/** AdminListDevices returns at most 60 devices a page. */
const PAGE_SIZE = 60;

export async function listUserDevices(ctx: Context, username: string, options: { limit?: number }): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const devices = paginate(
    async (token, size) => {
      const page = await idp.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: username, Limit: size, PaginationToken: token }));
      return { items: page.Devices?.map((d) => deviceView(d)), next: page.PaginationToken };
    },
    { limit: options.limit, pageSize: PAGE_SIZE },
  );
  await ctx.out.list(devices, DEVICE_COLUMNS);
}

export async function forgetUserDevice(ctx: Context, username: string, deviceKey: string, options: { dryRun?: boolean }): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const data = { username, deviceKey };
  if (!(await mayChange(ctx, { dryRun: options.dryRun, action: `forget device ${deviceKey} of ${username}`, data }))) return;
  await (await ctx.idp()).send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey }));
  ctx.out.done(`forgot device ${deviceKey} of ${username}: its next sign-in asks for MFA again`, { ...data, forgotten: true });
}
