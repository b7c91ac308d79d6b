/** The id a groups.create carries, with what it was made for. */
export interface CreateRequest {
  key: string;
  id: string;
}

/**
 * The request to send for a group named `name` with `memberIds`: the previous one again while they
 * are the same (a retry after a lost answer must find the group the first try made), a new id once
 * the user changed either (that is another group).
 */
export function createRequestFor(
  previous: CreateRequest | null,
  name: string,
  memberIds: readonly string[],
  newId: () => string = () => crypto.randomUUID(),
): CreateRequest {
  const key = JSON.stringify([name, [...memberIds].sort()]);
  return previous?.key === key ? previous : { key, id: newId() };
}
