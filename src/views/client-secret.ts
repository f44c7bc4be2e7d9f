// The one view of an app client's secret (ListUserPoolClientSecrets / AddUserPoolClientSecret).
// The value is present only in the answer to `client secret add`, the one time Cognito returns it.
import type { ClientSecretDescriptorType } from '@aws-sdk/client-cognito-identity-provider';

export interface ClientSecretView {
  secretId: string | undefined;
  clientId: string;
  created: Date | undefined;
  clientSecret?: string;
}

export function clientSecretView(clientId: string, d: ClientSecretDescriptorType): ClientSecretView {
  return {
    secretId: d.ClientSecretId,
    clientId,
    created: d.ClientSecretCreateDate,
    ...(d.ClientSecretValue ? { clientSecret: d.ClientSecretValue } : {}),
  };
}

export const CLIENT_SECRET_COLUMNS = [
  { header: 'SECRET ID', get: (s: ClientSecretView) => s.secretId },
  { header: 'CREATED', get: (s: ClientSecretView) => s.created },
];
