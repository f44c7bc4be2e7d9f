// The user-pool operations an import sends, answered from memory at once: an upstream for the
// quota benchmark, which measures how the import paces itself against a token bucket. An emulator
// that writes every user to disk (cognito-local) serves 8–60 creates/s on a shared 2-core machine,
// depending on the other load, and would be the limit instead of the bucket. Loopback only.
import http from 'node:http';

const json = (res, status, body, type) => {
  const text = JSON.stringify(body);
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text) };
  if (type) headers['x-amzn-errortype'] = type;
  res.writeHead(status, headers);
  res.end(text);
};
const fail = (res, type, message) => json(res, 400, { __type: type, message }, type);

export async function startStubCognito() {
  const pools = new Map();
  let poolNumber = 0;
  const pool = (id) => pools.get(id);
  const handlers = {
    CreateUserPool: (b) => {
      const id = `us-east-1_Stub${++poolNumber}`;
      pools.set(id, { name: b.PoolName, users: new Map(), groups: new Set() });
      return { UserPool: { Id: id, Name: b.PoolName } };
    },
    DescribeUserPool: (b) => ({ UserPool: { Id: b.UserPoolId, Name: pool(b.UserPoolId).name, UsernameConfiguration: { CaseSensitive: false } } }),
    CreateGroup: (b) => {
      pool(b.UserPoolId).groups.add(b.GroupName);
      return { Group: { GroupName: b.GroupName, UserPoolId: b.UserPoolId } };
    },
    ListGroups: (b) => ({ Groups: [...pool(b.UserPoolId).groups].map((GroupName) => ({ GroupName, UserPoolId: b.UserPoolId })) }),
    AdminCreateUser: (b, res) => {
      const users = pool(b.UserPoolId).users;
      const key = b.Username.toLowerCase();
      if (users.has(key)) return fail(res, 'UsernameExistsException', 'User account already exists');
      users.set(key, { attributes: b.UserAttributes ?? [], groups: new Set() });
      return { User: { Username: b.Username, Attributes: b.UserAttributes ?? [], Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' } };
    },
    AdminAddUserToGroup: (b, res) => {
      const p = pool(b.UserPoolId);
      const user = p.users.get(b.Username.toLowerCase());
      if (!user) return fail(res, 'UserNotFoundException', 'User does not exist.');
      if (!p.groups.has(b.GroupName)) return fail(res, 'ResourceNotFoundException', 'Group not found.');
      user.groups.add(b.GroupName);
      return {};
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop();
      const handler = handlers[op];
      if (!handler) return fail(res, 'UnknownOperationException', `${op} is not served by the stub`);
      const input = JSON.parse(body || '{}');
      if (op !== 'CreateUserPool' && !pool(input.UserPoolId)) return fail(res, 'ResourceNotFoundException', 'User pool does not exist.');
      const out = handler(input, res);
      if (out !== undefined) json(res, 200, out);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Users and memberships stored, to check that nothing was lost or doubled. */
    counts: (id) => {
      const p = pool(id);
      return { users: p.users.size, memberships: [...p.users.values()].reduce((n, u) => n + u.groups.size, 0) };
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
