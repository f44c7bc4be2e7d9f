// One entry of a user's sign-in history (AdminListUserAuthEvents): when, what, the result, the
// risk verdict, the challenges and where from.
import type { AuthEventType } from '@aws-sdk/client-cognito-identity-provider';
import type { Column } from '../io/output.js';

export interface AuthEventView {
  id: string;
  time?: Date;
  event?: string;
  result?: string;
  risk?: { decision?: string; level?: string; compromisedCredentials?: boolean };
  challenges: { name?: string; result?: string }[];
  ip?: string;
  device?: string;
  location?: string;
  feedback?: string;
}

export function authEventView(e: AuthEventType): AuthEventView {
  const c = e.EventContextData;
  const location = [c?.City, c?.Country].filter(Boolean).join(', ');
  const risk = e.EventRisk
    ? { decision: e.EventRisk.RiskDecision, level: e.EventRisk.RiskLevel, compromisedCredentials: e.EventRisk.CompromisedCredentialsDetected }
    : undefined;
  return {
    id: e.EventId ?? '',
    time: e.CreationDate,
    event: e.EventType,
    result: e.EventResponse,
    risk,
    challenges: (e.ChallengeResponses ?? []).map((r) => ({ name: r.ChallengeName, result: r.ChallengeResponse })),
    ip: c?.IpAddress,
    device: c?.DeviceName,
    location: location || undefined,
    feedback: e.EventFeedback?.FeedbackValue,
  };
}

export const AUTH_EVENT_COLUMNS: Column<AuthEventView>[] = [
  { header: 'TIME', get: (e) => e.time },
  { header: 'EVENT', get: (e) => e.event },
  { header: 'RESULT', get: (e) => e.result },
  { header: 'RISK', get: (e) => [e.risk?.decision, e.risk?.level].filter(Boolean).join(' / ') || undefined },
  { header: 'CHALLENGES', get: (e) => e.challenges.map((c) => `${c.name}:${c.result}`).join(', ') || undefined },
  { header: 'IP', get: (e) => e.ip },
  { header: 'DEVICE', get: (e) => e.device },
];
