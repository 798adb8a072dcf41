/**
 * Chinese phrases the generated rounds and stage changes are written from.
 * Placeholders: {co} the investor's short name, {park} the unit's park,
 * {unit} the unit's name, {yi} the planned investment in 亿元.
 */

/** The six topics a round can cover (the app's list, in its order). */
export const TOPICS = ["land", "incentives", "energy", "approvals", "talent", "other"] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_SUMMARIES: Record<Topic, readonly string[]> = {
  land: [
    "陪同{co}踏勘{park}备选地块，对方关注土地平整进度、容积率及周边配套。",
    "就项目用地规模和供地方式沟通，对方希望以“标准地”方式供地，并预留二期用地。",
    "对方对地块交付时间提出要求，我方说明征收和场平进度安排。",
  ],
  incentives: [
    "对方提出固定资产投资补助和前三年税收奖励诉求，我方介绍市级招商引资支持政策。",
    "就厂房代建及租金减免方案进行磋商，双方在补助比例上仍有差距。",
    "对方希望设备购置补贴分年兑现，我方说明兑现条件与考核指标。",
  ],
  energy: [
    "讨论用电、用气价格及双回路供电保障，供电公司介绍园区电网规划。",
    "对方测算项目年用电量，希望参与绿电交易，降低综合用能成本。",
    "就蒸汽、天然气供应及价格沟通，园区承诺配套管网与项目同步建设。",
  ],
  approvals: [
    "梳理立项、环评、能评、安评审批流程，明确容缺受理和全程代办服务。",
    "对方环评报告已进入技术评估，我方协调生态环境部门提前介入指导。",
    "就施工许可与规划许可并联审批进行沟通，争取签约后尽快开工。",
  ],
  talent: [
    "对方关注技术工人招聘与高管子女入学，人社局介绍校企合作订单培养方案。",
    "就人才公寓和高层次人才补贴进行沟通，对方提出首批人才住房需求。",
    "对方计划在本地招聘员工，我方协调人社部门组织专场招聘。",
  ],
  other: [
    "{co}介绍企业经营情况及本项目产品方案，计划总投资约{yi}亿元。",
    "双方就投资协议文本逐条沟通，对投资强度、亩均税收和违约责任基本达成一致。",
    "对方介绍行业形势和上下游客户情况，希望了解{unit}产业配套能力。",
  ],
};

export const TOPIC_NEXT_STEPS: Record<Topic, readonly string[]> = {
  land: ["自然资源部门提供地块规划条件，下周内反馈对方。", "加快征收和场平进度，月底前报告交地时间表。"],
  incentives: ["起草政策支持方案，报分管领导审定。", "财政部门测算补助资金规模及兑现方式。"],
  energy: ["供电公司出具供电方案初步意见。", "协调燃气、热力企业给出报价。"],
  approvals: ["制定审批“一对一”代办清单，明确时间节点。", "对方补充完善报批材料后再行会商。"],
  talent: ["人社部门对接职业院校开设订单班。", "梳理可用人才公寓房源，两周内反馈。"],
  other: ["对方内部研究后反馈意见，约定下次会谈时间。", "整理会谈纪要，报局领导审阅。"],
};

/** Where a "conference" round took place when the project came from no event of ours. */
export const OTHER_CONFERENCES = [
  "中国国际进口博览会（上海）",
  "中国国际投资贸易洽谈会（厦门）",
  "中国—东盟博览会（南宁）",
  "世界制造业大会（合肥）",
] as const;

/** Roles on the investor's side when the company has no recorded contacts. */
export const INVESTOR_ROLES = ["副总经理", "投资发展部总经理", "项目总监", "基建负责人", "财务总监", "董事会秘书"] as const;

/** Why projects stall, are lost, go back or come back. */
export const REASONS = {
  hold: [
    "投资方资金安排调整，项目暂缓推进。",
    "企业集团战略调整，待董事会重新决策。",
    "项目用地指标暂未落实，项目暂缓。",
    "地块规划调整尚待批复，双方约定暂停洽谈。",
    "行业产能过剩，企业推迟扩产计划。",
  ],
  lost: [
    "企业最终选择落户外省，对方土地和电价条件更优。",
    "企业经营困难，取消本次投资计划。",
    "项目环保要求与园区定位不符，无法落地。",
    "竞争城市给出更高补贴，项目被截走。",
    "投资方总部收缩扩张计划，项目取消。",
  ],
  revive: [
    "投资方资金到位，恢复洽谈。",
    "能耗指标已落实，重新启动洽谈。",
    "企业董事会重新审议通过，恢复推进。",
  ],
  back: [
    "对方更换项目负责人，需重新考察论证。",
    "对方调整产品方案，退回意向阶段重新评估。",
  ],
} as const;

export type ReasonKind = keyof typeof REASONS;

export function fill(template: string, values: { co: string; park: string; unit: string; yi: string }): string {
  return template.replace(/\{(co|park|unit|yi)\}/g, (_, key: keyof typeof values) => values[key]);
}
