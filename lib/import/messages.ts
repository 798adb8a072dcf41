/**
 * Import issues in the reader's language, from the same messages/ files the
 * app uses (import.errors.*). A plain `{param}` substitution: the route and
 * the CLI translate without next-intl (the messages use no ICU plurals).
 */
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import type { ImportIssue } from "@/lib/import/errors";

export type ImportLocale = "zh-CN" | "en";
export type TranslatedIssue = { row: number | null; column: string | null; message: string };

const ERRORS: Record<ImportLocale, Record<string, string>> = { en: en.import.errors, "zh-CN": zh.import.errors };

export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function importErrorMessage(key: string, params: Record<string, string | number> | undefined, locale: ImportLocale): string {
  const template = ERRORS[locale][key] ?? ERRORS[locale].invalid;
  return formatMessage(template, params);
}

export function translateIssues(issues: ImportIssue[], locale: ImportLocale): TranslatedIssue[] {
  return issues.map((i) => ({ row: i.row, column: i.column, message: importErrorMessage(i.key, i.params, locale) }));
}
