// Paging for operations `api` knows only by their schema: which member carries the page token,
// which member holds the items, and one merged document from all pages.
import type { Shape } from './schema.js';

// The names Cognito's two APIs use for the token, in requests and answers alike.
const TOKEN_MEMBERS = ['NextToken', 'PaginationToken'];

/** The page-token member an operation takes and returns, if it pages at all. */
export function pageTokenMember(input: Map<string, Shape>, output: Map<string, Shape>): string | undefined {
  return TOKEN_MEMBERS.find((t) => input.has(t) && output.has(t));
}

/**
 * The member holding the items: the output's one list member. Undefined when it has none or
 * several (then pages are emitted whole).
 */
export function itemsMember(output: Map<string, Shape>, firstPage: Record<string, unknown>): string | undefined {
  const lists = output.size
    ? [...output].filter(([, shape]) => shape.kind === 'list').map(([name]) => name)
    : Object.keys(firstPage).filter((k) => Array.isArray(firstPage[k]));
  return lists.length === 1 ? lists[0] : undefined;
}

/** All pages as one answer: list members concatenated, the rest from the first page, no token. */
export function mergePages(pages: Record<string, unknown>[], token: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const page of pages) {
    for (const [key, value] of Object.entries(page)) {
      if (key === token) continue;
      if (Array.isArray(value)) merged[key] = [...((merged[key] as unknown[] | undefined) ?? []), ...value];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}
