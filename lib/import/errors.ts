/**
 * Import errors as message keys (under `import.errors` in messages/) with
 * parameters, translated at the edge (route, CLI): the core stays free of
 * next-intl so the command line can run it.
 */
export type ImportIssue = {
  /** 1-based row as a spreadsheet shows it (the header is row 1); null for the file as a whole. */
  row: number | null;
  /** The column as the file names it; null when the issue is not about one column. */
  column: string | null;
  /** Key under `import.errors`. */
  key: string;
  params?: Record<string, string | number>;
};

/**
 * An investor of the file whose rows use a company under another name: an existing company with the same credit code
 * (`code`), or the same name once normalised (a likely duplicate, used and listed for the official to check).
 */
export type MatchedCompany = { name: string; companyId: number; company: string; reason: "creditCode" | "name"; code?: string };
export type ImportOutcome = { ok: true; created: number; updated: number; matched: MatchedCompany[]; rows: number; ms: number } | { ok: false; errors: ImportIssue[] };

/** Thrown inside the import transaction to roll it back with the issues found. */
export class ImportRejected extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(`import rejected: ${issues.length} issue(s)`);
  }
}

/**
 * An import stopped by an unexpected error (a bug, the database gone): everything rolled back, its starter told
 * "failed" with `reference`, the id the server's log gives the error under. The caller answers with the reference,
 * never the error's text.
 */
export class ImportCrashed extends Error {
  constructor(readonly reference: string, cause: unknown) {
    super(`import crashed (reference ${reference})`, { cause });
  }
}
