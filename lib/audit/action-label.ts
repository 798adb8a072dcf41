/**
 * Audit action codes ("project.stage") as people read them: the label under
 * admin.auditActions (keys with "_" for ".", which next-intl reads as nesting),
 * or the code itself for one without a label (kept readable for old rows).
 * action-label.test.ts fails when code writes an action that has no label.
 */
type Translator = { (key: string): string; has(key: string): boolean };

export const auditActionKey = (code: string) => code.replaceAll(".", "_");

export function auditActionLabel(t: Translator, code: string): string {
  const key = auditActionKey(code);
  return t.has(key) ? t(key) : code;
}
