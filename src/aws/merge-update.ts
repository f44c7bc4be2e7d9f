// Read-merge-write for Cognito's whole-object updates.
//
// UpdateUserPool, UpdateUserPoolClient, UpdateResourceServer, SetUserPoolMfaConfig and
// UpdateIdentityProvider replace the whole object: whatever the request leaves out is reset to its
// default (lost Lambda triggers, OAuth settings, token validity…). So no command builds an update
// input by hand. Each one goes through here:
//
//   const plan = planUpdate('userPoolClient', described, (current) => ({ CallbackURLs: [...] }));
//   plan.changes   // [{ field: 'CallbackURLs', before: [...], after: [...] }] — for --dry-run
//   plan.input     // the complete Update… input: every writable field of `described`, changed
//
// or, describing and sending in one step, `readMergeWrite(idp, kind, key, patch, { dryRun })`.
//
// API (stable):
// - `UpdateKind`: 'userPool' | 'userPoolClient' | 'resourceServer' | 'mfaConfig' | 'identityProvider'.
// - `toUpdateInput(kind, described, key?)`: a Describe…/Get… answer (the inner object: UserPool,
//   UserPoolClient, ResourceServer, the GetUserPoolMfaConfig response, IdentityProvider) → a valid
//   Update… input. Writable fields are copied (deep), read-only ones dropped. Which field is which is
//   taken from the SDK's input and output types, and the compiler checks that every field of both is
//   placed on one side, so a new SDK field breaks the build rather than being silently reset.
//   `key` supplies the identifiers the answer lacks (the pool id for 'mfaConfig').
// - `applyPatch(input, patch)`: a deep copy of `input` with `patch` merged in: objects merge key by
//   key, arrays and scalars replace, `null` removes the field (so Cognito's default applies),
//   `undefined` leaves it alone.
// - `diffFields(before, after)`: `FieldChange[]`, dotted paths (`Policies.PasswordPolicy.MinimumLength`),
//   arrays compared whole, in a stable (sorted) order.
// - `formatChange(change)`: `field: before → after` (strings bare, the rest as JSON, `(unset)`).
// - `planUpdate(kind, described, patch, key?)`: the three above in one: `{ input, before, changes }`.
//   `patch` may be a function of the current (writable) input, for add/remove style flags.
// - `readMergeWrite(idp, kind, key, patch, { dryRun })`: Describe → planUpdate → Update (only when
//   something changed and not a dry run). Returns the plan and whether it was sent.
// - `describe(idp, kind, key)` and `send(idp, kind, input)`: the two halves, for callers that plan
//   several objects before sending any (`pool update` sends the MFA configuration first).
// - `writableFields(kind)`, `keyFields(kind)`: the field lists, for callers that compare states.
// - `UpdatePlan`, `FieldChange`, `Patch<T>`, `Described<K>`, `UpdateInput<K>`, `UpdateKey<K>`: types.
// Commands report a plan with `reportUpdate` (src/commands/update-output.ts).
import type {
  CognitoIdentityProviderClient,
  GetUserPoolMfaConfigCommandOutput,
  IdentityProviderType,
  ResourceServerType,
  SetUserPoolMfaConfigCommandInput,
  UpdateIdentityProviderCommandInput,
  UpdateResourceServerCommandInput,
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';

export type UpdateKind = 'userPool' | 'userPoolClient' | 'resourceServer' | 'mfaConfig' | 'identityProvider';

/** What each kind reads (the inner object of the Describe… answer) and what its Update… takes. */
export interface KindTypes {
  userPool: { described: UserPoolType; input: UpdateUserPoolCommandInput; key: { UserPoolId: string } };
  userPoolClient: { described: UserPoolClientType; input: UpdateUserPoolClientCommandInput; key: { UserPoolId: string; ClientId: string } };
  resourceServer: { described: ResourceServerType; input: UpdateResourceServerCommandInput; key: { UserPoolId: string; Identifier: string } };
  mfaConfig: { described: Omit<GetUserPoolMfaConfigCommandOutput, '$metadata'>; input: SetUserPoolMfaConfigCommandInput; key: { UserPoolId: string } };
  identityProvider: { described: IdentityProviderType; input: UpdateIdentityProviderCommandInput; key: { UserPoolId: string; ProviderName: string } };
}
export type Described<K extends UpdateKind> = KindTypes[K]['described'];
export type UpdateInput<K extends UpdateKind> = KindTypes[K]['input'];
export type UpdateKey<K extends UpdateKind> = KindTypes[K]['key'];

/** A deep partial where `null` removes a field. */
export type Patch<T> = { [P in keyof T]?: (T[P] extends (infer E)[] | undefined ? E[] : T[P] extends object | undefined ? Patch<NonNullable<T[P]>> : T[P]) | null };

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface UpdatePlan<K extends UpdateKind> {
  kind: K;
  /** The complete Update… input to send. */
  input: UpdateInput<K>;
  /** The same input before the patch: what re-sending the current state would be. */
  before: UpdateInput<K>;
  changes: FieldChange[];
}

// ---- which fields each update takes (from the SDK type docs) --------------------------------
// `writable`: copied from the answer (renamed where the names differ). `readOnly`: in the answer,
// not accepted by the update. The type assertions below fail to compile when a field of the SDK's
// input or output types is in neither list.

const POOL_WRITABLE = [
  'UserPoolId', 'Policies', 'DeletionProtection', 'LambdaConfig', 'AutoVerifiedAttributes', 'SmsVerificationMessage',
  'EmailVerificationMessage', 'EmailVerificationSubject', 'VerificationMessageTemplate', 'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings', 'MfaConfiguration', 'DeviceConfiguration', 'EmailConfiguration', 'SmsConfiguration',
  'UserPoolTags', 'AdminCreateUserConfig', 'UserPoolAddOns', 'DcrConfiguration', 'AccountRecoverySetting', 'PoolName',
  'UserPoolTier', 'KeyConfiguration', 'IssuerConfiguration', 'AcrConfiguration',
] as const;
/** UserPoolType fields UpdateUserPool does not take: ids, dates, counters, and what is fixed at creation. */
const POOL_READ_ONLY = [
  'Id', 'Name', 'Status', 'LastModifiedDate', 'CreationDate', 'SchemaAttributes', 'AliasAttributes', 'UsernameAttributes',
  'EstimatedNumberOfUsers', 'SmsConfigurationFailure', 'EmailConfigurationFailure', 'Domain', 'CustomDomain',
  'UsernameConfiguration', 'Arn',
] as const;
/** Fields whose name differs between the answer and the update. */
const POOL_RENAMED = { PoolName: 'Name', UserPoolId: 'Id' } as const;

const CLIENT_WRITABLE = [
  'UserPoolId', 'ClientId', 'ClientName', 'RefreshTokenValidity', 'AccessTokenValidity', 'IdTokenValidity',
  'TokenValidityUnits', 'ReadAttributes', 'WriteAttributes', 'ExplicitAuthFlows', 'SupportedIdentityProviders',
  'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI', 'AllowedOAuthFlows', 'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient', 'AnalyticsConfiguration', 'PreventUserExistenceErrors', 'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData', 'AuthSessionValidity', 'RefreshTokenRotation',
] as const;
const CLIENT_READ_ONLY = ['ClientSecret', 'LastModifiedDate', 'CreationDate', 'ClientType'] as const;

const RESOURCE_SERVER_WRITABLE = ['UserPoolId', 'Identifier', 'Name', 'Scopes'] as const;
const RESOURCE_SERVER_READ_ONLY = ['ManagedBy'] as const;

const MFA_WRITABLE = [
  'UserPoolId', 'SmsMfaConfiguration', 'SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration', 'MfaConfiguration',
  'WebAuthnConfiguration',
] as const;
const MFA_READ_ONLY = [] as const;

const IDP_WRITABLE = ['UserPoolId', 'ProviderName', 'ProviderDetails', 'AttributeMapping', 'IdpIdentifiers', 'AcrMapping'] as const;
const IDP_READ_ONLY = ['ProviderType', 'LastModifiedDate', 'CreationDate'] as const;

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
type Renamed<F extends string, R extends Record<string, string>> = F extends keyof R ? R[F] : F;
export type _UpdateFieldLists = [
  Check<Exact<(typeof POOL_WRITABLE)[number], keyof UpdateUserPoolCommandInput>>,
  Check<Exact<Renamed<(typeof POOL_WRITABLE)[number], typeof POOL_RENAMED> | (typeof POOL_READ_ONLY)[number], keyof UserPoolType>>,
  Check<Exact<(typeof CLIENT_WRITABLE)[number], keyof UpdateUserPoolClientCommandInput>>,
  Check<Exact<(typeof CLIENT_WRITABLE)[number] | (typeof CLIENT_READ_ONLY)[number], keyof UserPoolClientType>>,
  Check<Exact<(typeof RESOURCE_SERVER_WRITABLE)[number], keyof UpdateResourceServerCommandInput>>,
  Check<Exact<(typeof RESOURCE_SERVER_WRITABLE)[number] | (typeof RESOURCE_SERVER_READ_ONLY)[number], keyof ResourceServerType>>,
  Check<Exact<(typeof MFA_WRITABLE)[number], keyof SetUserPoolMfaConfigCommandInput>>,
  Check<Exact<Exclude<(typeof MFA_WRITABLE)[number], 'UserPoolId'> | (typeof MFA_READ_ONLY)[number], Exclude<keyof GetUserPoolMfaConfigCommandOutput, '$metadata'>>>,
  Check<Exact<(typeof IDP_WRITABLE)[number], keyof UpdateIdentityProviderCommandInput>>,
  Check<Exact<(typeof IDP_WRITABLE)[number] | (typeof IDP_READ_ONLY)[number], keyof IdentityProviderType>>,
];

interface KindSpec {
  writable: readonly string[];
  readOnly: readonly string[];
  renamed?: Record<string, string>;
  /** Identifiers, sent as they are and never part of the difference. */
  keys: readonly string[];
  /** What Cognito refuses to take back exactly as it answered (see each function). */
  fixUp?: (input: Record<string, any>) => void;
}

const SPECS: Record<UpdateKind, KindSpec> = {
  userPool: { writable: POOL_WRITABLE, readOnly: POOL_READ_ONLY, renamed: POOL_RENAMED, keys: ['UserPoolId'], fixUp: fixUpPool },
  userPoolClient: { writable: CLIENT_WRITABLE, readOnly: CLIENT_READ_ONLY, keys: ['UserPoolId', 'ClientId'], fixUp: dropEmpty },
  resourceServer: { writable: RESOURCE_SERVER_WRITABLE, readOnly: RESOURCE_SERVER_READ_ONLY, keys: ['UserPoolId', 'Identifier'] },
  mfaConfig: { writable: MFA_WRITABLE, readOnly: MFA_READ_ONLY, keys: ['UserPoolId'], fixUp: dropEmpty },
  identityProvider: { writable: IDP_WRITABLE, readOnly: IDP_READ_ONLY, keys: ['UserPoolId', 'ProviderName'], fixUp: fixUpIdentityProvider },
};

/** The fields an update of `kind` takes (identifiers included); for callers that compare states. */
export function writableFields(kind: UpdateKind): readonly string[] {
  return SPECS[kind].writable;
}

/** The identifier fields of `kind` (never reported as a change). */
export function keyFields(kind: UpdateKind): readonly string[] {
  return SPECS[kind].keys;
}

export function toUpdateInput<K extends UpdateKind>(kind: K, described: Described<K>, key?: Partial<UpdateKey<K>>): UpdateInput<K> {
  const spec = SPECS[kind];
  const source = described as Record<string, unknown>;
  const input: Record<string, any> = {};
  for (const field of spec.writable) {
    const value = source[spec.renamed?.[field] ?? field];
    if (value !== undefined && value !== null) input[field] = clone(value);
  }
  Object.assign(input, key ?? {});
  spec.fixUp?.(input);
  return input as UpdateInput<K>;
}

/**
 * UpdateUserPool refuses some answers of DescribeUserPool as they are:
 * - `AdminCreateUserConfig.UnusedAccountValidityDays` is refused once the password policy has
 *   `TemporaryPasswordValidityDays` ("Please use TemporaryPasswordValidityDays in PasswordPolicy
 *   instead of UnusedAccountValidityDays"); the two mirror each other, so the legacy one goes.
 * - `SmsVerificationMessage`, `EmailVerificationMessage`, `EmailVerificationSubject` are "no longer
 *   used": `VerificationMessageTemplate` holds the same text; each is sent only when the template
 *   lacks its counterpart, so a pool set up the old way keeps its message.
 * - `VerificationMessageTemplate` may hold the messages of both email options, but a request with
 *   both is refused ("specify an EmailMessageByLink and leave EmailMessage blank", and the other way
 *   round): only the pair of the `DefaultEmailOption` in force is sent.
 * - `UserPoolAddOns` needs `AdvancedSecurityMode`; `SmsConfiguration` needs `SnsCallerArn`
 *   (an empty one in an answer means "not set").
 */
function fixUpPool(input: Record<string, any>): void {
  if (input.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined && input.AdminCreateUserConfig) {
    delete input.AdminCreateUserConfig.UnusedAccountValidityDays;
  }
  const template = input.VerificationMessageTemplate ?? {};
  const legacy: Array<[string, string]> = [
    ['SmsVerificationMessage', 'SmsMessage'],
    ['EmailVerificationMessage', 'EmailMessage'],
    ['EmailVerificationSubject', 'EmailSubject'],
  ];
  for (const [old, current] of legacy) if (template[current] !== undefined) delete input[old];
  if (template.DefaultEmailOption === 'CONFIRM_WITH_LINK') {
    delete template.EmailMessage;
    delete template.EmailSubject;
  } else if (template.DefaultEmailOption === 'CONFIRM_WITH_CODE') {
    delete template.EmailMessageByLink;
    delete template.EmailSubjectByLink;
  }
  if (input.UserPoolAddOns && !input.UserPoolAddOns.AdvancedSecurityMode) delete input.UserPoolAddOns;
  if (input.SmsConfiguration && !input.SmsConfiguration.SnsCallerArn) delete input.SmsConfiguration;
  dropEmpty(input);
}

/**
 * DescribeIdentityProvider's ProviderDetails carry keys Cognito derives itself and refuses on
 * update: for OIDC `attributes_url_add_attributes` (and the endpoints it discovered from the
 * issuer are fine to send back), for SAML `ActiveEncryptionCertificate`.
 */
function fixUpIdentityProvider(input: Record<string, any>): void {
  if (input.ProviderDetails) {
    delete input.ProviderDetails.attributes_url_add_attributes;
    delete input.ProviderDetails.ActiveEncryptionCertificate;
  }
  dropEmpty(input);
}

/** Empty objects in an answer mean "not set"; sent back they would be read as a setting. */
function dropEmpty(input: Record<string, any>): void {
  for (const [key, value] of Object.entries(input)) {
    if (isPlainObject(value) && Object.keys(value).length === 0) delete input[key];
  }
}

export function applyPatch<T>(input: T, patch: Patch<T> | Record<string, unknown>): T {
  const out = clone(input) as Record<string, unknown>;
  mergeInto(out, patch as Record<string, unknown>);
  return out as T;
}

function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete target[key];
    } else if (isPlainObject(value)) {
      const current = target[key];
      const next = isPlainObject(current) ? (current as Record<string, unknown>) : {};
      mergeInto(next, value as Record<string, unknown>);
      target[key] = next;
    } else {
      target[key] = clone(value);
    }
  }
}

export function diffFields(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isPlainObject(before) || isPlainObject(after)) {
    if (!isPlainObject(before) && before !== undefined) return [{ field: prefix, before, after }];
    if (!isPlainObject(after) && after !== undefined) return [{ field: prefix, before, after }];
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.flatMap((k) => diffFields(b[k], a[k], prefix ? `${prefix}.${k}` : k));
  }
  return sameValue(before, after) ? [] : [{ field: prefix, before, after }];
}

export function formatChange(change: FieldChange): string {
  return `${change.field}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

export function planUpdate<K extends UpdateKind>(
  kind: K,
  described: Described<K>,
  patch: Patch<UpdateInput<K>> | ((current: UpdateInput<K>) => Patch<UpdateInput<K>>),
  key?: Partial<UpdateKey<K>>,
): UpdatePlan<K> {
  const before = toUpdateInput(kind, described, key);
  const changes = typeof patch === 'function' ? patch(clone(before)) : patch;
  const input = applyPatch(before, changes);
  const keys = new Set(SPECS[kind].keys);
  const strip = (v: UpdateInput<K>) => Object.fromEntries(Object.entries(v as object).filter(([k]) => !keys.has(k)));
  return { kind, input, before, changes: diffFields(strip(before), strip(input)) };
}

export interface ReadMergeWriteResult<K extends UpdateKind> {
  plan: UpdatePlan<K>;
  /** False for a dry run, and when nothing would change (nothing is sent then). */
  sent: boolean;
}

/** Describe, merge, and (unless a dry run or nothing changed) send the whole object back. */
export async function readMergeWrite<K extends UpdateKind>(
  idp: CognitoIdentityProviderClient,
  kind: K,
  key: UpdateKey<K>,
  patch: Patch<UpdateInput<K>> | ((current: UpdateInput<K>) => Patch<UpdateInput<K>>),
  options: { dryRun?: boolean } = {},
): Promise<ReadMergeWriteResult<K>> {
  const described = await describe(idp, kind, key);
  const plan = planUpdate(kind, described, patch, key);
  if (options.dryRun || plan.changes.length === 0) return { plan, sent: false };
  await send(idp, kind, plan.input);
  return { plan, sent: true };
}

/** The current state of one object, as `toUpdateInput` takes it. */
export async function describe<K extends UpdateKind>(idp: CognitoIdentityProviderClient, kind: K, key: UpdateKey<K>): Promise<Described<K>> {
  const {
    DescribeUserPoolCommand,
    DescribeUserPoolClientCommand,
    DescribeResourceServerCommand,
    GetUserPoolMfaConfigCommand,
    DescribeIdentityProviderCommand,
  } = await import('@aws-sdk/client-cognito-identity-provider');
  const k = key as Record<string, string>;
  switch (kind) {
    case 'userPool':
      return (await idp.send(new DescribeUserPoolCommand({ UserPoolId: k.UserPoolId! }))).UserPool as Described<K>;
    case 'userPoolClient':
      return (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: k.UserPoolId!, ClientId: k.ClientId! })))
        .UserPoolClient as Described<K>;
    case 'resourceServer':
      return (await idp.send(new DescribeResourceServerCommand({ UserPoolId: k.UserPoolId!, Identifier: k.Identifier! })))
        .ResourceServer as Described<K>;
    case 'mfaConfig': {
      const { $metadata: _, ...config } = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: k.UserPoolId! }));
      return config as Described<K>;
    }
    case 'identityProvider':
      return (await idp.send(new DescribeIdentityProviderCommand({ UserPoolId: k.UserPoolId!, ProviderName: k.ProviderName! })))
        .IdentityProvider as Described<K>;
  }
  throw new Error(`unknown update kind ${kind}`);
}

/** Sends a complete input made by `planUpdate`. */
export async function send<K extends UpdateKind>(idp: CognitoIdentityProviderClient, kind: K, input: UpdateInput<K>): Promise<void> {
  const {
    UpdateUserPoolCommand,
    UpdateUserPoolClientCommand,
    UpdateResourceServerCommand,
    SetUserPoolMfaConfigCommand,
    UpdateIdentityProviderCommand,
  } = await import('@aws-sdk/client-cognito-identity-provider');
  switch (kind) {
    case 'userPool':
      await idp.send(new UpdateUserPoolCommand(input as UpdateUserPoolCommandInput));
      return;
    case 'userPoolClient':
      await idp.send(new UpdateUserPoolClientCommand(input as UpdateUserPoolClientCommandInput));
      return;
    case 'resourceServer':
      await idp.send(new UpdateResourceServerCommand(input as UpdateResourceServerCommandInput));
      return;
    case 'mfaConfig':
      await idp.send(new SetUserPoolMfaConfigCommand(input as SetUserPoolMfaConfigCommandInput));
      return;
    case 'identityProvider':
      await idp.send(new UpdateIdentityProviderCommand(input as UpdateIdentityProviderCommandInput));
      return;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) return diffFields(a, b).length === 0;
  return a === b;
}

function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  return value;
}
