// Builds the CreateIdentityProvider request for `idp create --type oidc|saml`. Pure: the secret
// and the metadata file's text are passed in.
import type { UpdateIdentityProviderCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { UsageError } from '../../errors.js';
import type { Patch } from '../../aws/merge-update.js';

export const IDP_TYPES = ['oidc', 'saml'] as const;

export interface IdpCreateFlags {
  type?: (typeof IDP_TYPES)[number];
  issuer?: string;
  clientId?: string;
  scopes?: string[];
  attributeMap?: string[];
  metadataUrl?: string;
  metadataFile?: string;
  identifiers?: string[];
}

/** `--attribute-map claim=attr` → AttributeMapping, keyed by the pool attribute. */
export function attributeMapping(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    // The claim may be a URI; the pool attribute after the last `=` never holds one.
    const at = pair.lastIndexOf('=');
    const claim = pair.slice(0, at).trim();
    const attr = pair.slice(at + 1).trim();
    if (at < 0 || !claim || !attr) {
      throw new UsageError(`--attribute-map: "${pair}" is not claim=attribute (e.g. email=email, given_name=name)`);
    }
    if (mapping[attr]) throw new UsageError(`--attribute-map: ${attr} is mapped twice`);
    mapping[attr] = claim;
  }
  return mapping;
}

export function checkProviderName(name: string): void {
  // Cognito's ProviderName pattern, and its 3–32 characters.
  if (!/^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u.test(name) || name.length > 32) {
    throw new UsageError(`"${name}" is not an identity provider name (3–32 characters, no spaces, not starting with _)`);
  }
  if (name === 'COGNITO') throw new UsageError('COGNITO is the pool itself, not a name for an identity provider');
}

export function planIdpCreate(
  poolId: string,
  name: string,
  flags: IdpCreateFlags,
  inputs: { clientSecret?: string; metadataText?: string },
): Record<string, unknown> {
  checkProviderName(name);
  const request: Record<string, unknown> = { UserPoolId: poolId, ProviderName: name };
  if (flags.type === 'oidc') {
    for (const [flag, value] of [['--metadata-url', flags.metadataUrl], ['--metadata-file', flags.metadataFile]] as const) {
      if (value) throw new UsageError(`${flag} is for --type saml`);
    }
    if (!flags.issuer) throw new UsageError('--type oidc needs --issuer <url>');
    if (!flags.clientId) throw new UsageError('--type oidc needs --client-id <id>');
    if (!/^https:\/\/[^\s]+$/.test(flags.issuer)) throw new UsageError(`--issuer: "${flags.issuer}" is not an https URL`);
    if (!inputs.clientSecret) {
      throw new UsageError('--type oidc needs the client secret: --client-secret-stdin, or COGNITO_IDP_CLIENT_SECRET');
    }
    request.ProviderType = 'OIDC';
    request.ProviderDetails = {
      client_id: flags.clientId,
      client_secret: inputs.clientSecret,
      oidc_issuer: flags.issuer,
      authorize_scopes: (flags.scopes ?? ['openid']).join(' '),
      attributes_request_method: 'GET',
    };
  } else if (flags.type === 'saml') {
    for (const [flag, value] of [['--issuer', flags.issuer], ['--client-id', flags.clientId], ['--scopes', flags.scopes]] as const) {
      if (value) throw new UsageError(`${flag} is for --type oidc`);
    }
    if (Boolean(flags.metadataUrl) === (inputs.metadataText !== undefined)) {
      throw new UsageError('--type saml needs one of --metadata-url <url> or --metadata-file <file>');
    }
    request.ProviderType = 'SAML';
    request.ProviderDetails = flags.metadataUrl ? { MetadataURL: flags.metadataUrl } : { MetadataFile: inputs.metadataText };
  } else {
    throw new UsageError('--type is required: oidc or saml');
  }
  const mapping = attributeMapping(flags.attributeMap);
  if (mapping) request.AttributeMapping = mapping;
  if (flags.identifiers?.length) request.IdpIdentifiers = flags.identifiers;
  return request;
}

export interface IdpUpdateFlags {
  issuer?: string;
  clientId?: string;
  scopes?: string[];
  metadataUrl?: string;
  metadataFile?: string;
  attributeMap?: string[];
  removeAttributeMap?: string[];
  identifiers?: string[];
}

const OIDC_ONLY: Array<[keyof IdpUpdateFlags | 'clientSecret', string]> = [
  ['issuer', '--issuer'],
  ['clientId', '--client-id'],
  ['clientSecret', '--client-secret-stdin'],
  ['scopes', '--scopes'],
];
const SAML_ONLY: Array<[keyof IdpUpdateFlags, string]> = [
  ['metadataUrl', '--metadata-url'],
  ['metadataFile', '--metadata-file'],
];

/** Exit 2 before anything is read: no setting named, or two that exclude each other. */
export function checkIdpUpdate(name: string, flags: IdpUpdateFlags, clientSecretStdin: boolean): void {
  checkProviderName(name);
  const named =
    [flags.issuer, flags.clientId, flags.scopes, flags.metadataUrl, flags.metadataFile, flags.identifiers].some((v) => v !== undefined) ||
    clientSecretStdin ||
    Boolean(flags.attributeMap?.length || flags.removeAttributeMap?.length);
  if (!named) {
    throw new UsageError('nothing to update: name a setting (--scopes, --attribute-map, --client-secret-stdin, --metadata-url, …)', {
      hint: `\`cognito-admin idp update --help\` lists them; \`cognito-admin idp describe ${name}\` shows the current ones`,
    });
  }
  if (flags.metadataUrl && flags.metadataFile) throw new UsageError('--metadata-url and --metadata-file exclude each other');
  if (flags.scopes?.length === 0) throw new UsageError('--scopes needs at least one scope (e.g. openid)');
  if (flags.issuer !== undefined && !/^https:\/\/[^\s]+$/.test(flags.issuer)) throw new UsageError(`--issuer: "${flags.issuer}" is not an https URL`);
  const removed = new Set(flags.removeAttributeMap ?? []);
  const mapped = attributeMapping(flags.attributeMap) ?? {};
  const both = Object.keys(mapped).find((attr) => removed.has(attr));
  if (both) throw new UsageError(`--attribute-map and --remove-attribute-map both name ${both}`);
}

/**
 * The patch for the merge-safe update of a provider of `type` (OIDC or SAML): the provider details
 * named, the attribute mapping with the pairs given set and the attributes removed, the identifiers
 * replaced. A flag of the other type is exit 2.
 */
export function planIdpPatch(
  type: string | undefined,
  flags: IdpUpdateFlags,
  inputs: { clientSecret?: string; metadataText?: string },
): Patch<UpdateIdentityProviderCommandInput> {
  const values: Record<string, unknown> = { ...flags, clientSecret: inputs.clientSecret };
  const wrong = type === 'OIDC' ? SAML_ONLY : type === 'SAML' ? OIDC_ONLY : [...OIDC_ONLY, ...SAML_ONLY];
  const misplaced = wrong.find(([key]) => values[key] !== undefined);
  if (misplaced) {
    const what = type === 'OIDC' ? 'an OIDC provider' : type === 'SAML' ? 'a SAML provider' : `a ${type ?? 'social'} provider`;
    throw new UsageError(`${misplaced[1]} is not a setting of ${what}`, { hint: 'a provider\'s type cannot change: delete it and create it again' });
  }
  const details: Record<string, string | null> = {};
  if (flags.issuer !== undefined) details.oidc_issuer = flags.issuer;
  if (flags.clientId !== undefined) details.client_id = flags.clientId;
  if (inputs.clientSecret !== undefined) details.client_secret = inputs.clientSecret;
  if (flags.scopes !== undefined) details.authorize_scopes = flags.scopes.join(' ');
  // One metadata source at a time: naming one drops the other.
  if (flags.metadataUrl !== undefined) Object.assign(details, { MetadataURL: flags.metadataUrl, MetadataFile: null });
  if (inputs.metadataText !== undefined) Object.assign(details, { MetadataFile: inputs.metadataText, MetadataURL: null });
  const patch: Patch<UpdateIdentityProviderCommandInput> = {};
  if (Object.keys(details).length) patch.ProviderDetails = details;
  const mapping: Record<string, string | null> = { ...attributeMapping(flags.attributeMap) };
  for (const attr of flags.removeAttributeMap ?? []) mapping[attr] = null;
  if (Object.keys(mapping).length) patch.AttributeMapping = mapping;
  if (flags.identifiers !== undefined) patch.IdpIdentifiers = flags.identifiers.length ? flags.identifiers : null;
  return patch;
}
