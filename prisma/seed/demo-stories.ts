/**
 * The projects the product's story is about, each placed by hand: the battery
 * anchor and the 20 supply-chain projects it drew, the construction-machinery
 * base and its eight suppliers, the chemical group's five projects along one
 * coal-to-chemicals chain, and the leads of the four promotion conferences.
 * Dates between first contact and today's stage are filled in by demo-plan.ts.
 */
import type { Stage } from "@/lib/generated/prisma/client";

export type ProjectSpec = {
  /** Handle for anchorProjectId references. */
  key?: string;
  company: string;
  title: string;
  unit: string;
  /** Where the project is today. */
  stage: Stage;
  /** For ON_HOLD and LOST: the stage the project had reached before. */
  via?: Stage;
  /** Fixed first contact (story projects); generic projects get one from their recency. */
  firstContactOn?: string;
  /** Planned investment in 亿元 (100 million yuan), the unit officials count in. */
  yi: number;
  source: string;
  anchor?: string;
  event?: string;
  /** Owner's email; otherwise an officer of the unit. */
  owner?: string;
  rounds?: number;
  reason?: string;
  sector?: string;
  agreement?: "framework" | "formal";
};

/** A group of specs sharing some fields (source, anchor, unit …), written once. */
function group<D extends Partial<ProjectSpec>>(defaults: D, specs: (Omit<ProjectSpec, keyof D> & Partial<ProjectSpec>)[]): ProjectSpec[] {
  return specs.map((spec) => ({ ...defaults, ...spec }) as ProjectSpec);
}

export const BATTERY_ANCHOR: ProjectSpec = {
  key: "battery",
  company: "hengning",
  title: "恒宁时代江州动力电池生产基地项目",
  unit: "city",
  stage: "CONSTRUCTION",
  yi: 210,
  source: "own_outreach",
  owner: "officer@demo.local",
  agreement: "formal",
};

/** Suppliers that followed the anchor: 17 signed or further, one lost, one on hold, one still talking. */
export const BATTERY_CHAIN = group({ source: "supply_chain", anchor: "battery" }, [
  { company: "tianhua", title: "天华锂电年产20万吨电解液项目", unit: "gaoxin", stage: "OPERATING", firstContactOn: "2023-05-16", yi: 15 },
  { company: "rongchuan", title: "容川新材年产10万吨高镍正极材料项目", unit: "gaoxin", stage: "OPERATING", firstContactOn: "2023-06-12", yi: 45, rounds: 9 },
  { company: "kerun", title: "科润精密动力电池结构件项目", unit: "gaoxin", stage: "OPERATING", firstContactOn: "2023-06-28", yi: 12 },
  { company: "shanke", title: "杉科新材年产8万吨负极材料一体化项目", unit: "tonghu", stage: "OPERATING", firstContactOn: "2023-07-20", yi: 28 },
  { company: "geyuan", title: "格元环保三元前驱体项目", unit: "tonghu", stage: "CONSTRUCTION", firstContactOn: "2023-08-03", yi: 32 },
  { company: "duoyuan", title: "多元氟材六氟磷酸锂项目", unit: "baishi", stage: "LOST", via: "NEGOTIATION", firstContactOn: "2023-09-05", yi: 9, reason: "六氟磷酸锂价格大幅下跌，企业董事会决定暂停新增产能，项目取消。" },
  { company: "dingli", title: "鼎立铝箔电池铝箔项目", unit: "linjiang", stage: "OPERATING", firstContactOn: "2023-09-25", yi: 8 },
  { company: "xingchen", title: "星辰隔膜锂电池湿法隔膜项目", unit: "gaoxin", stage: "CONSTRUCTION", firstContactOn: "2023-10-11", yi: 25 },
  { company: "daesung", title: "大成铜箔高端锂电铜箔项目", unit: "linjiang", stage: "CONSTRUCTION", firstContactOn: "2023-11-20", yi: 38, rounds: 10 },
  { company: "zhongheng", title: "中衡检测新能源电池检测中心项目", unit: "gaoxin", stage: "OPERATING", firstContactOn: "2023-12-05", yi: 1.8 },
  { company: "liantong", title: "链通供应链锂电物流仓储中心项目", unit: "jiangbei", stage: "CONSTRUCTION", firstContactOn: "2024-01-16", yi: 3.2 },
  { company: "xianfeng", title: "先锋智能锂电装备制造及服务中心项目", unit: "gaoxin", stage: "CONSTRUCTION", firstContactOn: "2024-02-26", yi: 6 },
  { company: "hongli", title: "鸿立电子电池管理系统模组项目", unit: "gaoxin", stage: "CONSTRUCTION", firstContactOn: "2024-03-19", yi: 7.5 },
  { company: "towa", title: "东和化成隔膜涂覆材料项目", unit: "gaoxin", stage: "SIGNED", firstContactOn: "2024-04-15", yi: 6.5, agreement: "formal" },
  { company: "harbour", title: "港湾储能储能系统集成项目", unit: "city", stage: "CONSTRUCTION", firstContactOn: "2024-05-08", yi: 18, owner: "officer@demo.local" },
  { company: "lumen", title: "流明材料PVDF粘结剂项目", unit: "tonghu", stage: "ON_HOLD", via: "NEGOTIATION", firstContactOn: "2024-06-18", yi: 4.2, reason: "外方总部调整亚太投资计划，项目暂缓，待2027年预算确定后再议。" },
  { company: "tianheng", title: "天衡纳米碳纳米管导电浆料项目", unit: "tonghu", stage: "SIGNED", firstContactOn: "2024-08-07", yi: 5 },
  { company: "tuoleng", title: "拓冷热管理电池液冷板项目", unit: "linjiang", stage: "SIGNED", firstContactOn: "2024-09-10", yi: 3.6 },
  { company: "geyuan", title: "格元环保动力电池回收利用项目", unit: "tonghu", stage: "SIGNED", firstContactOn: "2025-03-10", yi: 12, agreement: "framework" },
  { company: "hartmann", title: "哈特曼涂布设备亚太服务中心项目", unit: "gaoxin", stage: "NEGOTIATION", firstContactOn: "2025-05-14", yi: 2.8 },
]);

export const MACHINERY_ANCHOR: ProjectSpec = {
  key: "machinery",
  company: "huayue",
  title: "华岳重工江州工程机械产业基地项目",
  unit: "qingshan",
  stage: "OPERATING",
  firstContactOn: "2022-04-20",
  yi: 106,
  source: "referral",
  owner: "officer2@demo.local",
  rounds: 16,
  agreement: "formal",
};

export const MACHINERY_CHAIN = group({ unit: "qingshan", source: "supply_chain", anchor: "machinery" }, [
  { company: "hengchuan", title: "恒川液压工程机械液压油缸项目", stage: "OPERATING", firstContactOn: "2023-03-08", yi: 12 },
  { company: "jiaan", title: "驾安工程机械驾驶室项目", stage: "OPERATING", firstContactOn: "2023-04-11", yi: 4 },
  { company: "zhongyuan", title: "中原铸造工程机械精密铸件项目", stage: "CONSTRUCTION", firstContactOn: "2023-05-22", yi: 8.5 },
  { company: "hongjian", title: "宏建钢构臂架及结构件项目", stage: "CONSTRUCTION", firstContactOn: "2023-08-15", yi: 6 },
  { company: "zhikong", title: "智控电气工程机械电控系统项目", stage: "CONSTRUCTION", firstContactOn: "2024-01-23", yi: 2.5 },
  { company: "gulian", title: "固联紧固件高强度螺栓项目", stage: "SIGNED", firstContactOn: "2024-06-12", yi: 0.8 },
  { company: "koehler", title: "克勒传动工程机械变速箱项目", stage: "SIGNED", firstContactOn: "2024-10-09", yi: 9 },
  { company: "tantu", title: "坦途履带底盘项目", stage: "SIGNED", firstContactOn: "2025-04-02", yi: 5 },
]);

/** One chemical group, five projects down one chain: methanol, olefins, polyolefins, glycol, PBAT. */
export const COAL_CHAIN = group({ unit: "baishi", source: "supply_chain" }, [
  { key: "coal", company: "beichen_coalchem", title: "北辰煤化工年产180万吨煤制甲醇项目", stage: "OPERATING", firstContactOn: "2022-02-15", yi: 120, source: "own_outreach", rounds: 14 },
  { company: "beichen_coalchem", title: "北辰煤化工60万吨甲醇制烯烃项目", stage: "CONSTRUCTION", firstContactOn: "2022-09-06", yi: 95, rounds: 11, anchor: "coal" },
  { company: "beichen_materials", title: "北辰新材40万吨聚烯烃新材料项目", stage: "CONSTRUCTION", firstContactOn: "2023-03-14", yi: 45, sector: "new_materials", anchor: "coal" },
  { company: "beichen_coalchem", title: "北辰煤化工30万吨煤制乙二醇项目", stage: "SIGNED", firstContactOn: "2024-02-20", yi: 38, anchor: "coal" },
  { company: "beichen_materials", title: "北辰新材12万吨PBAT可降解材料项目", stage: "NEGOTIATION", firstContactOn: "2025-01-08", yi: 22, sector: "new_materials", anchor: "coal" },
]);

/** Leads of each conference; first contact is the conference itself. */
export const EVENT_LEADS = group({ source: "conference" }, [
  { event: "beijing2023", company: "zhongneng", title: "中能建投云溪风光储一体化项目", unit: "yunxi", stage: "CONSTRUCTION", yi: 35 },
  { event: "beijing2023", company: "liangfeng", title: "粮丰农业30万吨粮油精深加工项目", unit: "yunxi", stage: "OPERATING", yi: 6 },
  { event: "beijing2023", company: "huajing", title: "华景文旅青山湖生态文旅度假区项目", unit: "qingshan", stage: "ON_HOLD", via: "SIGNED", yi: 25, agreement: "framework", reason: "文旅市场恢复不及预期，企业调整投资节奏，项目暂缓实施。" },
  { event: "beijing2023", company: "yuanchi", title: "远驰汽车新能源汽车电驱系统项目", unit: "linjiang", stage: "LOST", via: "NEGOTIATION", yi: 18, reason: "企业最终落户省外某市，对方给出的厂房代建及产业基金支持更优。" },
  { event: "beijing2023", company: "kangrun", title: "康润生物体外诊断试剂项目", unit: "gaoxin", stage: "SIGNED", yi: 3.5 },
  { event: "hangzhou2023", company: "shuzhi", title: "数智云江州大数据中心项目", unit: "gaoxin", stage: "CONSTRUCTION", yi: 30 },
  { event: "hangzhou2023", company: "haitun", title: "海豚电商直播电商产业园项目", unit: "jiangbei", stage: "OPERATING", yi: 1.2 },
  { event: "hangzhou2023", company: "kuailian", title: "快链物流江北智慧物流园项目", unit: "jiangbei", stage: "NEGOTIATION", yi: 8 },
  { event: "hangzhou2023", company: "zhibi", title: "智臂机器人工业机器人生产基地项目", unit: "gaoxin", stage: "INTENT", yi: 10 },
  { event: "hangzhou2023", company: "shuzhi", title: "数智云城市大脑运营中心项目", unit: "city", stage: "LOST", via: "INTENT", yi: 0.8, reason: "市级城市大脑改由国有平台公司建设运营，项目不再引进。" },
  { event: "shenzhen2024", company: "jingxun", title: "精讯电子智能终端制造基地项目", unit: "gaoxin", stage: "CONSTRUCTION", yi: 22 },
  { event: "shenzhen2024", company: "xinyuan", title: "芯源半导体车规级功率模块项目", unit: "gaoxin", stage: "SIGNED", yi: 60, rounds: 12, agreement: "formal" },
  { event: "shenzhen2024", company: "xuguang", title: "旭光电子车用被动元件项目", unit: "linjiang", stage: "NEGOTIATION", yi: 9 },
  { event: "shenzhen2024", company: "huaxin_sg", title: "华新微电子先进封装测试项目", unit: "gaoxin", stage: "NEGOTIATION", yi: 26 },
  { event: "shenzhen2024", company: "kuailian", title: "快链物流跨境电商分拨中心项目", unit: "jiangbei", stage: "INTENT", yi: 2.5 },
  { event: "shanghai2025", company: "ruifeng", title: "瑞丰碳纤维高性能碳纤维项目", unit: "tonghu", stage: "NEGOTIATION", yi: 40 },
  { event: "shanghai2025", company: "lindner", title: "林德纳化学特种助剂项目", unit: "baishi", stage: "INTENT", yi: 7 },
  { event: "shanghai2025", company: "cascade", title: "卡斯卡德工程塑料改性项目", unit: "tonghu", stage: "FIRST_CONTACT", yi: 5.5 },
  { event: "shanghai2025", company: "apex", title: "艾派克斯微创医疗器械生产基地项目", unit: "gaoxin", stage: "SIGNED", yi: 12, agreement: "framework" },
  { event: "shanghai2025", company: "seorin", title: "瑞林制药原料药项目", unit: "tonghu", stage: "LOST", via: "INTENT", yi: 4.8, reason: "对方环保要求与园区规划不符，企业另行选址。" },
]);
