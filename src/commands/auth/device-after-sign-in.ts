// What a sign-in leaves for the device: a new device Cognito returned is confirmed (tracked, or
// remembered with --remember-device) and saved beside the session; --remember-device on a device
// already saved marks it remembered; asking to remember in a pool that tracks no devices says so.
import { hostname } from 'node:os';
import type { AuthenticationResultType, NewDeviceMetadataType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { confirmNewDevice, rememberDevice } from '../../auth/devices.js';
import { sessionProfile, sessionStore } from './active-session.js';
import type { SavedDevice } from '../../auth/session-store.js';

export async function keepDevice(
  ctx: Context,
  input: {
    username: string;
    poolId: string;
    result: AuthenticationResultType & { NewDeviceMetadata?: NewDeviceMetadataType };
    saved?: SavedDevice;
    remember: boolean;
    save: boolean;
  },
): Promise<void> {
  const { result, saved, remember } = input;
  const store = sessionStore(ctx);
  const profile = sessionProfile(ctx);
  const metadata = result.NewDeviceMetadata;
  const accessToken = result.AccessToken;
  if (!accessToken) return;
  const idp = await ctx.idp();

  if (metadata?.DeviceKey && metadata.DeviceGroupKey) {
    const name = `cognito-admin on ${hostname()}`;
    const device = await confirmNewDevice(idp, { accessToken, metadata, remember, name });
    if (input.save) {
      store.saveDevice(profile, input.username, { version: 1, poolId: input.poolId, ...device, name, confirmedAt: ctx.now() });
    }
    ctx.out.note(
      device.remembered
        ? `This device is remembered for ${input.username} (${device.key}): where the pool allows, later sign-ins skip MFA.`
        : `This device is tracked for ${input.username} (${device.key}); --remember-device remembers it.`,
    );
    return;
  }
  if (!remember) return;
  if (saved) {
    if (!saved.remembered) {
      await rememberDevice(idp, accessToken, saved.key);
      store.saveDevice(profile, input.username, { ...saved, remembered: true });
    }
    ctx.out.note(`This device is remembered for ${input.username} (${saved.key}).`);
    return;
  }
  ctx.out.warn('--remember-device: the pool returned no device to remember (device tracking is off for this pool)');
}
