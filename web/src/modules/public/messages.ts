// Texts of the public pages (`public.*`), in both languages.
export const zhCN = {
  public: {
    title: { report: '群众举报安全隐患', follow: '查询举报进度' },
    reportTitle: '群众举报安全隐患',
    intro: '发现企业存在安全生产隐患？无需登录即可举报。举报人信息仅向负责处理的执法人员公开。',
    field: {
      county: '所在区县代码', countyHint: '6位行政区划代码，如 330106；不清楚可不填（须填写企业统一社会信用代码）',
      enterpriseName: '企业名称', enterpriseUscc: '统一社会信用代码', address: '隐患地址', description: '隐患情况',
      reporterName: '您的姓名（选填）', reporterPhone: '联系电话（选填）', token: '查询凭证',
    },
    submit: '提交举报', submitted: '举报已提交',
    receipt: '请妥善保存以下查询凭证，它只显示这一次，凭它可查询处理进度。', reference: '受理编号',
    copy: '复制凭证', copied: '已复制', follow: '查询举报进度', another: '再举报一条', report: '我要举报',
    query: '查询', notFound: '没有找到该凭证对应的举报，请检查后重试。', status: '处理状态',
    statusName: { received: '已收到，待处理', accepted: '已受理', dismissed: '不予受理' },
    reason: '说明', hazardState: '隐患处理进展', createdAt: '举报时间', updatedAt: '更新时间', login: '工作人员登录',
    switchLang: 'English', nav: '相关链接', credit: '信用信息公示',
  },
}

export const en: typeof zhCN = {
  public: {
    title: { report: 'Report a safety hazard', follow: 'Follow a report' },
    reportTitle: 'Report a safety hazard',
    intro: 'Seen a safety hazard at an enterprise? Report it without signing in. Your name and phone are shown only to the inspectors who handle it.',
    field: {
      county: 'County code', countyHint: 'Six-digit division code, e.g. 330106; leave empty if unknown (then give the USCC)',
      enterpriseName: 'Enterprise name', enterpriseUscc: 'USCC', address: 'Address of the hazard', description: 'What you saw',
      reporterName: 'Your name (optional)', reporterPhone: 'Phone (optional)', token: 'Token',
    },
    submit: 'Submit report', submitted: 'Report submitted',
    receipt: 'Keep this token: it is shown only once, and it lets you follow your report.', reference: 'Reference',
    copy: 'Copy token', copied: 'Copied', follow: 'Follow a report', another: 'Report another', report: 'Report a hazard',
    query: 'Look up', notFound: 'No report has this token. Check it and try again.', status: 'Status',
    statusName: { received: 'Received, awaiting handling', accepted: 'Accepted', dismissed: 'Dismissed' },
    reason: 'Reason', hazardState: 'Hazard progress', createdAt: 'Reported', updatedAt: 'Updated', login: 'Staff sign-in',
    switchLang: '中文', nav: 'Links', credit: 'Credit information',
  },
}
