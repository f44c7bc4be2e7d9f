// The operations of the newer Cognito features (device tracking, refresh-token rotation, user
// sessions, sign-in history, auth factors, passkeys), merged into the router's tables.
import type { Operation } from './operations.js';
import {
  adminForgetDevice,
  adminListDevices,
  confirmDevice,
  forgetDevice,
  listDevices,
  updateDeviceStatus,
} from './devices.js';
import { getTokensFromRefreshToken } from './refresh-rotation.js';
import {
  adminDeleteSoftwareToken,
  adminGetUserAuthFactors,
  adminListUserAuthEvents,
  adminListUserSessions,
  adminRevokeUserSession,
  deleteWebAuthnCredential,
  listWebAuthnCredentials,
} from './user-activity.js';

export const FEATURE_PUBLIC_OPERATIONS: Record<string, Operation> = {
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  ConfirmDevice: confirmDevice,
  UpdateDeviceStatus: updateDeviceStatus,
  ListDevices: listDevices,
  ForgetDevice: forgetDevice,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
};

export const FEATURE_SIGNED_OPERATIONS: Record<string, Operation> = {
  AdminListDevices: adminListDevices,
  AdminForgetDevice: adminForgetDevice,
  AdminListUserSessions: adminListUserSessions,
  AdminRevokeUserSession: adminRevokeUserSession,
  AdminListUserAuthEvents: adminListUserAuthEvents,
  AdminGetUserAuthFactors: adminGetUserAuthFactors,
  AdminDeleteSoftwareToken: adminDeleteSoftwareToken,
};
