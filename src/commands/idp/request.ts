// Builds the CreateIdentityProvider request for `idp create --type oidc|saml`. Pure: the secret
// and the metadata file's text are passed in.
import { UsageError } from '../../errors.js';

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
