// Cognito's device variant of SRP, checked against the fake's server half (written from the
// protocol, sharing no code with src/auth): the verifier ConfirmDevice registers is g^x with the
// device group key as the pool name and the device key as the username, and a device proof signed
// here verifies there.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { deviceClaim, newDeviceSecret } from '../../../src/auth/device-srp.js';
import { startSrp } from '../../../src/auth/srp.js';
import { claimSignature, formatTimestamp, serverEphemeral, sessionKey, signatureMatches, verifier } from '../../support/fake-cognito/srp-server.js';

const device = { key: 'eu-west-1_2f6b3c1e-aaaa-bbbb-cccc-0123456789ab', groupKey: '-Xy12AbCd' };

describe('device SRP', () => {
  it('registers g^x of (salt, group key, device key, secret), both as base64 of padded hex', () => {
    const { secret, verifier: config } = newDeviceSecret(device);
    expect(Buffer.from(secret, 'base64')).toHaveLength(40);
    const saltHex = Buffer.from(config.Salt, 'base64').toString('hex');
    const expected = verifier(device.groupKey, device.key, secret, BigInt(`0x${saltHex}`).toString(16));
    expect(BigInt(`0x${Buffer.from(config.PasswordVerifier, 'base64').toString('hex')}`)).toBe(expected);
  });

  it('a salt with the top bit set is padded with a zero byte, as Cognito reads it', () => {
    const draws = [Buffer.alloc(40, 1), Buffer.from('ff'.repeat(16), 'hex')];
    const { verifier: config } = newDeviceSecret(device, (n) => draws.shift()!.subarray(0, n));
    expect(Buffer.from(config.Salt, 'base64').toString('hex')).toBe(`00${'ff'.repeat(16)}`);
  });

  it('signs a DEVICE_PASSWORD_VERIFIER proof the server half accepts, and a wrong secret fails', () => {
    const { secret, verifier: config } = newDeviceSecret(device);
    const v = BigInt(`0x${Buffer.from(config.PasswordVerifier, 'base64').toString('hex')}`);
    const saltHex = BigInt(`0x${Buffer.from(config.Salt, 'base64').toString('hex')}`).toString(16);
    const check = (deviceSecret: string) => {
      const client = startSrp();
      const { b, B } = serverEphemeral(v);
      const secretBlock = randomBytes(64).toString('base64');
      const now = new Date(Date.UTC(2026, 2, 4, 5, 6, 7));
      const claim = deviceClaim({ state: client, device: { ...device, secret: deviceSecret }, srpB: B.toString(16), salt: saltHex, secretBlock, now });
      expect(claim.timestamp).toBe(formatTimestamp(now));
      const key = sessionKey(client.A, B, b, v)!;
      return signatureMatches(claimSignature(key, device.groupKey, device.key, secretBlock, claim.timestamp), claim.signature);
    };
    expect(check(secret)).toBe(true);
    expect(check(`${secret}x`)).toBe(false);
  });
});
