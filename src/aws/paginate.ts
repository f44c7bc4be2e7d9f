// Follows page tokens to the end (or to a limit) so that no command handles them itself.
// Items are yielded as each page arrives, which lets `-o ndjson` stream.

export interface Page<T> {
  items: T[] | undefined;
  next: string | undefined;
}

export async function* paginate<T>(
  fetchPage: (token: string | undefined, pageSize: number) => Promise<Page<T>>,
  options: { limit?: number; pageSize: number },
): AsyncGenerator<T> {
  let remaining = options.limit ?? Infinity;
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(token, Math.min(options.pageSize, remaining));
    for (const item of page.items ?? []) {
      if (remaining <= 0) return;
      remaining--;
      yield item;
    }
    token = page.next || undefined;
    // A server that hands back a token it already gave would loop forever.
    if (token !== undefined) {
      if (seen.has(token)) return;
      seen.add(token);
    }
  } while (token !== undefined && remaining > 0);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
