/**
 * Static reference content of the demo: the invented city of Jiangzhou (江州市),
 * its counties and districts, the bureau's staff, the reference lists and the
 * promotion conferences. Companies live in demo-companies.ts, the big stories
 * (the battery anchor, the machinery base, the coal-chemicals chain, the
 * conference leads) in demo-stories.ts.
 */
import type { ReferenceKind, Role, UnitKind } from "@/lib/generated/prisma/client";

export type UnitSeed = {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  /** A place in the unit where investors are received. */
  park: string;
  /** The local leader who joins important rounds. */
  leader: string;
};

/** The city first: it is every other unit's parent. */
export const UNITS: readonly UnitSeed[] = [
  { code: "city", nameZh: "江州市", nameEn: "Jiangzhou City", kind: "CITY", park: "江州临港产业园", leader: "王海燕（市投资促进局局长）" },
  { code: "jiangbei", nameZh: "江北区", nameEn: "Jiangbei District", kind: "DISTRICT", park: "江北现代服务业集聚区", leader: "江北区分管副区长" },
  { code: "linjiang", nameZh: "临江区", nameEn: "Linjiang District", kind: "DISTRICT", park: "临江新能源汽车产业园", leader: "临江区分管副区长" },
  { code: "gaoxin", nameZh: "江州高新区", nameEn: "Jiangzhou High-tech Zone", kind: "DISTRICT", park: "高新区电子信息产业园", leader: "马骏（高新区管委会主任）" },
  { code: "qingshan", nameZh: "青山县", nameEn: "Qingshan County", kind: "COUNTY", park: "青山装备制造产业园", leader: "刘丽华（青山县投资促进局局长）" },
  { code: "yunxi", nameZh: "云溪县", nameEn: "Yunxi County", kind: "COUNTY", park: "云溪绿色食品产业园", leader: "云溪县分管副县长" },
  { code: "baishi", nameZh: "白石县", nameEn: "Baishi County", kind: "COUNTY", park: "白石煤化工园区", leader: "白石县分管副县长" },
  { code: "tonghu", nameZh: "桐湖县", nameEn: "Tonghu County", kind: "COUNTY", park: "桐湖新材料产业园", leader: "桐湖县分管副县长" },
];

export type UserSeed = { email: string; name: string; role: Role; unit: string };

/** Every demo user signs in with this password. */
export const DEMO_PASSWORD = "demo-password";

/**
 * The first five are the accounts the demo script names; the other officers
 * make sure every county has someone who owns its projects.
 */
export const USERS: readonly UserSeed[] = [
  { email: "admin@demo.local", name: "周建国", role: "ADMIN", unit: "city" },
  { email: "manager@demo.local", name: "王海燕", role: "MANAGER", unit: "city" },
  { email: "officer@demo.local", name: "李明", role: "OFFICER", unit: "city" },
  { email: "officer2@demo.local", name: "张伟", role: "OFFICER", unit: "qingshan" },
  { email: "manager2@demo.local", name: "刘丽华", role: "MANAGER", unit: "qingshan" },
  { email: "officer.city2@demo.local", name: "郑雪", role: "OFFICER", unit: "city" },
  { email: "officer.jiangbei@demo.local", name: "陈志强", role: "OFFICER", unit: "jiangbei" },
  { email: "officer.linjiang@demo.local", name: "杨帆", role: "OFFICER", unit: "linjiang" },
  { email: "officer.gaoxin@demo.local", name: "赵磊", role: "OFFICER", unit: "gaoxin" },
  { email: "officer.gaoxin2@demo.local", name: "何静怡", role: "OFFICER", unit: "gaoxin" },
  { email: "officer.yunxi@demo.local", name: "黄晓东", role: "OFFICER", unit: "yunxi" },
  { email: "officer.baishi@demo.local", name: "吴秀兰", role: "OFFICER", unit: "baishi" },
  { email: "officer.tonghu@demo.local", name: "孙浩", role: "OFFICER", unit: "tonghu" },
];

export type ReferenceSeed = { kind: ReferenceKind; code: string; nameZh: string; nameEn: string };

const sectors: [string, string, string][] = [
  ["new_energy", "新能源", "New energy"],
  ["new_materials", "新材料", "New materials"],
  ["advanced_equipment", "高端装备制造", "Advanced equipment"],
  ["electronic_information", "电子信息", "Electronic information"],
  ["biomedicine", "生物医药", "Biomedicine"],
  ["modern_chemicals", "现代化工", "Modern chemicals"],
  ["food_processing", "食品加工", "Food processing"],
  ["modern_services", "现代服务业", "Modern services"],
  ["cultural_tourism", "文化旅游", "Culture and tourism"],
];

const chains: [string, string, string][] = [
  ["lithium_battery", "锂电池", "Lithium battery"],
  ["new_energy_vehicles", "新能源汽车", "New energy vehicles"],
  ["construction_machinery", "工程机械", "Construction machinery"],
  ["coal_to_chemicals", "煤化工", "Coal-to-chemicals"],
  ["semiconductors", "半导体", "Semiconductors"],
  ["photovoltaics", "光伏", "Photovoltaics"],
  ["medical_devices", "医疗器械", "Medical devices"],
  ["green_food", "绿色食品", "Green food"],
  ["advanced_polymers", "高分子材料", "Advanced polymers"],
];

const sources: [string, string, string][] = [
  ["conference", "招商推介会", "Promotion conference"],
  ["referral", "以商招商/中介推荐", "Referral"],
  ["supply_chain", "产业链招商（链主项目带动）", "Supply chain (anchor project)"],
  ["own_outreach", "主动对接", "Own outreach"],
  ["online", "网上招商", "Online"],
];

const agreementKinds: [string, string, string][] = [
  ["framework", "框架协议", "Framework agreement"],
  ["formal", "正式投资合同", "Formal investment contract"],
];

/** Why a project is not recognised (不予认定; the migration 20261201095800_not_recognised_reasons gives existing databases the same list). */
const notRecognisedReasons: [string, string, string][] = [
  ["real_estate", "房地产项目", "Real estate"],
  ["local_or_fiscal_funds", "纯本地或财政资金", "Purely local or fiscal funds"],
  ["phase_in_earlier_contract", "已含于此前合同的分期", "A phase already inside an earlier contract"],
  ["below_threshold", "低于认定标准", "Below the threshold"],
];

/** The leaders who attend rounds (the migration 20261201070000_round_leaders gives existing databases the same list). */
const leaders: [string, string, string][] = [
  ["party_secretary", "市委书记", "Party Secretary (city)"],
  ["mayor", "市长", "Mayor"],
  ["executive_vice_mayor", "常务副市长", "Executive Vice Mayor"],
  ["vice_mayor", "副市长", "Vice Mayor"],
  ["county_secretary", "区县委书记", "Party Secretary (district/county)"],
  ["county_head", "区县长", "District/County Head"],
  ["deputy_county_head", "副区县长", "Deputy District/County Head"],
  ["zone_director", "管委会主任", "Development Zone Director"],
  ["bureau_director", "局长", "Bureau Director"],
  ["deputy_bureau_director", "副局长", "Deputy Bureau Director"],
];

function items(kind: ReferenceKind, rows: [string, string, string][]): ReferenceSeed[] {
  return rows.map(([code, nameZh, nameEn]) => ({ kind, code, nameZh, nameEn }));
}

/** In list order; sortOrder is the position within its kind. */
export const REFERENCE_ITEMS: readonly ReferenceSeed[] = [
  ...items("SECTOR", sectors),
  ...items("INDUSTRY_CHAIN", chains),
  ...items("SOURCE", sources),
  ...items("AGREEMENT_KIND", agreementKinds),
  ...items("LEADER", leaders),
  ...items("NOT_RECOGNISED_REASON", notRecognisedReasons),
];

export type EventSeed = {
  code: string;
  nameZh: string;
  nameEn: string;
  cityZh: string;
  cityEn: string;
  startsOn: string;
  endsOn: string;
};

/** The conferences the city bureau ran in other cities; their leads are in demo-stories.ts. */
export const EVENTS: readonly EventSeed[] = [
  {
    code: "beijing2023",
    nameZh: "2023江州市（北京）投资环境推介会",
    nameEn: "2023 Jiangzhou Investment Promotion Conference (Beijing)",
    cityZh: "北京",
    cityEn: "Beijing",
    startsOn: "2023-04-18",
    endsOn: "2023-04-19",
  },
  {
    code: "hangzhou2023",
    nameZh: "2023江州市（杭州）数字经济专题招商会",
    nameEn: "2023 Jiangzhou Digital Economy Investment Conference (Hangzhou)",
    cityZh: "杭州",
    cityEn: "Hangzhou",
    startsOn: "2023-09-14",
    endsOn: "2023-09-14",
  },
  {
    code: "shenzhen2024",
    nameZh: "2024江州市（深圳）电子信息产业招商推介会",
    nameEn: "2024 Jiangzhou Electronic Information Industry Promotion Conference (Shenzhen)",
    cityZh: "深圳",
    cityEn: "Shenzhen",
    startsOn: "2024-05-23",
    endsOn: "2024-05-24",
  },
  {
    code: "shanghai2025",
    nameZh: "2025江州市（上海）新材料与生物医药招商推介会",
    nameEn: "2025 Jiangzhou New Materials and Biomedicine Promotion Conference (Shanghai)",
    cityZh: "上海",
    cityEn: "Shanghai",
    startsOn: "2025-06-19",
    endsOn: "2025-06-20",
  },
];
