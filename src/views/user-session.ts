// A user's session (AdminListUserSessions): a token session of an app client, or a managed-login
// (SSO) session that token sessions come through.
import type { Column } from '../io/output.js';

/** SessionDescriptionType, as the SDK types it. */
export interface SessionRecord {
  SessionId?: string;
  SessionType?: string;
  ClientId?: string;
  CreateDate?: Date;
  LastActiveDate?: Date;
  DeviceType?: string;
  LastIPAddress?: string;
  LastLocation?: { City?: string; Country?: string };
  OriginSessionId?: string;
  IsCurrentSession?: boolean;
}

export interface UserSessionView {
  id: string;
  type?: string;
  clientId?: string;
  created?: Date;
  lastActive?: Date;
  device?: string;
  lastIp?: string;
  location?: string;
  /** The SSO session this token session came through. */
  originSessionId?: string;
}

export function userSessionView(s: SessionRecord): UserSessionView {
  const location = [s.LastLocation?.City, s.LastLocation?.Country].filter(Boolean).join(', ');
  return {
    id: s.SessionId ?? '',
    type: s.SessionType,
    clientId: s.ClientId,
    created: s.CreateDate,
    lastActive: s.LastActiveDate,
    device: s.DeviceType,
    lastIp: s.LastIPAddress,
    location: location || undefined,
    originSessionId: s.OriginSessionId,
  };
}

export const USER_SESSION_COLUMNS: Column<UserSessionView>[] = [
  { header: 'SESSION', get: (s) => s.id },
  { header: 'TYPE', get: (s) => s.type },
  { header: 'CLIENT', get: (s) => s.clientId },
  { header: 'LAST ACTIVE', get: (s) => s.lastActive },
  { header: 'DEVICE', get: (s) => s.device },
  { header: 'IP', get: (s) => s.lastIp },
  { header: 'FROM', get: (s) => s.originSessionId },
];
