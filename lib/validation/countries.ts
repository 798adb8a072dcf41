/**
 * Countries and regions investors come from (ISO 3166-1 alpha-2), with the
 * names officials use. Hong Kong, Macao and Taiwan are regions, listed with
 * the mainland first as statistics do. The offshore jurisdictions (BVI,
 * Cayman, Bermuda) are where much foreign investment is registered.
 */
export type Country = { code: string; zh: string; en: string };

export const COUNTRIES = [
  { code: "CN", zh: "中国（内地）", en: "China (mainland)" },
  { code: "HK", zh: "中国香港", en: "Hong Kong, China" },
  { code: "MO", zh: "中国澳门", en: "Macao, China" },
  { code: "TW", zh: "中国台湾", en: "Taiwan, China" },
  { code: "SG", zh: "新加坡", en: "Singapore" },
  { code: "JP", zh: "日本", en: "Japan" },
  { code: "KR", zh: "韩国", en: "South Korea" },
  { code: "US", zh: "美国", en: "United States" },
  { code: "CA", zh: "加拿大", en: "Canada" },
  { code: "MX", zh: "墨西哥", en: "Mexico" },
  { code: "BR", zh: "巴西", en: "Brazil" },
  { code: "DE", zh: "德国", en: "Germany" },
  { code: "FR", zh: "法国", en: "France" },
  { code: "GB", zh: "英国", en: "United Kingdom" },
  { code: "IT", zh: "意大利", en: "Italy" },
  { code: "ES", zh: "西班牙", en: "Spain" },
  { code: "NL", zh: "荷兰", en: "Netherlands" },
  { code: "BE", zh: "比利时", en: "Belgium" },
  { code: "LU", zh: "卢森堡", en: "Luxembourg" },
  { code: "CH", zh: "瑞士", en: "Switzerland" },
  { code: "AT", zh: "奥地利", en: "Austria" },
  { code: "SE", zh: "瑞典", en: "Sweden" },
  { code: "DK", zh: "丹麦", en: "Denmark" },
  { code: "FI", zh: "芬兰", en: "Finland" },
  { code: "NO", zh: "挪威", en: "Norway" },
  { code: "IE", zh: "爱尔兰", en: "Ireland" },
  { code: "RU", zh: "俄罗斯", en: "Russia" },
  { code: "IL", zh: "以色列", en: "Israel" },
  { code: "AE", zh: "阿联酋", en: "United Arab Emirates" },
  { code: "SA", zh: "沙特阿拉伯", en: "Saudi Arabia" },
  { code: "IN", zh: "印度", en: "India" },
  { code: "TH", zh: "泰国", en: "Thailand" },
  { code: "MY", zh: "马来西亚", en: "Malaysia" },
  { code: "ID", zh: "印度尼西亚", en: "Indonesia" },
  { code: "VN", zh: "越南", en: "Vietnam" },
  { code: "PH", zh: "菲律宾", en: "Philippines" },
  { code: "AU", zh: "澳大利亚", en: "Australia" },
  { code: "NZ", zh: "新西兰", en: "New Zealand" },
  { code: "VG", zh: "英属维尔京群岛", en: "British Virgin Islands" },
  { code: "KY", zh: "开曼群岛", en: "Cayman Islands" },
  { code: "BM", zh: "百慕大", en: "Bermuda" },
  { code: "SC", zh: "塞舌尔", en: "Seychelles" },
  { code: "MU", zh: "毛里求斯", en: "Mauritius" },
] as const satisfies readonly Country[];

export type CountryCode = (typeof COUNTRIES)[number]["code"];

export const COUNTRY_CODES = COUNTRIES.map((c) => c.code) as [CountryCode, ...CountryCode[]];

const BY_CODE = new Map<string, Country>(COUNTRIES.map((c) => [c.code, c]));

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * The country's name in the locale, as officials write it for the listed
 * ones; any other ISO code (e.g. from an old import) by the runtime's own
 * name for it, and a code it does not know as itself.
 */
export function countryName(code: string | null | undefined, locale: string): string {
  if (!code) return "—";
  const upper = code.trim().toUpperCase();
  const country = BY_CODE.get(upper);
  if (country) return locale === "en" ? country.en : country.zh;
  try {
    let names = displayNames.get(locale);
    if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" })));
    return names.of(upper) ?? code;
  } catch {
    return code;
  }
}

/** Countries in the order a select shows them: the list order (mainland and regions first). */
export function countryOptions(locale: string): { value: string; label: string }[] {
  return COUNTRIES.map((c) => ({ value: c.code, label: locale === "en" ? c.en : c.zh }));
}
