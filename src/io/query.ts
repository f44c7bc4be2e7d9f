// The global --query: a JMESPath expression applied to the JSON a command prints, as the AWS
// CLI's --query is. It is compiled before the command runs, so a bad expression is a usage error
// (exit 2) before anything was sent or changed. The library loads only when --query is given.
import { createRequire } from 'node:module';
import { UsageError } from '../errors.js';

type Jmespath = typeof import('@jmespath-community/jmespath');

export interface Query {
  readonly expression: string;
  /** The expression applied to JSON data (already plain: dates as strings). */
  apply(data: unknown): unknown;
}

export function compileQuery(expression: string): Query {
  const jmespath = createRequire(import.meta.url)('@jmespath-community/jmespath') as Jmespath;
  let node: ReturnType<Jmespath['compile']>;
  try {
    node = jmespath.compile(expression);
  } catch (err) {
    throw new UsageError(`invalid --query expression "${expression}": ${(err as Error).message}`, {
      hint: 'JMESPath, as in the AWS CLI: e.g. --query "[].id" or --query "attributes.email"',
    });
  }
  return {
    expression,
    apply(data) {
      try {
        return jmespath.TreeInterpreter.search(node, data as never);
      } catch (err) {
        throw new UsageError(`--query "${expression}" failed: ${(err as Error).message}`);
      }
    },
  };
}

/** `-o text` with --query: every scalar of the result on a line of its own (arrays flattened). */
export function queryTextLines(result: unknown): string[] {
  if (result === null || result === undefined) return [];
  if (Array.isArray(result)) return result.flatMap(queryTextLines);
  if (typeof result === 'object') return [JSON.stringify(result)];
  return [String(result)];
}
