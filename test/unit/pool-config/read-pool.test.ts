// Reading a pool into a configuration, with a strict SDK mock: a pool may have a prefix domain and a
// custom domain at once, and the file holds both.
import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { readPool } from '../../../src/pool-config/read-pool.js';

const mock = useStrictIdpMock();
const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

describe('readPool', () => {
  it('holds the prefix domain and the custom domain of a pool that has both', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_Pool', Name: 'shop', Domain: 'shop-login', CustomDomain: 'auth.example.com' } });
    mock.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OFF' });
    for (const List of [ListUserPoolClientsCommand, ListGroupsCommand, ListResourceServersCommand, ListIdentityProvidersCommand]) mock.on(List as never).resolves({});
    mock
      .on(DescribeUserPoolDomainCommand, { Domain: 'shop-login' })
      .resolves({ DomainDescription: { Domain: 'shop-login', ManagedLoginVersion: 2 } })
      .on(DescribeUserPoolDomainCommand, { Domain: 'auth.example.com' })
      .resolves({ DomainDescription: { Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: cert }, ManagedLoginVersion: 2 } });
    const idp = new CognitoIdentityProviderClient({ region: 'eu-west-1' });
    const state = await readPool(idp, 'eu-west-1_Pool');
    expect(state.config.domains).toEqual({
      'shop-login': { ManagedLoginVersion: 2 },
      'auth.example.com': { CustomDomainConfig: { CertificateArn: cert }, ManagedLoginVersion: 2 },
    });
  });
});
