// Everything one fake server holds, shared by the operation handlers.
import type { PoolState } from './state.js';
import type { RefreshRecord } from './tokens.js';
import type { AuthSession, SrpSession } from './sessions.js';
import type { ImportJobState, UploadState } from './import-jobs.js';

export interface SentMessage {
  kind: 'sms' | 'email' | 'signup' | 'forgot';
  poolId: string;
  /** Internal username. */
  username: string;
  medium: 'SMS' | 'EMAIL';
  destination: string;
  code: string;
  at: Date;
}

export interface Limits {
  /** Largest CSV the presigned upload accepts (Cognito documents 100 MB). */
  maxUploadBytes: number;
  /** Most users (lines after the header) in one import file (Cognito documents 500,000). */
  maxImportUsers: number;
  /** Longest line in an import file (Cognito documents 16,000 characters). */
  maxImportLineLength: number;
  /** Lifetime of an import job's presigned upload URL. */
  presignedUrlSeconds: number;
  /** How far a PASSWORD_VERIFIER TIMESTAMP may be from the server's clock. */
  srpTimestampSkewSeconds: number;
  /** Attempts at one MFA code before the session is spent. */
  mfaAttemptsPerSession: number;
}

export interface FakeOptions {
  /** Cognito refuses a TOTP code already accepted once ("Your software token has already been used once."). */
  rejectTotpReuse: boolean;
}

export interface FakeContext {
  url: string;
  region: string;
  pools: Map<string, PoolState>;
  sessions: Map<string, AuthSession>;
  srpSessions: Map<string, SrpSession>;
  refreshTokens: Map<string, RefreshRecord>;
  revokedOrigins: Set<string>;
  messages: SentMessage[];
  importJobs: Map<string, ImportJobState>;
  uploads: Map<string, UploadState>;
  limits: Limits;
  options: FakeOptions;
  /** Added to Date.now() for every time the server reads (session expiry, token exp, TOTP). */
  clockOffsetMs: number;
  now(): number;
}
