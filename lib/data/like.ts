/** LIKE patterns from what people type: `%` and `_` are searched for, not wildcards. */

/** The text with LIKE's wildcards (% _) and its escape (\\) taken literally, for SQL and for Prisma's `contains`. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An ILIKE/LIKE pattern for "contains the text". */
export const containsPattern = (s: string) => `%${likeLiteral(s)}%`;
