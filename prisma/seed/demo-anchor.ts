/**
 * The anchor story, written out by hand: Hengning Era's 21-billion-yuan
 * battery base took two years and 44 negotiation rounds (March 2022 – March
 * 2024) before the formal contract and the start of construction, then drew
 * its suppliers to the city (see BATTERY_CHAIN in demo-stories.ts). It is the
 * project a demo opens to show a long timeline.
 */
import type { RoundFormat, Stage } from "@/lib/generated/prisma/client";

export type AnchorRound = {
  heldOn: string;
  format: RoundFormat;
  place: string | null;
  ours: keyof typeof OUR_SIDE;
  theirs: keyof typeof THEIR_SIDE;
  topics: string[];
  summary: string;
  nextSteps: string;
};

const OUR_SIDE = {
  team: "李明、郑雪（市投资促进局）",
  head: "王海燕（市投资促进局局长）、李明、马骏（高新区管委会主任）",
  vice: "郑宏（常务副市长）、王海燕、李明，市发改委、财政局、自然资源局负责人",
  mayor: "陈国栋（市长）、郑宏（常务副市长）、王海燕、李明",
} as const;

const THEIR_SIDE = {
  vp: "林晓峰（副总裁）、许文（基地建设部总监）",
  chair: "曾志远（董事长）、林晓峰（副总裁）",
  legal: "林晓峰（副总裁）、恒宁时代法务部及财务部",
} as const;

export function ourParticipants(round: AnchorRound): string {
  return OUR_SIDE[round.ours];
}

export function investorParticipants(round: AnchorRound): string {
  return THEIR_SIDE[round.theirs];
}

export const ANCHOR_MOVES: readonly { stage: Stage; on: string }[] = [
  { stage: "FIRST_CONTACT", on: "2022-01-12" }, // met at an industry forum: own outreach
  { stage: "INTENT", on: "2022-02-23" }, // the investor's first site visit
  { stage: "NEGOTIATION", on: "2022-03-08" },
  { stage: "SIGNED", on: "2024-03-18" },
  { stage: "CONSTRUCTION", on: "2024-06-28" },
];

export const ANCHOR_CONTRACT_NOTE = "一期用地1600亩，二期1500亩预留；市产业投资基金参股项目公司10%。";
export const ANCHOR_START_NOTE = "一期（20GWh）桩基工程开工。";
export const ANCHOR_NEXT_FOLLOW_UP = "2026-12-08";

/** Funds in place (亿元): phase one went up in 2024–2026. */
export const ANCHOR_FUNDS: readonly { on: string; yi: number }[] = [
  { on: "2024-07-15", yi: 8 },
  { on: "2024-09-20", yi: 12 },
  { on: "2024-12-18", yi: 15 },
  { on: "2025-03-25", yi: 18 },
  { on: "2025-06-20", yi: 20 },
  { on: "2025-09-18", yi: 16 },
  { on: "2025-12-22", yi: 14 },
  { on: "2026-03-20", yi: 9 },
  { on: "2026-06-19", yi: 8 },
  { on: "2026-09-25", yi: 6 },
];

const HQ = "恒宁时代总部（福建福州）";

function r(heldOn: string, format: RoundFormat, place: string | null, ours: AnchorRound["ours"], theirs: AnchorRound["theirs"], topics: string[], summary: string, nextSteps: string): AnchorRound {
  return { heldOn, format, place, ours, theirs, topics, summary, nextSteps };
}

export const ANCHOR_ROUNDS: readonly AnchorRound[] = [
  r("2022-03-08", "VISIT_HERE", "江州市投资服务中心", "team", "vp", ["other"], "对方介绍在华中地区布局第六个生产基地的计划，初步规划产能40GWh、总投资约200亿元；我方介绍江州区位交通、要素成本和锂电产业基础。", "整理高新区、临江区、桐湖县三处备选地块资料，两周内发送对方。"),
  r("2022-03-24", "VIDEO", "视频会议", "team", "vp", ["land"], "介绍三处备选地块的面积、规划性质和周边配套；对方倾向高新区东区，要求连片用地不少于3000亩。", "市自然资源局核实高新区东区地块权属及规划调整可行性。"),
  r("2022-04-12", "VISIT_HERE", "高新区东区备选地块", "head", "vp", ["land", "energy"], "陪同对方踏勘高新区东区地块，对方关注220千伏变电站距离及双回路供电条件，供电公司现场介绍电网规划。", "供电公司出具供电方案初步意见。"),
  r("2022-04-28", "PHONE", null, "team", "vp", ["energy"], "电话沟通供电方案初步意见；对方测算年用电量约30亿千瓦时，要求到户电价不高于每千瓦时0.45元。", "市发改委研究绿电直供及电价支持政策。"),
  r("2022-05-05", "PHONE", null, "team", "vp", ["land"], "对方索要高新区东区地块的地质勘察资料，用于厂房桩基方案比选。", "高新区委托地勘单位补充勘察，5月底前提供报告。"),
  r("2022-05-19", "VISIT_INVESTOR", HQ, "head", "vp", ["incentives", "other"], "赴福州总部拜访并参观生产线；对方介绍竞争城市给出的厂房代建、设备补贴等条件，希望江州拿出综合方案。", "起草综合支持政策方案，报市政府专题会研究。"),
  r("2022-06-09", "VISIT_HERE", "江州市人民政府第三会议室", "vice", "vp", ["incentives"], "常务副市长主持专题会研究厂房代建和设备购置补贴方案；对方认可代建模式，对补贴比例有保留。", "市财政局测算补贴资金规模及分年兑现方式。"),
  r("2022-06-30", "VIDEO", "视频会议", "team", "vp", ["incentives"], "就补贴比例与分年兑现进行第二轮磋商，双方在固定资产投资补助比例上仍有差距。", "再次报市政府研究补助比例上限。"),
  r("2022-07-07", "VISIT_HERE", "江州市投资服务中心", "team", "vp", ["other"], "对方产品规划部来江州调研周边整车及储能客户，召开配套企业座谈会。", "市工信局整理本地及周边整车、储能企业名单供对方参考。"),
  r("2022-07-21", "VISIT_HERE", "江州市政务服务中心", "head", "vp", ["approvals"], "发改、生态环境、应急管理部门集中介绍立项、环评、能评、安评流程；对方要求审批周期压缩至6个月以内。", "制定项目审批“一对一”代办服务方案。"),
  r("2022-08-11", "VIDEO", "视频会议", "team", "vp", ["energy"], "能耗指标专题：项目年综合能耗约40万吨标准煤，需省里统筹能耗指标。", "市发改委向省发改委专题汇报，争取能耗指标。"),
  r("2022-08-30", "VIDEO", "视频会议", "team", "vp", ["energy", "approvals"], "通报向省发改委汇报情况：省里原则同意将项目列入省重大项目并统筹能耗指标。", "准备省重大项目申报材料。"),
  r("2022-09-20", "VISIT_HERE", "江州市人民政府", "mayor", "chair", ["other", "land"], "董事长曾志远首次来江州考察，市长会见；双方就项目总体规模达成初步共识：总投资210亿元，分两期建设。", "双方成立工作专班，每两周对接一次。"),
  r("2022-10-13", "VIDEO", "视频会议", "team", "vp", ["land"], "工作专班首次会议：明确用地分两期供应，一期1600亩；对方要求年底前完成土地征收。", "高新区启动征地拆迁工作，每周报告进度。"),
  r("2022-10-27", "VIDEO", "视频会议", "team", "vp", ["energy"], "天然气保障：极片烘干工艺需天然气，燃气公司报价高于对方预期。", "市发改委协调燃气公司给出大用户直供价格。"),
  r("2022-11-03", "VIDEO", "视频会议", "team", "vp", ["land"], "通报征地进度：已完成1200亩土地丈量，剩余涉及两个村民小组搬迁；对方担心影响开工时间。", "高新区制定搬迁安置倒排计划。"),
  r("2022-11-24", "PHONE", null, "team", "vp", ["talent"], "对方提出一期需技术工人约5000人，希望本地职业院校定向培养。", "人社局、教育局对接江州职业技术学院开设订单班。"),
  r("2022-12-15", "VIDEO", "视频会议", "head", "vp", ["talent", "other"], "视频会商人才方案：职业技术学院同意开设电池制造订单班，首批300人；对方要求提供人才公寓1000套。", "住建局梳理可用房源及人才公寓建设计划。"),
  r("2023-01-10", "VIDEO", "视频会议", "team", "vp", ["incentives"], "固定资产投资补助达成一致（按设备投资额分三年兑现），税收奖励仍需研究。", "财政局、税务局测算地方留成部分奖励方案。"),
  r("2023-02-07", "VISIT_HERE", "高新区管委会", "head", "vp", ["land", "approvals"], "对方基地建设团队入驻江州，对接规划设计条件：容积率、建筑限高、危化品仓库布局。", "市自然资源局出具规划设计条件书面意见。"),
  r("2023-02-28", "VISIT_HERE", "市生态环境局", "team", "vp", ["approvals"], "环评专题：生态环境局与对方环评单位对接，明确电解液废气、NMP回收等环保要求。", "对方委托环评单位编制环评报告。"),
  r("2023-03-21", "VISIT_INVESTOR", HQ, "head", "chair", ["incentives", "energy"], "王海燕局长带队赴福州，就绿电比例与电价达成原则一致：绿电占比不低于50%。", "供电公司与对方商签绿电交易意向。"),
  r("2023-04-11", "VIDEO", "视频会议", "team", "vp", ["energy"], "供电公司、对方能源部三方视频会：明确两座220千伏变电站的建设时序及投资分担。", "供电公司将变电站纳入2023年电网建设计划。"),
  r("2023-04-18", "CONFERENCE", "2023江州市（北京）投资环境推介会", "head", "vp", ["other"], "推介会期间双方高层会面，对方透露董事会将于6月审议项目，要求我方5月底前书面确认全部支持政策。", "汇总全部政策条款，形成政策确认函草案。"),
  r("2023-05-09", "VIDEO", "视频会议", "team", "legal", ["incentives", "other"], "政策确认函逐条磋商（共26条），对方法务对其中8条提出修改意见。", "市司法局审核修改条款的合规性。"),
  r("2023-05-25", "VISIT_HERE", "江州市人民政府第三会议室", "vice", "vp", ["incentives"], "常务副市长主持会议，敲定税收奖励方案与政策确认函终稿。", "政策确认函报市政府常务会审议。"),
  r("2023-06-01", "CONFERENCE", "2023中国国际电池技术交流会（深圳）", "team", "vp", ["other"], "在电池技术交流会上与对方采购部座谈，对方表示将协调正极、电解液、隔膜、铜箔等核心供应商同步来江州配套。", "建立锂电产业链招商清单，逐家对接对方推荐的供应商。"),
  r("2023-06-15", "PHONE", null, "team", "vp", ["other"], "对方通报董事会原则通过项目，但要求二期投资时点推迟一年。", "修改项目分期计划，更新投资强度测算。"),
  r("2023-07-06", "VIDEO", "视频会议", "team", "vp", ["land"], "一期用地完成征收，剩余两户搬迁户仍有异议；对方要求9月前交地。", "高新区加快协商，必要时依法启动征收程序。"),
  r("2023-07-27", "VISIT_HERE", "高新区东区项目现场", "head", "vp", ["land", "approvals"], "现场查看场地平整及临时用电、用水；对方提出先行开展场平和桩基试验。", "办理临时用地及施工前期手续。"),
  r("2023-08-17", "VIDEO", "视频会议", "team", "vp", ["approvals"], "能评报告省级评审意见反馈：需补充节能措施和余热利用方案。", "对方修改能评报告，9月中旬重新报审。"),
  r("2023-09-07", "VISIT_HERE", "江州职业技术学院", "team", "vp", ["talent"], "订单班首批300名学员入学，对方人力资源部来江州对接招聘计划及薪酬体系。", "人社局组织专场招聘会。"),
  r("2023-09-28", "VIDEO", "视频会议", "team", "legal", ["incentives"], "对方财务部提出项目公司注册资本分期实缴安排，并询问政府产业基金参股的可能性。", "市产业投资基金研究参股方案。"),
  r("2023-10-19", "VISIT_INVESTOR", HQ, "head", "vp", ["incentives"], "赴福州洽谈产业基金参股：市产业基金拟参股10%，对方同意并要求约定回购条款。", "基金公司起草投资协议条款。"),
  r("2023-11-09", "VIDEO", "视频会议", "team", "legal", ["other"], "投资合同初稿逐章讨论：投资强度、亩均税收承诺、违约责任；双方在违约金比例上有分歧。", "双方法务继续磋商违约条款。"),
  r("2023-11-23", "VISIT_HERE", "江州市投资服务中心", "team", "legal", ["other", "land"], "投资合同第二轮：违约条款达成一致；土地出让方式确定为“标准地”挂牌出让。", "市自然资源局编制“标准地”出让方案。"),
  r("2023-12-07", "VIDEO", "视频会议", "team", "vp", ["approvals"], "环评报告通过技术评估，能评获省发改委批复；对方确认开工条件基本具备。", "准备土地挂牌出让及施工图审查。"),
  r("2023-12-21", "PHONE", null, "team", "vp", ["energy"], "绿电交易意向确认：2024年起首批绿电交易电量5亿千瓦时。", "供电公司与对方签署绿电购售电合同。"),
  r("2024-01-09", "VISIT_HERE", "江州市公共资源交易中心", "head", "vp", ["land"], "一期1600亩土地挂牌出让，对方摘牌；讨论二期1500亩预留方式。", "办理不动产权证，签订二期用地预留协议。"),
  r("2024-01-23", "VIDEO", "视频会议", "team", "vp", ["talent"], "人才公寓：首批500套7月交付；对方要求增加高管子女入学名额。", "市教育局落实高管子女入学安排。"),
  r("2024-02-06", "VIDEO", "视频会议", "team", "legal", ["other"], "投资合同终稿确认，双方履行内部审批程序。", "商定签约仪式时间和规格。"),
  r("2024-02-20", "VISIT_HERE", "江州市人民政府", "vice", "vp", ["other"], "签约仪式筹备：确定3月18日举行签约仪式，市长与董事长出席。", "起草签约仪式方案及新闻稿。"),
  r("2024-02-27", "PHONE", null, "team", "vp", ["approvals"], "对方桩基施工图已报审，要求签约后两个月内开工。", "市住建局开通施工许可绿色通道。"),
  r("2024-03-12", "VISIT_HERE", "江州市人民政府", "mayor", "chair", ["other"], "市长会见董事长，双方确认签约后的开工计划，对方承诺一期2025年底投产。", "3月18日正式签署投资合同。"),
];
