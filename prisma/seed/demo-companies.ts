/**
 * The demo's investor companies (all invented) and a few of their contacts.
 * `key` is the seed's own handle for cross-references; `short` is the name
 * officers write in project titles; `sector`/`chain` are the defaults for the
 * company's projects; `hq` is where officers go when they visit the investor.
 */
import type { OwnershipType } from "@/lib/generated/prisma/client";

export type CompanySeed = {
  key: string;
  nameZh: string;
  nameEn: string;
  short: string;
  country: string;
  ownership: OwnershipType;
  industry: string;
  sector: string;
  chain?: string;
  hq: string;
  group?: string;
  parent?: string;
};

type Row = Omit<CompanySeed, "sector" | "chain">;

/** Companies that share a sector and chain, written as one block. */
function block(sector: string, chain: string | undefined, rows: Row[]): CompanySeed[] {
  return rows.map((row) => ({ ...row, sector, chain }));
}

export const COMPANIES: readonly CompanySeed[] = [
  // The anchor of the battery story and the suppliers its project drew to the city.
  ...block("new_energy", "lithium_battery", [
    { key: "hengning", nameZh: "恒宁时代新能源科技股份有限公司", nameEn: "Hengning Era New Energy Technology Co., Ltd.", short: "恒宁时代", country: "CN", ownership: "PRIVATE", industry: "动力及储能电池", hq: "福建福州", group: "恒宁时代集团" },
    { key: "geyuan", nameZh: "格元环保科技股份有限公司", nameEn: "Geyuan Environmental Technology Co., Ltd.", short: "格元环保", country: "CN", ownership: "PRIVATE", industry: "三元前驱体及电池回收", hq: "广东深圳" },
    { key: "tuoleng", nameZh: "拓冷热管理系统有限公司", nameEn: "Tuoleng Thermal Management Systems Co., Ltd.", short: "拓冷热管理", country: "CN", ownership: "PRIVATE", industry: "电池热管理系统", hq: "浙江台州" },
    { key: "harbour", nameZh: "港湾储能（香港）有限公司", nameEn: "Harbour Energy Storage (HK) Limited", short: "港湾储能", country: "HK", ownership: "HMT", industry: "储能系统集成", hq: "香港", group: "港湾能源集团" },
  ]),
  ...block("new_materials", "lithium_battery", [
    { key: "rongchuan", nameZh: "容川新材料股份有限公司", nameEn: "Rongchuan New Materials Co., Ltd.", short: "容川新材", country: "CN", ownership: "PRIVATE", industry: "锂电正极材料", hq: "浙江宁波" },
    { key: "shanke", nameZh: "杉科新能源材料有限公司", nameEn: "Shanke New Energy Materials Co., Ltd.", short: "杉科新材", country: "CN", ownership: "PRIVATE", industry: "锂电负极材料", hq: "上海" },
    { key: "tianhua", nameZh: "天华锂电材料股份有限公司", nameEn: "Tianhua Lithium Battery Materials Co., Ltd.", short: "天华锂电", country: "CN", ownership: "PRIVATE", industry: "锂电池电解液", hq: "广东广州" },
    { key: "duoyuan", nameZh: "多元氟材料股份有限公司", nameEn: "Duoyuan Fluoro Materials Co., Ltd.", short: "多元氟材", country: "CN", ownership: "PRIVATE", industry: "六氟磷酸锂", hq: "河南焦作" },
    { key: "xingchen", nameZh: "星辰隔膜科技股份有限公司", nameEn: "Xingchen Separator Technology Co., Ltd.", short: "星辰隔膜", country: "CN", ownership: "PRIVATE", industry: "锂电池隔膜", hq: "江苏常州" },
    { key: "towa", nameZh: "东和化成株式会社", nameEn: "Towa Kasei Co., Ltd.", short: "东和化成", country: "JP", ownership: "FOREIGN", industry: "隔膜涂覆材料", hq: "日本大阪" },
    { key: "daesung", nameZh: "大成铜箔株式会社", nameEn: "Daesung Copper Foil Co., Ltd.", short: "大成铜箔", country: "KR", ownership: "FOREIGN", industry: "锂电铜箔", hq: "韩国首尔" },
    { key: "dingli", nameZh: "鼎立铝箔科技有限公司", nameEn: "Dingli Aluminium Foil Technology Co., Ltd.", short: "鼎立铝箔", country: "CN", ownership: "PRIVATE", industry: "电池铝箔", hq: "江苏镇江" },
    { key: "tianheng", nameZh: "天衡纳米科技股份有限公司", nameEn: "Tianheng Nano Technology Co., Ltd.", short: "天衡纳米", country: "CN", ownership: "PRIVATE", industry: "碳纳米管导电剂", hq: "江苏苏州" },
    { key: "lumen", nameZh: "流明材料私人有限公司", nameEn: "Lumen Materials Pte. Ltd.", short: "流明材料", country: "SG", ownership: "FOREIGN", industry: "PVDF粘结剂", hq: "新加坡" },
  ]),
  ...block("advanced_equipment", "lithium_battery", [
    { key: "kerun", nameZh: "科润精密结构件股份有限公司", nameEn: "Kerun Precision Structural Parts Co., Ltd.", short: "科润精密", country: "CN", ownership: "PRIVATE", industry: "电池结构件", hq: "广东东莞" },
    { key: "xianfeng", nameZh: "先锋智能装备股份有限公司", nameEn: "Xianfeng Intelligent Equipment Co., Ltd.", short: "先锋智能", country: "CN", ownership: "PRIVATE", industry: "锂电生产设备", hq: "江苏无锡" },
    { key: "hartmann", nameZh: "哈特曼设备制造有限公司", nameEn: "Hartmann Anlagenbau GmbH", short: "哈特曼", country: "DE", ownership: "FOREIGN", industry: "涂布及干燥设备", hq: "德国斯图加特" },
  ]),
  ...block("electronic_information", "lithium_battery", [
    { key: "hongli", nameZh: "鸿立精密电子股份有限公司", nameEn: "Hongli Precision Electronics Corp.", short: "鸿立电子", country: "TW", ownership: "HMT", industry: "电池管理系统", hq: "台湾新竹" },
  ]),
  ...block("modern_services", "lithium_battery", [
    { key: "zhongheng", nameZh: "中衡检测认证股份有限公司", nameEn: "Zhongheng Testing & Certification Co., Ltd.", short: "中衡检测", country: "CN", ownership: "STATE", industry: "检验检测", hq: "北京" },
    { key: "liantong", nameZh: "链通供应链管理有限公司", nameEn: "Liantong Supply Chain Management Co., Ltd.", short: "链通供应链", country: "CN", ownership: "PRIVATE", industry: "供应链物流", hq: "上海" },
  ]),
  // The construction-machinery base and its suppliers.
  ...block("advanced_equipment", "construction_machinery", [
    { key: "huayue", nameZh: "华岳重工机械股份有限公司", nameEn: "Huayue Heavy Machinery Co., Ltd.", short: "华岳重工", country: "CN", ownership: "PRIVATE", industry: "工程机械整机", hq: "湖南长沙", group: "华岳集团" },
    { key: "hengchuan", nameZh: "恒川液压股份有限公司", nameEn: "Hengchuan Hydraulics Co., Ltd.", short: "恒川液压", country: "CN", ownership: "PRIVATE", industry: "液压油缸及阀", hq: "江苏常州" },
    { key: "zhongyuan", nameZh: "中原精密铸造有限公司", nameEn: "Zhongyuan Precision Casting Co., Ltd.", short: "中原铸造", country: "CN", ownership: "PRIVATE", industry: "精密铸件", hq: "河南洛阳" },
    { key: "jiaan", nameZh: "驾安驾驶室系统有限公司", nameEn: "Jia'an Cab Systems Co., Ltd.", short: "驾安", country: "CN", ownership: "PRIVATE", industry: "工程机械驾驶室", hq: "山东济宁" },
    { key: "hongjian", nameZh: "宏建钢结构工程有限公司", nameEn: "Hongjian Steel Structure Engineering Co., Ltd.", short: "宏建钢构", country: "CN", ownership: "PRIVATE", industry: "结构件及臂架", hq: "湖南湘潭" },
    { key: "koehler", nameZh: "克勒传动技术有限公司", nameEn: "Köhler Antriebstechnik GmbH", short: "克勒传动", country: "DE", ownership: "FOREIGN", industry: "变速箱及传动系统", hq: "德国腓特烈港" },
    { key: "zhikong", nameZh: "智控电气股份有限公司", nameEn: "Zhikong Electric Co., Ltd.", short: "智控电气", country: "CN", ownership: "PRIVATE", industry: "电控系统", hq: "浙江杭州" },
    { key: "tantu", nameZh: "坦途履带底盘有限公司", nameEn: "Tantu Undercarriage Co., Ltd.", short: "坦途底盘", country: "CN", ownership: "PRIVATE", industry: "履带底盘", hq: "福建泉州" },
    { key: "gulian", nameZh: "固联紧固件有限公司", nameEn: "Gulian Fasteners Co., Ltd.", short: "固联紧固件", country: "CN", ownership: "PRIVATE", industry: "高强度紧固件", hq: "浙江温州" },
  ]),
  // The chemical group and the subsidiaries that hold its coal-to-chemicals projects.
  ...block("modern_chemicals", "coal_to_chemicals", [
    { key: "beichen", nameZh: "北辰能源化工集团有限公司", nameEn: "Beichen Energy & Chemical Group Co., Ltd.", short: "北辰能化", country: "CN", ownership: "STATE", industry: "煤炭及煤化工", hq: "山西太原", group: "北辰能源化工集团" },
    { key: "beichen_coalchem", nameZh: "北辰（江州）煤化工有限公司", nameEn: "Beichen (Jiangzhou) Coal Chemical Co., Ltd.", short: "北辰煤化工", country: "CN", ownership: "STATE", industry: "煤制甲醇及烯烃", hq: "山西太原", group: "北辰能源化工集团", parent: "beichen" },
    { key: "beichen_materials", nameZh: "北辰新材料有限公司", nameEn: "Beichen New Materials Co., Ltd.", short: "北辰新材", country: "CN", ownership: "STATE", industry: "聚烯烃及可降解材料", hq: "山西太原", group: "北辰能源化工集团", parent: "beichen" },
  ]),
  // Everyone else: the ordinary pipeline of the city and its counties.
  ...block("new_energy", "photovoltaics", [
    { key: "jingyang", nameZh: "晶阳光伏科技股份有限公司", nameEn: "Jingyang Photovoltaic Technology Co., Ltd.", short: "晶阳光伏", country: "CN", ownership: "PRIVATE", industry: "光伏电池及组件", hq: "江苏无锡", group: "晶阳集团" },
    { key: "zhongneng", nameZh: "中能建设投资有限公司", nameEn: "Zhongneng Construction Investment Co., Ltd.", short: "中能建投", country: "CN", ownership: "STATE", industry: "新能源电站投资", hq: "北京" },
  ]),
  ...block("new_energy", "new_energy_vehicles", [
    { key: "yuanchi", nameZh: "远驰新能源汽车有限公司", nameEn: "Yuanchi New Energy Vehicle Co., Ltd.", short: "远驰汽车", country: "CN", ownership: "PRIVATE", industry: "新能源整车", hq: "安徽合肥" },
  ]),
  ...block("advanced_equipment", "new_energy_vehicles", [
    { key: "weber", nameZh: "韦伯汽车部件有限公司", nameEn: "Weber Automotive GmbH", short: "韦伯汽车部件", country: "DE", ownership: "FOREIGN", industry: "汽车电驱及底盘部件", hq: "德国慕尼黑" },
    { key: "sinode", nameZh: "中德精工（江州）有限公司", nameEn: "Sino-German Precision (Jiangzhou) Co., Ltd.", short: "中德精工", country: "CN", ownership: "JOINT_VENTURE", industry: "精密齿轮", hq: "江州" },
    { key: "zhibi", nameZh: "智臂机器人科技有限公司", nameEn: "Zhibi Robotics Technology Co., Ltd.", short: "智臂机器人", country: "CN", ownership: "PRIVATE", industry: "工业机器人", hq: "广东佛山" },
  ]),
  ...block("electronic_information", "semiconductors", [
    { key: "xinyuan", nameZh: "芯源半导体股份有限公司", nameEn: "Xinyuan Semiconductor Co., Ltd.", short: "芯源半导体", country: "CN", ownership: "PRIVATE", industry: "功率半导体", hq: "上海" },
    { key: "huaxin_sg", nameZh: "华新微电子（新加坡）私人有限公司", nameEn: "Huaxin Microelectronics (Singapore) Pte. Ltd.", short: "华新微电子", country: "SG", ownership: "FOREIGN", industry: "芯片封装测试", hq: "新加坡" },
    { key: "xuguang", nameZh: "旭光电子股份有限公司", nameEn: "Xuguang Electronics Co., Ltd.", short: "旭光电子", country: "TW", ownership: "HMT", industry: "车用电子及被动元件", hq: "台湾桃园" },
  ]),
  ...block("electronic_information", undefined, [
    { key: "jingxun", nameZh: "精讯电子科技有限公司", nameEn: "Jingxun Electronic Technology Co., Ltd.", short: "精讯电子", country: "CN", ownership: "PRIVATE", industry: "消费电子组装", hq: "广东深圳" },
    { key: "shuzhi", nameZh: "数智云计算有限公司", nameEn: "Shuzhi Cloud Computing Co., Ltd.", short: "数智云", country: "CN", ownership: "PRIVATE", industry: "数据中心及云服务", hq: "浙江杭州" },
  ]),
  ...block("biomedicine", "medical_devices", [
    { key: "apex", nameZh: "艾派克斯医疗器械公司", nameEn: "Apex Medical Devices Inc.", short: "艾派克斯", country: "US", ownership: "FOREIGN", industry: "医疗器械", hq: "美国明尼阿波利斯" },
    { key: "kangrun", nameZh: "康润生物医药股份有限公司", nameEn: "Kangrun Biopharmaceutical Co., Ltd.", short: "康润生物", country: "CN", ownership: "PRIVATE", industry: "生物制药及体外诊断", hq: "江苏泰州" },
  ]),
  ...block("biomedicine", undefined, [
    { key: "baicaotang", nameZh: "百草堂中药饮片有限公司", nameEn: "Baicaotang TCM Decoction Pieces Co., Ltd.", short: "百草堂", country: "CN", ownership: "PRIVATE", industry: "中药饮片", hq: "安徽亳州" },
    { key: "seorin", nameZh: "瑞林制药株式会社", nameEn: "Seorin Pharmaceutical Co., Ltd.", short: "瑞林制药", country: "KR", ownership: "FOREIGN", industry: "原料药及制剂", hq: "韩国仁川" },
  ]),
  ...block("new_materials", "advanced_polymers", [
    { key: "ruifeng", nameZh: "瑞丰碳纤维股份有限公司", nameEn: "Ruifeng Carbon Fiber Co., Ltd.", short: "瑞丰碳纤维", country: "CN", ownership: "PRIVATE", industry: "碳纤维及复合材料", hq: "江苏连云港" },
    { key: "lindner", nameZh: "林德纳特种化学有限公司", nameEn: "Lindner Spezialchemie GmbH", short: "林德纳化学", country: "DE", ownership: "FOREIGN", industry: "特种化学品", hq: "德国路德维希港" },
    { key: "cascade", nameZh: "卡斯卡德高分子材料公司", nameEn: "Cascade Polymers Inc.", short: "卡斯卡德", country: "US", ownership: "FOREIGN", industry: "工程塑料", hq: "美国休斯敦" },
  ]),
  ...block("food_processing", "green_food", [
    { key: "yikang", nameZh: "伊康乳业股份有限公司", nameEn: "Yikang Dairy Co., Ltd.", short: "伊康乳业", country: "CN", ownership: "PRIVATE", industry: "乳制品", hq: "内蒙古呼和浩特" },
    { key: "yamato", nameZh: "大和食品株式会社", nameEn: "Yamato Foods Co., Ltd.", short: "大和食品", country: "JP", ownership: "FOREIGN", industry: "方便食品及调味料", hq: "日本东京" },
    { key: "wangfu", nameZh: "旺福食品股份有限公司", nameEn: "Wangfu Foods Corp.", short: "旺福食品", country: "TW", ownership: "HMT", industry: "休闲食品", hq: "台湾台中" },
    { key: "yunxitea", nameZh: "云溪县茶业合作联社", nameEn: "Yunxi Tea Cooperative Union", short: "云溪茶业", country: "CN", ownership: "COLLECTIVE", industry: "茶叶种植及加工", hq: "云溪" },
    { key: "liangfeng", nameZh: "粮丰农业发展集团有限公司", nameEn: "Liangfeng Agricultural Development Group Co., Ltd.", short: "粮丰农业", country: "CN", ownership: "STATE", industry: "粮油及农产品加工", hq: "河南郑州" },
  ]),
  ...block("modern_services", undefined, [
    { key: "kuailian", nameZh: "快链物流股份有限公司", nameEn: "Kuailian Logistics Co., Ltd.", short: "快链物流", country: "CN", ownership: "PRIVATE", industry: "智慧物流", hq: "广东广州" },
    { key: "sunhong", nameZh: "新鸿商业地产（香港）有限公司", nameEn: "Sun Hong Commercial Properties (HK) Limited", short: "新鸿商业", country: "HK", ownership: "HMT", industry: "商业综合体", hq: "香港", group: "新鸿集团" },
    { key: "haitun", nameZh: "海豚直播电商有限公司", nameEn: "Haitun Live Commerce Co., Ltd.", short: "海豚电商", country: "CN", ownership: "PRIVATE", industry: "直播电商", hq: "浙江杭州" },
    { key: "meridian", nameZh: "子午线物流私人有限公司", nameEn: "Meridian Logistics Pte. Ltd.", short: "子午线物流", country: "SG", ownership: "FOREIGN", industry: "冷链物流", hq: "新加坡" },
  ]),
  ...block("cultural_tourism", undefined, [
    { key: "huajing", nameZh: "华景文旅集团有限公司", nameEn: "Huajing Cultural Tourism Group Co., Ltd.", short: "华景文旅", country: "CN", ownership: "STATE", industry: "文旅综合开发", hq: "广东深圳", group: "华景集团" },
  ]),
];

export type ContactSeed = { company: string; name: string; title: string; phone: string; email: string };

/** Contacts of the companies officers deal with most. Phone numbers and addresses are fictitious. */
export const CONTACTS: readonly ContactSeed[] = [
  { company: "hengning", name: "曾志远", title: "董事长", phone: "0591-8776 1001", email: "zeng.zhiyuan@hengning.example.com" },
  { company: "hengning", name: "林晓峰", title: "副总裁（基地投资）", phone: "139 5912 3301", email: "lin.xiaofeng@hengning.example.com" },
  { company: "hengning", name: "许文", title: "基地建设部总监", phone: "138 5008 7712", email: "xu.wen@hengning.example.com" },
  { company: "huayue", name: "谭国庆", title: "总裁", phone: "0731-8820 6600", email: "tan.guoqing@huayue.example.com" },
  { company: "huayue", name: "龙小川", title: "战略投资部部长", phone: "137 3111 0452", email: "long.xiaochuan@huayue.example.com" },
  { company: "beichen", name: "郭建平", title: "副总经理", phone: "0351-766 2208", email: "guo.jianping@beichen.example.com" },
  { company: "rongchuan", name: "蒋立群", title: "投资发展部总经理", phone: "135 7400 1188", email: "jiang.liqun@rongchuan.example.com" },
  { company: "towa", name: "佐藤健一", title: "中国事业部部长", phone: "+81 6 6201 3400", email: "k.sato@towa-kasei.example.jp" },
  { company: "daesung", name: "金敏俊", title: "海外投资本部长", phone: "+82 2 3456 7800", email: "minjun.kim@daesung.example.kr" },
  { company: "hartmann", name: "Klaus Becker", title: "Managing Director, Asia", phone: "+49 711 5550 120", email: "k.becker@hartmann.example.de" },
  { company: "jingyang", name: "丁文涛", title: "副总经理", phone: "0510-8123 5566", email: "ding.wentao@jingyang.example.com" },
  { company: "apex", name: "David Miller", title: "VP, Asia Operations", phone: "+1 612 555 0147", email: "david.miller@apexmed.example.com" },
];
