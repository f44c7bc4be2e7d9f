// Client secret rotation (ListUserPoolClientSecrets, AddUserPoolClientSecret,
// DeleteUserPoolClientSecret) as the API reference describes it: at most 2 secrets per client, ids
// `<client-id>--<epoch-create-time>`, values returned only by Add and only when Cognito generated
// them, and the last secret cannot be deleted. The client's `clientSecret` (what SECRET_HASH is
// checked against) is the oldest remaining secret.
import type { FakeContext } from './context.js';
import { fail, invalidParameter, required, resourceNotFound } from './errors.js';
import { getPool, randomId, type ClientState } from './state.js';

interface Secret {
  id: string;
  value: string;
  created: Date;
}

const secrets = new WeakMap<ClientState, Secret[]>();

function secretsOf(ctx: FakeContext, body: any): { client: ClientState; list: Secret[] } {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const client = pool.clients.get(required(body.ClientId, 'clientId'));
  if (!client) return resourceNotFound(`User pool client ${body.ClientId} does not exist.`);
  if (!client.clientSecret) return invalidParameter(`Client ${client.clientId} does not have a client secret.`);
  let list = secrets.get(client);
  if (!list) {
    const created = client.createdAt;
    list = [{ id: `${client.clientId}--${Math.floor(created.getTime() / 1000)}`, value: client.clientSecret, created }];
    secrets.set(client, list);
  }
  return { client, list };
}

export function listUserPoolClientSecrets(ctx: FakeContext, body: any) {
  const { list } = secretsOf(ctx, body);
  return { ClientSecrets: list.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: s.created })) };
}

export function addUserPoolClientSecret(ctx: FakeContext, body: any) {
  const { list, client } = secretsOf(ctx, body);
  if (list.length >= 2) fail('LimitExceededException', 'An app client can have at most 2 client secrets.');
  const custom: string | undefined = body.ClientSecret;
  if (custom !== undefined && !/^[\w+]{24,64}$/.test(custom)) invalidParameter('ClientSecret is not a valid client secret.');
  // Ids carry the creation second; a second secret in the same second still needs its own id.
  let created = new Date(ctx.now());
  while (list.some((s) => s.id === `${client.clientId}--${Math.floor(created.getTime() / 1000)}`)) {
    created = new Date(created.getTime() + 1000);
  }
  const secret = { id: `${client.clientId}--${Math.floor(created.getTime() / 1000)}`, value: custom ?? randomId(51, 'abcdefghijklmnopqrstuvwxyz0123456789'), created };
  list.push(secret);
  return {
    ClientSecretDescriptor: {
      ClientSecretId: secret.id,
      ClientSecretCreateDate: secret.created,
      ...(custom === undefined ? { ClientSecretValue: secret.value } : {}),
    },
  };
}

export function deleteUserPoolClientSecret(ctx: FakeContext, body: any) {
  const { list, client } = secretsOf(ctx, body);
  const id = required(body.ClientSecretId, 'clientSecretId');
  const index = list.findIndex((s) => s.id === id);
  if (index < 0) resourceNotFound(`Client secret ${id} does not exist.`);
  if (list.length === 1) invalidParameter('You cannot delete the last client secret of an app client.');
  list.splice(index, 1);
  client.clientSecret = list[0]!.value;
  return {};
}
