// api <Operation>: any operation of the user-pool or identity-pool API, with the shared
// settings, clients, --debug and redaction. The operation is found among the SDK's command
// classes and described by the schema the SDK ships with it.
import { readFileSync } from 'node:fs';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { MASK, redact } from '../../aws/redact.js';
import { paginate } from '../../aws/paginate.js';
import { findOperation, loadSdk, type Service } from '../../api/operations.js';
import { maskSensitive, membersOf, operationSchemas } from '../../api/schema.js';
import { applyFields, parseInputDocument } from '../../api/input.js';
import { itemsMember, mergePages, pageTokenMember } from '../../api/pages.js';

export interface ApiOptions {
  input?: string;
  field?: string[];
  paginate?: boolean;
  service?: Service;
  showSecrets?: boolean;
}

type Answer = Record<string, unknown>;

export async function callApi(ctx: Context, operation: string, options: ApiOptions): Promise<void> {
  const service = options.service ?? 'idp';
  const sdk = await loadSdk(service);
  const op = findOperation(sdk, operation, service);
  const schemas = operationSchemas(new op.command({}).schema);
  const inputMembers = membersOf(schemas?.input);
  const outputMembers = membersOf(schemas?.output);

  const document = options.input ? parseInputDocument(await readInput(ctx, options.input), options.input) : {};
  const input = applyFields(document, options.field ?? [], inputMembers, op.name);
  fillFromSettings(ctx, input, inputMembers);

  const token = options.paginate ? pageTokenMember(inputMembers, outputMembers) : undefined;
  if (options.paginate && !token) {
    throw new UsageError(`${op.name} does not return pages`, { hint: 'drop --paginate' });
  }

  // Both clients send any command of their service; the union of their types does not say so.
  const client = (service === 'idp' ? await ctx.idp() : await ctx.identity()) as { send(command: unknown): Promise<unknown> };
  // Secrets are masked by the schema's @sensitive marks and, as a second net, by name.
  const shown = (answer: Answer): Answer =>
    options.showSecrets ? answer : (redact(maskSensitive(schemas?.output, answer, MASK)) as Answer);
  const send = async (request: object): Promise<Answer> => {
    const { $metadata: _, ...answer } = (await client.send(new op.command(request))) as Answer;
    return answer;
  };

  if (!token) {
    ctx.out.record(shown(await send(input)));
    return;
  }
  const pages = paginate<Answer>(
    async (next) => {
      const page = await send(next ? { ...input, [token]: next } : input);
      return { items: [shown(page)], next: typeof page[token] === 'string' ? (page[token] as string) : undefined };
    },
    { pageSize: 1 },
  );
  await printPages(ctx, pages, token, (first) => itemsMember(outputMembers, first));
}

/** ndjson streams the items page by page; json is one merged answer; tables list the items. */
async function printPages(
  ctx: Context,
  pages: AsyncIterable<Answer>,
  token: string,
  itemsOf: (first: Answer) => string | undefined,
): Promise<void> {
  if (ctx.out.format === 'json') {
    const all: Answer[] = [];
    for await (const page of pages) all.push(page);
    ctx.out.record(mergePages(all, token));
    return;
  }
  let key: string | undefined | null = null;
  async function* items() {
    for await (const page of pages) {
      if (key === null) key = itemsOf(page);
      if (key === undefined) {
        const { [token]: _, ...rest } = page;
        yield rest as unknown;
      } else {
        yield* ((page[key] as unknown[] | undefined) ?? []);
      }
    }
  }
  if (ctx.out.format === 'ndjson') {
    await ctx.out.list(items(), []);
    return;
  }
  const all: unknown[] = [];
  for await (const item of items()) all.push(item);
  const first = all.find((i) => i && typeof i === 'object') as Answer | undefined;
  const columns = Object.keys(first ?? { value: 0 }).map((header) => ({
    header,
    get: (item: unknown) => (item && typeof item === 'object' ? (item as Answer)[header] : item),
  }));
  await ctx.out.list(all, columns);
}

/** `--input @file`, `--input -` (stdin) or the JSON text itself. */
async function readInput(ctx: Context, spec: string): Promise<string> {
  if (spec === '-') {
    const lines: string[] = [];
    for (let line = await ctx.stdin.next(); line !== undefined; line = await ctx.stdin.next()) lines.push(line);
    return lines.join('\n');
  }
  if (spec.startsWith('@')) {
    try {
      return readFileSync(spec.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --input ${spec}: ${(err as Error).message}`);
    }
  }
  return spec;
}

/** The pool or identity pool of the profile/flags fills the operation's id member when not given. */
function fillFromSettings(ctx: Context, input: Answer, members: Map<string, unknown>): void {
  const fill = (member: string, setting: { value: string } | undefined) => {
    if (members.has(member) && input[member] === undefined && setting) {
      input[member] = setting.value;
      ctx.out.note(`using ${member} ${setting.value}`);
    }
  };
  fill('UserPoolId', ctx.settings.poolId);
  fill('IdentityPoolId', ctx.settings.identityPoolId);
  if (typeof input.UserPoolId === 'string') ctx.usePoolIfUnset(input.UserPoolId);
}
