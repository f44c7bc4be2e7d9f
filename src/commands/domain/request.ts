// Checks `domain create` arguments and builds the CreateUserPoolDomain request. Pure.
import { UsageError } from '../../errors.js';
import { isCustomDomain } from '../../views/domain.js';

export interface DomainCreateFlags {
  certificateArn?: string;
  managedLoginVersion?: string;
}

const CERT_ARN = /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;

export function planDomainCreate(poolId: string, domain: string, flags: DomainCreateFlags): Record<string, unknown> {
  const request: Record<string, unknown> = { UserPoolId: poolId, Domain: domain };
  if (isCustomDomain(domain)) {
    if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)) {
      throw new UsageError(`"${domain}" is not a domain name (lower-case letters, digits, hyphens and dots)`);
    }
    if (!flags.certificateArn) {
      throw new UsageError(`the custom domain ${domain} needs --certificate-arn (an ACM certificate in us-east-1)`, {
        hint: `or use a prefix on Cognito's domain: \`cognito-admin domain create ${domain.split('.')[0]}\``,
      });
    }
    // CloudFront serves custom domains, and CloudFront takes certificates from us-east-1 only.
    if (!CERT_ARN.test(flags.certificateArn)) {
      throw new UsageError(`--certificate-arn: "${flags.certificateArn}" is not an ACM certificate ARN in us-east-1`);
    }
    request.CustomDomainConfig = { CertificateArn: flags.certificateArn };
  } else {
    if (flags.certificateArn) throw new UsageError('--certificate-arn is for a custom domain (a full domain name like auth.example.com)');
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)) {
      throw new UsageError(`"${domain}" is not a domain prefix: 1–63 lower-case letters, digits and hyphens`);
    }
    const reserved = ['aws', 'amazon', 'cognito'].find((word) => domain.includes(word));
    if (reserved) throw new UsageError(`a domain prefix cannot contain "${reserved}"`);
  }
  if (flags.managedLoginVersion !== undefined) request.ManagedLoginVersion = Number(flags.managedLoginVersion);
  return request;
}
