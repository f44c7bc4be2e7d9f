// After a sign-in: a pool that tracks devices returns NewDeviceMetadata, and the device must be
// confirmed (ConfirmDevice with the verifier of a secret made here) before Cognito accepts the
// refresh token with it; remembering it (UpdateDeviceStatus) is what lets later sign-ins skip MFA.
import {
  ConfirmDeviceCommand,
  UpdateDeviceStatusCommand,
  type CognitoIdentityProviderClient,
  type NewDeviceMetadataType,
} from '@aws-sdk/client-cognito-identity-provider';
import { registerSecret } from '../aws/redact.js';
import { newDeviceSecret, type DeviceIdentity } from './device-srp.js';

export interface ConfirmedDevice extends DeviceIdentity {
  remembered: boolean;
}

/** Confirms the device a sign-in returned, and remembers it when asked to (or when the pool always does). */
export async function confirmNewDevice(
  idp: CognitoIdentityProviderClient,
  input: { accessToken: string; metadata: NewDeviceMetadataType; remember: boolean; name: string },
): Promise<ConfirmedDevice> {
  const key = input.metadata.DeviceKey!;
  const groupKey = input.metadata.DeviceGroupKey!;
  const { secret, verifier } = newDeviceSecret({ key, groupKey });
  registerSecret(secret);
  registerSecret(verifier.PasswordVerifier);
  registerSecret(verifier.Salt);
  const confirmed = await idp.send(
    new ConfirmDeviceCommand({ AccessToken: input.accessToken, DeviceKey: key, DeviceSecretVerifierConfig: verifier, DeviceName: input.name }),
  );
  // UserConfirmationNecessary: the pool remembers devices only when the user opts in.
  let remembered = confirmed.UserConfirmationNecessary !== true;
  if (input.remember && !remembered) {
    await rememberDevice(idp, input.accessToken, key);
    remembered = true;
  }
  return { key, groupKey, secret, remembered };
}

export async function rememberDevice(idp: CognitoIdentityProviderClient, accessToken: string, deviceKey: string): Promise<void> {
  await idp.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'remembered' }));
}
