// How a user pool looks in output: the same fields from `pool create`, `pool list` and
// `pool describe` (ListUserPools returns only id, name and dates; the rest is left out there).
import { regionFromPoolId } from '../config/settings.js';
import type { SchemaAttributeType, UserPoolDescriptionType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';

export interface CustomAttributeView {
  name: string;
  type?: string;
  mutable?: boolean;
  min?: number;
  max?: number;
}

export interface PoolView {
  id: string;
  name?: string;
  arn?: string;
  /** From the pool id's prefix (`eu-west-1_AbC`); emulators' ids have none. */
  region?: string;
  status?: string;
  created?: Date;
  modified?: Date;
  estimatedUsers?: number;
  /** What users sign in with: `username` (plus aliases) or the attributes that replace it. */
  signIn?: string[];
  mfa?: string;
  autoVerify?: string[];
  passwordPolicy?: {
    minLength?: number;
    requireLowercase?: boolean;
    requireUppercase?: boolean;
    requireNumbers?: boolean;
    requireSymbols?: boolean;
    temporaryPasswordDays?: number;
  };
  requiredAttributes?: string[];
  customAttributes?: CustomAttributeView[];
  deletionProtection?: boolean;
  domain?: string;
  emailSending?: string;
  lambdaTriggers?: Record<string, unknown>;
  tags?: Record<string, string>;
}

type PoolRecord = UserPoolType | UserPoolDescriptionType;

export function poolView(pool: PoolRecord): PoolView {
  const full = pool as UserPoolType;
  const policy = full.Policies?.PasswordPolicy;
  const schema = full.SchemaAttributes;
  const triggers = full.LambdaConfig && Object.keys(full.LambdaConfig).length ? { ...full.LambdaConfig } : undefined;
  return {
    id: pool.Id ?? '',
    name: pool.Name,
    arn: full.Arn,
    region: pool.Id ? regionFromPoolId(pool.Id) : undefined,
    status: pool.Status,
    created: pool.CreationDate,
    modified: pool.LastModifiedDate,
    estimatedUsers: full.EstimatedNumberOfUsers,
    signIn: schema || full.UsernameAttributes || full.AliasAttributes ? signIn(full) : undefined,
    mfa: full.MfaConfiguration,
    autoVerify: full.AutoVerifiedAttributes,
    passwordPolicy: policy && {
      minLength: policy.MinimumLength,
      requireLowercase: policy.RequireLowercase,
      requireUppercase: policy.RequireUppercase,
      requireNumbers: policy.RequireNumbers,
      requireSymbols: policy.RequireSymbols,
      temporaryPasswordDays: policy.TemporaryPasswordValidityDays,
    },
    requiredAttributes: schema?.filter((a) => a.Required).map((a) => a.Name!),
    customAttributes: schema?.filter((a) => a.Name?.startsWith('custom:')).map(customAttributeView),
    deletionProtection: full.DeletionProtection === undefined ? undefined : full.DeletionProtection === 'ACTIVE',
    domain: full.Domain,
    emailSending: full.EmailConfiguration?.EmailSendingAccount,
    lambdaTriggers: triggers,
    tags: full.UserPoolTags && Object.keys(full.UserPoolTags).length ? full.UserPoolTags : undefined,
  };
}

function signIn(pool: UserPoolType): string[] {
  return pool.UsernameAttributes?.length ? [...pool.UsernameAttributes] : ['username', ...(pool.AliasAttributes ?? [])];
}

export function customAttributeView(a: SchemaAttributeType): CustomAttributeView {
  const min = a.StringAttributeConstraints?.MinLength ?? a.NumberAttributeConstraints?.MinValue;
  const max = a.StringAttributeConstraints?.MaxLength ?? a.NumberAttributeConstraints?.MaxValue;
  return {
    name: a.Name!,
    type: a.AttributeDataType,
    mutable: a.Mutable,
    min: min === undefined ? undefined : Number(min),
    max: max === undefined ? undefined : Number(max),
  };
}
