// pool clone, the pure part: the source's configuration with `pool create` flags laid over it
// (the way to change what is fixed at creation), and the CreateUserPool request for it. The flags
// are turned into request fields by `pool create`'s own builder; only the fields of the flags given
// are taken from it, so everything else stays as the source has it.
import { planPoolCreate, type PoolCreateFlags } from '../commands/pool/create-request.js';
import { applyPatch } from '../aws/merge-update.js';
import type { PoolConfig, Settings } from './document.js';

export function withOverrides(source: PoolConfig, newName: string, flags: PoolCreateFlags, externalId: string): PoolConfig {
  const given = (k: keyof PoolCreateFlags) => flags[k] !== undefined;
  const created = planPoolCreate(newName, flags, externalId);
  const request = created.createUserPool;
  const config: PoolConfig = JSON.parse(JSON.stringify(source));
  config.pool.name = newName;
  const settings = config.pool.settings;
  const immutable = config.pool.immutable;
  // Prefix domains are unique across AWS, and a custom domain belongs to one pool.
  config.domains = {};

  if (given('signIn')) {
    delete immutable.UsernameAttributes;
    delete immutable.AliasAttributes;
    if (request.UsernameAttributes) immutable.UsernameAttributes = request.UsernameAttributes;
    if (request.AliasAttributes) immutable.AliasAttributes = request.AliasAttributes;
  }
  if (given('signIn') || given('autoVerify')) {
    if (request.AutoVerifiedAttributes) settings.AutoVerifiedAttributes = request.AutoVerifiedAttributes;
    else if (given('autoVerify')) delete settings.AutoVerifiedAttributes;
  }
  const policy = request.Policies?.PasswordPolicy ?? {};
  const policyPatch: Settings = {};
  if (given('passwordMinLength')) policyPatch.MinimumLength = policy.MinimumLength;
  if (given('passwordRequire')) {
    for (const k of ['RequireLowercase', 'RequireUppercase', 'RequireNumbers', 'RequireSymbols']) policyPatch[k] = policy[k];
  }
  if (given('tempPasswordDays')) policyPatch.TemporaryPasswordValidityDays = policy.TemporaryPasswordValidityDays;
  if (Object.keys(policyPatch).length) config.pool.settings = applyPatch(settings, { Policies: { PasswordPolicy: policyPatch } });
  if (given('required')) {
    const schema = request.Schema as Settings[];
    const names = new Set(schema.map((a) => a.Name));
    immutable.SchemaAttributes = [...immutable.SchemaAttributes.filter((a) => !names.has(a.Name)), ...schema];
  }
  if (given('smsRoleArn')) config.pool.settings.SmsConfiguration = request.SmsConfiguration;
  if (given('deletionProtection')) config.pool.settings.DeletionProtection = request.DeletionProtection;
  if (given('mfa') || given('totp')) {
    const mfa = created.mfaConfig ?? { MfaConfiguration: 'OFF' };
    config.mfa = { ...mfa };
    config.pool.settings.MfaConfiguration = mfa.MfaConfiguration;
  }
  return config;
}

/** The CreateUserPool request for a configuration; MFA follows with SetUserPoolMfaConfig. */
export function createPoolRequest(config: PoolConfig, name: string): Record<string, unknown> {
  // CreateUserPool cannot turn TOTP on: the pool starts without MFA and the MFA step sets it.
  const { MfaConfiguration: _, ...settings } = config.pool.settings;
  const { SchemaAttributes, ...fixed } = config.pool.immutable;
  return {
    PoolName: name,
    ...settings,
    ...fixed,
    // The API adds the `custom:` prefix to custom attributes itself.
    ...(SchemaAttributes.length ? { Schema: SchemaAttributes.map((a) => ({ ...a, Name: String(a.Name).replace(/^custom:/, '') })) } : {}),
  };
}
