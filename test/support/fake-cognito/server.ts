// HTTP routing: AWS JSON 1.1 operations on POST /, the JWKS and OpenID configuration of each
// pool, and the presigned S3 upload of import jobs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.js';
import { CognitoError } from './errors.js';
import { PUBLIC_OPERATIONS, SIGNED_OPERATIONS } from './operations.js';
import { jwks, issuer } from './tokens.js';
import { acceptUpload } from './import-jobs.js';
import { handleOAuth } from './oauth-routes.js';

export interface RecordedCall {
  operation: string;
  body: any;
  headers: Record<string, string>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';
const MAX_JSON_BYTES = 10 * 1024 * 1024;

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Reads the body, keeping at most `limit` bytes; `tooLarge` says more was sent. */
async function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) tooLarge = true;
    else chunks.push(buf);
  }
  return { body: Buffer.concat(chunks), tooLarge };
}

/** JSON with Dates as epoch seconds, as the AWS JSON protocols carry timestamps. */
function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(body);
}

function sendError(res: ServerResponse, error: CognitoError): void {
  send(res, error.status, JSON.stringify({ __type: error.type, message: error.message }), {
    'x-amzn-errortype': `${error.type}:`,
  });
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
  send(res, status, xml, { 'content-type': 'application/xml' });
}

async function handleOperation(ctx: FakeContext, calls: RecordedCall[], req: IncomingMessage, res: ServerResponse) {
  const headers = flatHeaders(req);
  const { body: raw, tooLarge } = await readBody(req, MAX_JSON_BYTES);
  const target = headers['x-amz-target'] ?? '';
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  let body: any;
  try {
    body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    calls.push({ operation, body: raw.toString('utf8'), headers });
    return sendError(res, new CognitoError('SerializationException', 'Body is not valid JSON'));
  }
  calls.push({ operation, body, headers });
  if (tooLarge) return sendError(res, new CognitoError('SerializationException', 'Request body too large'));
  const handler = PUBLIC_OPERATIONS[operation] ?? SIGNED_OPERATIONS[operation];
  if (!target.startsWith(TARGET_PREFIX) || !handler) {
    return sendError(res, new CognitoError('UnknownOperationException', `Unknown operation ${target}`));
  }
  if (SIGNED_OPERATIONS[operation] && !headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    return sendError(res, new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token'));
  }
  try {
    const result = await handler(ctx, body);
    send(res, 200, toJson(result ?? {}));
  } catch (error) {
    if (error instanceof CognitoError) return sendError(res, error);
    console.error(`fake-cognito: ${operation} crashed`, error);
    sendError(res, new CognitoError('InternalErrorException', String((error as Error)?.message ?? error), 500));
  }
}

export function createHandler(ctx: FakeContext, calls: RecordedCall[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', ctx.url);
      const wellKnown = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(url.pathname);
      const upload = /^\/import-upload\/(import-[0-9a-zA-Z-]+)$/.exec(url.pathname);
      if (req.method === 'POST' && url.pathname === '/') return await handleOperation(ctx, calls, req, res);
      if (wellKnown && req.method === 'GET') {
        const headers = flatHeaders(req);
        calls.push({ operation: wellKnown[2] === 'jwks.json' ? 'GetJwks' : 'GetOpenIdConfiguration', body: {}, headers });
        const pool = ctx.pools.get(wellKnown[1]!);
        if (!pool) return send(res, 404, JSON.stringify({ message: 'User pool does not exist.' }));
        const body =
          wellKnown[2] === 'jwks.json'
            ? jwks(pool)
            : { issuer: issuer(ctx, pool), jwks_uri: `${issuer(ctx, pool)}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] };
        return send(res, 200, JSON.stringify(body), { 'content-type': 'application/json' });
      }
      if (upload) {
        const headers = flatHeaders(req);
        const { body, tooLarge } = await readBody(req, ctx.limits.maxUploadBytes);
        calls.push({ operation: 'UploadImportCsv', body: { jobId: upload[1], bytes: body.length, tooLarge }, headers });
        const reply = acceptUpload(ctx, upload[1]!, url.searchParams, req.method ?? '', headers, body, tooLarge);
        if (reply.status !== 200) return s3Error(res, reply.status, reply.code!, reply.message!);
        return send(res, 200, '', { 'content-type': 'text/plain', etag: `"${randomUUID().replace(/-/g, '')}"` });
      }
      if (await handleOAuth(ctx, calls, req, res, url)) return;
      calls.push({ operation: `${req.method} ${url.pathname}`, body: {}, headers: flatHeaders(req) });
      send(res, 404, JSON.stringify({ message: `No route for ${req.method} ${url.pathname}` }));
    } catch (error) {
      console.error('fake-cognito: request failed', error);
      if (!res.headersSent) sendError(res, new CognitoError('InternalErrorException', 'fake-cognito crashed', 500));
      else res.destroy();
    }
  };
}
