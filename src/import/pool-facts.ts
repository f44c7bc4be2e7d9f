// What the engine needs to know about the target user pool, distilled from DescribeUserPool.
// The command builds it once (`poolFactsFromDescribe(response.UserPool)`); everything else in the
// engine reads only this object, so tests build one by hand.

export type AttributeDataType = 'String' | 'Number' | 'DateTime' | 'Boolean';

export interface PoolAttribute {
  /** As the API names it: `email`, `custom:tier`, `dev:custom:x`. */
  name: string;
  type: AttributeDataType;
  required: boolean;
  mutable: boolean;
  developerOnly: boolean;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
}

export interface PasswordPolicyFacts {
  minimumLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

export interface PoolFacts {
  poolId: string;
  /** Every attribute of the pool by name: the standard ones are always present. */
  attributes: Map<string, PoolAttribute>;
  /** `email` and/or `phone_number` when users sign in with those instead of a username. */
  usernameAttributes: string[];
  /** `email`, `phone_number`, `preferred_username` usable as sign-in aliases. */
  aliasAttributes: string[];
  autoVerifiedAttributes: string[];
  /** false when the pool treats `Ann` and `ann` as the same user. */
  caseSensitive: boolean;
  mfa: 'OFF' | 'ON' | 'OPTIONAL';
  /** COGNITO_DEFAULT sends at most 50 emails a day. */
  emailSendingAccount: 'COGNITO_DEFAULT' | 'DEVELOPER';
  passwordPolicy?: PasswordPolicyFacts;
}

/** Standard attributes (OpenID Connect claims) every pool has, with their data types. */
export const STANDARD_ATTRIBUTES: ReadonlyMap<string, AttributeDataType> = new Map<string, AttributeDataType>([
  ['address', 'String'],
  ['birthdate', 'String'],
  ['email', 'String'],
  ['email_verified', 'Boolean'],
  ['family_name', 'String'],
  ['gender', 'String'],
  ['given_name', 'String'],
  ['locale', 'String'],
  ['middle_name', 'String'],
  ['name', 'String'],
  ['nickname', 'String'],
  ['phone_number', 'String'],
  ['phone_number_verified', 'Boolean'],
  ['picture', 'String'],
  ['preferred_username', 'String'],
  ['profile', 'String'],
  ['sub', 'String'],
  ['updated_at', 'Number'],
  ['website', 'String'],
  ['zoneinfo', 'String'],
  ['identities', 'String'],
]);

/** Attributes Cognito sets itself: they can be read but never written by an import. */
export const SYSTEM_ATTRIBUTES: ReadonlySet<string> = new Set(['sub', 'identities']);

/** The structural subset of the SDK's UserPoolType that is read here. */
export interface DescribedUserPool {
  Id?: string;
  SchemaAttributes?: Array<{
    Name?: string;
    AttributeDataType?: string;
    DeveloperOnlyAttribute?: boolean;
    Mutable?: boolean;
    Required?: boolean;
    StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
    NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
  }>;
  UsernameAttributes?: string[];
  AliasAttributes?: string[];
  AutoVerifiedAttributes?: string[];
  UsernameConfiguration?: { CaseSensitive?: boolean };
  MfaConfiguration?: string;
  EmailConfiguration?: { EmailSendingAccount?: string };
  Policies?: {
    PasswordPolicy?: {
      MinimumLength?: number;
      RequireLowercase?: boolean;
      RequireUppercase?: boolean;
      RequireNumbers?: boolean;
      RequireSymbols?: boolean;
    };
  };
}

function num(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function poolFactsFromDescribe(pool: DescribedUserPool): PoolFacts {
  const attributes = new Map<string, PoolAttribute>();
  for (const [name, type] of STANDARD_ATTRIBUTES) {
    attributes.set(name, {
      name,
      type,
      required: name === 'sub',
      mutable: name !== 'sub',
      developerOnly: false,
      maxLength: type === 'String' ? 2048 : undefined,
    });
  }
  for (const a of pool.SchemaAttributes ?? []) {
    if (!a.Name) continue;
    let name = a.Name;
    // CreateUserPool takes custom attributes without the prefix; DescribeUserPool reports them with it.
    if (!STANDARD_ATTRIBUTES.has(name) && !name.startsWith('custom:') && !name.startsWith('dev:')) {
      name = `custom:${name}`;
    }
    if (a.DeveloperOnlyAttribute && !name.startsWith('dev:')) name = `dev:${name}`;
    const type = (['String', 'Number', 'DateTime', 'Boolean'].includes(a.AttributeDataType ?? '')
      ? a.AttributeDataType
      : STANDARD_ATTRIBUTES.get(name) ?? 'String') as AttributeDataType;
    attributes.set(name, {
      name,
      type,
      required: a.Required ?? false,
      mutable: a.Mutable ?? true,
      developerOnly: a.DeveloperOnlyAttribute ?? false,
      minLength: num(a.StringAttributeConstraints?.MinLength),
      maxLength: num(a.StringAttributeConstraints?.MaxLength) ?? (type === 'String' ? 2048 : undefined),
      minValue: num(a.NumberAttributeConstraints?.MinValue),
      maxValue: num(a.NumberAttributeConstraints?.MaxValue),
    });
  }
  const pp = pool.Policies?.PasswordPolicy;
  return {
    poolId: pool.Id ?? '',
    attributes,
    usernameAttributes: [...(pool.UsernameAttributes ?? [])],
    aliasAttributes: [...(pool.AliasAttributes ?? [])],
    autoVerifiedAttributes: [...(pool.AutoVerifiedAttributes ?? [])],
    // Pools created through the API without UsernameConfiguration are case sensitive.
    caseSensitive: pool.UsernameConfiguration?.CaseSensitive ?? true,
    mfa: pool.MfaConfiguration === 'ON' || pool.MfaConfiguration === 'OPTIONAL' ? pool.MfaConfiguration : 'OFF',
    emailSendingAccount: pool.EmailConfiguration?.EmailSendingAccount === 'DEVELOPER' ? 'DEVELOPER' : 'COGNITO_DEFAULT',
    passwordPolicy: pp
      ? {
          minimumLength: pp.MinimumLength ?? 8,
          requireLowercase: pp.RequireLowercase ?? false,
          requireUppercase: pp.RequireUppercase ?? false,
          requireNumbers: pp.RequireNumbers ?? false,
          requireSymbols: pp.RequireSymbols ?? false,
        }
      : undefined,
  };
}

/** A pool with only the standard attributes, for tests and for callers that know nothing more. */
export function basicPoolFacts(overrides: Partial<PoolFacts> & { custom?: Array<Partial<PoolAttribute> & { name: string }> } = {}): PoolFacts {
  const { custom = [], ...rest } = overrides;
  const facts = poolFactsFromDescribe({
    Id: rest.poolId ?? 'local_pool',
    SchemaAttributes: custom.map((c) => ({
      Name: c.name,
      AttributeDataType: c.type ?? 'String',
      Mutable: c.mutable ?? true,
      Required: c.required ?? false,
      DeveloperOnlyAttribute: c.developerOnly ?? false,
      StringAttributeConstraints:
        c.minLength !== undefined || c.maxLength !== undefined
          ? { MinLength: c.minLength?.toString(), MaxLength: c.maxLength?.toString() }
          : undefined,
      NumberAttributeConstraints:
        c.minValue !== undefined || c.maxValue !== undefined
          ? { MinValue: c.minValue?.toString(), MaxValue: c.maxValue?.toString() }
          : undefined,
    })),
  });
  return { ...facts, ...rest, attributes: rest.attributes ?? facts.attributes };
}
