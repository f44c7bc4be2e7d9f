// What an endpoint answers for an operation it does not implement: cognito-local's "Unsupported",
// an UnknownOperation, or (moto) an HTML error page the SDK cannot parse as JSON. Real Cognito
// implements every operation the SDK has, so this only ever means an emulator's gap: not worth a
// retry, and worth saying plainly instead of "Unexpected token '<'".
export function isUnimplementedOperation(err: unknown): boolean {
  const e = err as { name?: string; message?: string; $response?: { statusCode?: number }; $metadata?: { httpStatusCode?: number } };
  if (/^(Unknown|Unsupported|NotImplemented|InvalidAction)/.test(e?.name ?? '')) return true;
  if (/unsupported|not (yet )?implemented|unknown operation/i.test(e?.message ?? '')) return true;
  const status = e?.$response?.statusCode ?? e?.$metadata?.httpStatusCode;
  return e?.name === 'SyntaxError' && status !== undefined && status >= 400;
}

/** The operation a failed request was for (tagged by every client built in clients.ts), if known. */
export function operationOf(err: unknown): string | undefined {
  return (err as { $operation?: string } | undefined)?.$operation;
}

/** Tags an error with the operation it answers, so that an emulator's gap can be named. */
export function tagOperation(err: unknown, operation: string): unknown {
  if (err && typeof err === 'object' && !('$operation' in err)) {
    Object.defineProperty(err, '$operation', { value: operation, enumerable: false });
  }
  return err;
}

interface MiddlewareStack {
  add(middleware: any, options: { step: 'initialize'; name: string; priority: 'high' }): void;
}

/** Every error a client's command throws carries the operation's name (`$operation`). */
export function attachOperationTag(client: { middlewareStack: MiddlewareStack }): void {
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown) => {
      try {
        return await next(args);
      } catch (err) {
        throw tagOperation(err, (context.commandName ?? 'Command').replace(/Command$/, ''));
      }
    };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'cognitoAdminOperationTag', priority: 'high' });
}
