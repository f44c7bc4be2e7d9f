// The camelCase views of devices, user sessions, sign-in events, auth factors and passkeys: what
// the SDK returns becomes one flat, named shape for every output format.
import { describe, expect, it } from 'vitest';
import { deviceView } from '../../../src/views/device.js';
import { userSessionView } from '../../../src/views/user-session.js';
import { authEventView } from '../../../src/views/auth-event.js';
import { authFactorsView } from '../../../src/views/auth-factors.js';
import { passkeyView } from '../../../src/views/passkey.js';

const at = new Date('2026-01-02T03:04:05Z');

describe('activity views', () => {
  it('a device: Cognito attributes become named fields, and this machine is marked only when asked', () => {
    const device = {
      DeviceKey: 'eu-west-1_k1',
      DeviceAttributes: [
        { Name: 'device_status', Value: 'valid' },
        { Name: 'device_name', Value: 'Laptop' },
        { Name: 'dev:device_remembered_status', Value: 'remembered' },
        { Name: 'last_ip_used', Value: '192.0.2.1' },
      ],
      DeviceCreateDate: at,
      DeviceLastAuthenticatedDate: at,
      DeviceLastModifiedDate: at,
    };
    expect(deviceView(device)).toEqual({ key: 'eu-west-1_k1', name: 'Laptop', remembered: 'remembered', lastIp: '192.0.2.1', created: at, lastAuthenticated: at, modified: at });
    expect(deviceView(device, 'eu-west-1_k1').thisDevice).toBe(true);
    expect(deviceView(device, 'other').thisDevice).toBe(false);
    expect(deviceView({ DeviceKey: 'k' })).toMatchObject({ key: 'k', name: undefined, remembered: undefined });
  });

  it('a session, with its location and origin', () => {
    expect(
      userSessionView({
        SessionId: 'tkn1',
        SessionType: 'TOKEN',
        ClientId: 'c1',
        CreateDate: at,
        LastActiveDate: at,
        DeviceType: 'Chrome 125 / macOS 15.0',
        LastIPAddress: '192.0.2.42',
        LastLocation: { City: 'Seattle', Country: 'United States' },
        OriginSessionId: 'sso1',
      }),
    ).toEqual({ id: 'tkn1', type: 'TOKEN', clientId: 'c1', created: at, lastActive: at, device: 'Chrome 125 / macOS 15.0', lastIp: '192.0.2.42', location: 'Seattle, United States', originSessionId: 'sso1' });
  });

  it('a sign-in event: risk, challenges, context and feedback', () => {
    expect(
      authEventView({
        EventId: 'e1',
        EventType: 'SignIn',
        CreationDate: at,
        EventResponse: 'Fail',
        EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: 'High', CompromisedCredentialsDetected: true },
        ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }],
        EventContextData: { IpAddress: '192.0.2.9', DeviceName: 'Firefox', City: 'Oslo', Country: 'Norway' },
        EventFeedback: { FeedbackValue: 'Invalid', Provider: 'Admin' },
      }),
    ).toEqual({
      id: 'e1',
      time: at,
      event: 'SignIn',
      result: 'Fail',
      risk: { decision: 'AccountTakeover', level: 'High', compromisedCredentials: true },
      challenges: [{ name: 'Password', result: 'Failure' }],
      ip: '192.0.2.9',
      device: 'Firefox',
      location: 'Oslo, Norway',
      feedback: 'Invalid',
    });
  });

  it('auth factors, with an empty preference read as none', () => {
    expect(authFactorsView({ Username: 'ann', PreferredMfaSetting: '', UserMFASettingList: ['SMS_MFA'], ConfiguredUserAuthFactors: ['PASSWORD', 'SMS_OTP'] })).toEqual({
      username: 'ann',
      factors: ['PASSWORD', 'SMS_OTP'],
      mfa: { preferred: undefined, methods: ['SMS_MFA'] },
    });
  });

  it('a passkey', () => {
    expect(
      passkeyView({ CredentialId: 'id1', FriendlyCredentialName: 'Phone', RelyingPartyId: 'example.com', AuthenticatorAttachment: 'platform', AuthenticatorTransports: ['internal'], CreatedAt: at }),
    ).toEqual({ id: 'id1', name: 'Phone', relyingParty: 'example.com', attachment: 'platform', transports: ['internal'], created: at });
  });
});
