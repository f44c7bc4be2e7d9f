// DescribeUserPool and DescribeUserPoolClient, with the fields a CLI reads from them.
import type { FakeContext } from './context.js';
import { required, resourceNotFound } from './errors.js';
import { getPool, type PoolState } from './state.js';
import { poolExtras } from './update-pool.js';
import { clientExtras } from './update-client.js';

const STRING = { MinLength: '0', MaxLength: '2048' };
const STRING_CONSTRAINTS: Record<string, { MinLength: string; MaxLength: string }> = {
  sub: { MinLength: '1', MaxLength: '2048' },
  birthdate: { MinLength: '10', MaxLength: '10' },
};
/** Cognito's standard attributes, in GetCSVHeader order, with their data types. */
export const STANDARD_ATTRIBUTES: [string, 'String' | 'Boolean' | 'Number'][] = [
  ['name', 'String'],
  ['given_name', 'String'],
  ['family_name', 'String'],
  ['middle_name', 'String'],
  ['nickname', 'String'],
  ['preferred_username', 'String'],
  ['profile', 'String'],
  ['picture', 'String'],
  ['website', 'String'],
  ['email', 'String'],
  ['email_verified', 'Boolean'],
  ['gender', 'String'],
  ['birthdate', 'String'],
  ['zoneinfo', 'String'],
  ['locale', 'String'],
  ['phone_number', 'String'],
  ['phone_number_verified', 'Boolean'],
  ['address', 'String'],
  ['updated_at', 'Number'],
];

export function schemaAttributes(pool: PoolState) {
  const standard = [['sub', 'String'] as const, ...STANDARD_ATTRIBUTES, ['identities', 'String'] as const].map(
    ([Name, AttributeDataType]) => ({
      Name,
      AttributeDataType,
      DeveloperOnlyAttribute: false,
      Mutable: Name !== 'sub',
      Required: Name === 'sub' || pool.requiredAttributes.includes(Name),
      ...(AttributeDataType === 'String'
        ? { StringAttributeConstraints: STRING_CONSTRAINTS[Name] ?? STRING }
        : AttributeDataType === 'Number'
          ? { NumberAttributeConstraints: { MinValue: '0' } }
          : {}),
    }),
  );
  const custom = pool.customAttributes.map((Name) => ({
    Name,
    AttributeDataType: 'String',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    StringAttributeConstraints: { MinLength: '1', MaxLength: '256' },
  }));
  return [...standard, ...custom];
}

export function describeUserPool(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  return {
    UserPool: {
      Id: pool.id,
      Name: pool.name,
      Arn: `arn:aws:cognito-idp:${pool.region}:123456789012:userpool/${pool.id}`,
      Policies: { PasswordPolicy: pool.passwordPolicy },
      DeletionProtection: 'INACTIVE',
      SchemaAttributes: schemaAttributes(pool),
      AutoVerifiedAttributes: pool.autoVerifiedAttributes,
      ...(pool.usernameAttributes.length ? { UsernameAttributes: pool.usernameAttributes } : {}),
      ...(pool.aliasAttributes.length ? { AliasAttributes: pool.aliasAttributes } : {}),
      MfaConfiguration: pool.mfa,
      EmailConfiguration: pool.emailConfiguration,
      UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
      EstimatedNumberOfUsers: pool.users.size,
      CreationDate: pool.createdAt,
      LastModifiedDate: pool.createdAt,
      UserPoolTier: 'ESSENTIALS',
      ...(pool.domain ? { Domain: pool.domain } : {}),
      ...poolExtras(pool),
    },
  };
}

export function describeUserPoolClient(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const client = pool.clients.get(required(body.ClientId, 'clientId'));
  if (!client) return resourceNotFound(`User pool client ${body.ClientId} does not exist.`);
  return {
    UserPoolClient: {
      UserPoolId: pool.id,
      ClientName: client.name,
      ClientId: client.clientId,
      ...(client.clientSecret ? { ClientSecret: client.clientSecret } : {}),
      LastModifiedDate: client.createdAt,
      CreationDate: client.createdAt,
      AccessTokenValidity: client.accessTokenSeconds,
      IdTokenValidity: client.idTokenSeconds,
      RefreshTokenValidity: client.refreshTokenSeconds,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds', RefreshToken: 'seconds' },
      ExplicitAuthFlows: client.flows,
      PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      EnableTokenRevocation: client.tokenRevocation,
      ...(client.oauthFlows.length
        ? { AllowedOAuthFlows: client.oauthFlows, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: client.scopes }
        : {}),
      ...(client.callbackUrls.length ? { CallbackURLs: client.callbackUrls } : {}),
      ...(client.identityProviders.length ? { SupportedIdentityProviders: client.identityProviders } : {}),
      AuthSessionValidity: client.authSessionMinutes,
      ...clientExtras(client),
    },
  };
}
