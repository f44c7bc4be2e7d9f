// `--debug`: every AWS request and response on stderr, secrets masked, with timing and request id.
import { redact, scrub } from './redact.js';

export type DebugWrite = (line: string) => void;

interface MiddlewareStack {
  add(middleware: any, options: { step: 'initialize'; name: string; priority: 'high' }): void;
}

export function attachDebugLog(client: { middlewareStack: MiddlewareStack }, service: string, write: DebugWrite): void {
  const middleware =
    (next: (args: { input: unknown }) => Promise<{ output: any }>, context: { commandName?: string }) =>
    async (args: { input: unknown }) => {
      const operation = `${service}.${(context.commandName ?? 'Command').replace(/Command$/, '')}`;
      const started = Date.now();
      write(`debug: → ${operation} ${scrub(JSON.stringify(redact(args.input)))}`);
      try {
        const result = await next(args);
        const { $metadata, ...output } = result.output ?? {};
        write(
          `debug: ← ${operation} ${Date.now() - started} ms requestId=${$metadata?.requestId ?? '-'} ` +
            scrub(JSON.stringify(redact(output))),
        );
        return result;
      } catch (err) {
        const e = err as { name?: string; message?: string; $metadata?: { requestId?: string } };
        write(
          `debug: ✗ ${operation} ${Date.now() - started} ms requestId=${e.$metadata?.requestId ?? '-'} ` +
            `${e.name ?? 'Error'}: ${scrub(String(e.message ?? ''))}`,
        );
        throw err;
      }
    };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'cognitoAdminDebugLog', priority: 'high' });
}
