/** "2023年" / "2023年第四季度"; "2023" / "Q4 2023". */
export function periodName(label: string, locale: "zh-CN" | "en"): string {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(label);
  if (!m) return label;
  const q = m[2] ? Number(m[2]) : null;
  if (locale === "zh-CN") return q ? `${m[1]}年第${"一二三四"[q - 1]}季度` : `${m[1]}年`;
  return q ? `Q${q} ${m[1]}` : m[1];
}

