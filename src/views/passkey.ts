// A passkey registered for the signed-in user (ListWebAuthnCredentials).
import type { WebAuthnCredentialDescription } from '@aws-sdk/client-cognito-identity-provider';
import type { Column } from '../io/output.js';

export interface PasskeyView {
  id: string;
  name: string;
  relyingParty: string;
  attachment?: string;
  transports: string[];
  created?: Date;
}

export function passkeyView(c: WebAuthnCredentialDescription): PasskeyView {
  return {
    id: c.CredentialId ?? '',
    name: c.FriendlyCredentialName ?? '',
    relyingParty: c.RelyingPartyId ?? '',
    attachment: c.AuthenticatorAttachment,
    transports: c.AuthenticatorTransports ?? [],
    created: c.CreatedAt,
  };
}

export const PASSKEY_COLUMNS: Column<PasskeyView>[] = [
  { header: 'ID', get: (p) => p.id },
  { header: 'NAME', get: (p) => p.name },
  { header: 'RELYING PARTY', get: (p) => p.relyingParty },
  { header: 'ATTACHMENT', get: (p) => p.attachment },
  { header: 'CREATED', get: (p) => p.created },
];
