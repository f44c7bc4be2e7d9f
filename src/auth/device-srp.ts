// Cognito's remembered devices speak the same SRP-6a as passwords, with two substitutions: the
// device group key stands where the pool name does, and the device key where the username does.
// The "password" is a random device secret that this side makes up and keeps; Cognito only ever
// holds its verifier (ConfirmDevice), and later sign-ins prove the secret with
// DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER.
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { bytesToBigInt } from './modpow.js';
import { modPowN, padHex, passwordClaim, srpPrivateKey, SRP_G, type SrpClientState } from './srp.js';

export interface DeviceIdentity {
  /** NewDeviceMetadata.DeviceKey, e.g. "eu-west-1_0a1b…". */
  key: string;
  /** NewDeviceMetadata.DeviceGroupKey. */
  groupKey: string;
  /** The random secret whose verifier Cognito holds. */
  secret: string;
}

export interface DeviceVerifierConfig {
  /** base64 of the padded-hex bytes of g^x mod N. */
  PasswordVerifier: string;
  /** base64 of the padded-hex bytes of the salt. */
  Salt: string;
}

/** A fresh device secret and the verifier ConfirmDevice registers for it. */
export function newDeviceSecret(
  device: { key: string; groupKey: string },
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
): { secret: string; verifier: DeviceVerifierConfig } {
  // 40 random bytes in base64, as Cognito's own SDKs make the device password.
  const secret = randomBytes(40).toString('base64');
  const salt = bytesToBigInt(randomBytes(16));
  const verifier = modPowN(SRP_G, srpPrivateKey(device.groupKey, device.key, secret, salt));
  return {
    secret,
    verifier: {
      PasswordVerifier: Buffer.from(padHex(verifier), 'hex').toString('base64'),
      Salt: Buffer.from(padHex(salt), 'hex').toString('base64'),
    },
  };
}

/** PASSWORD_CLAIM_SIGNATURE and TIMESTAMP for DEVICE_PASSWORD_VERIFIER. */
export function deviceClaim(input: {
  state: SrpClientState;
  device: DeviceIdentity;
  srpB: string;
  salt: string;
  secretBlock: string;
  now: Date;
}): { signature: string; timestamp: string } {
  return passwordClaim({
    state: input.state,
    poolId: '',
    realm: input.device.groupKey,
    userIdForSrp: input.device.key,
    password: input.device.secret,
    srpB: input.srpB,
    salt: input.salt,
    secretBlock: input.secretBlock,
    now: input.now,
  });
}
