/** The one way a link carrying a query is built. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** `basePath` with `params` as its query, and no bare question mark when there is none. */
export function hrefTo(basePath: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}

/**
 * `basePath` with the page's query kept as it is (repeated parameters too,
 * empty ones dropped) except for `changes`: a string sets that parameter, undefined removes it.
 */
export function hrefWith(basePath: string, searchParams: SearchParamsRecord, changes: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (key in changes || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== "") search.append(key, v);
  }
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) search.set(key, value);
  return hrefTo(basePath, search);
}
