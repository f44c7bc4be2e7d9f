// The one view of a user pool domain (DescribeUserPoolDomain), used by every command that prints one.
import type { DomainDescriptionType } from '@aws-sdk/client-cognito-identity-provider';

export interface DomainView {
  domain: string | undefined;
  poolId: string | undefined;
  custom: boolean;
  status: string | undefined;
  /** Where sign-in pages are served: the prefix domain's Cognito host, or the custom domain. */
  url: string | undefined;
  cloudFrontDistribution: string | undefined;
  certificateArn: string | undefined;
  managedLoginVersion: number | undefined;
}

export function isCustomDomain(domain: string): boolean {
  return domain.includes('.');
}

export function domainView(d: DomainDescriptionType, region: string | undefined): DomainView {
  const custom = Boolean(d.Domain && isCustomDomain(d.Domain));
  const host = d.Domain && (custom ? d.Domain : region ? `${d.Domain}.auth.${region}.amazoncognito.com` : undefined);
  return {
    domain: d.Domain,
    poolId: d.UserPoolId,
    custom,
    status: d.Status,
    url: host ? `https://${host}` : undefined,
    cloudFrontDistribution: d.CloudFrontDistribution,
    certificateArn: d.CustomDomainConfig?.CertificateArn,
    managedLoginVersion: d.ManagedLoginVersion,
  };
}
