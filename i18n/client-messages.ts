/**
 * The message namespaces client components read (`useTranslations` in
 * "use client" files). Only these travel to the browser with every page; the
 * rest (dashboard, reports, work, validation …) are read on the server alone
 * and would only add to each page's payload (the whole catalogue was a fifth
 * of a list page). client-messages.test.ts fails when a client component
 * reads a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "admin",
  "auth",
  "companies",
  "errors",
  "events",
  "import",
  "journey",
  "locale",
  "nav",
  "pipeline",
  "projects",
  "roles",
  "shell",
  "stages",
] as const;

export function pickClientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CLIENT_NAMESPACES.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}
