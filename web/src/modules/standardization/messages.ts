// Texts of the standardization module (`standardization.*`), in both languages.
export const zhCN = {
  standardization: {
    menu: { group: '安全生产标准化', list: '评审申请', apply: '申请评审', checklists: '评审标准', check: '证书查验' },
    title: { list: '标准化评审申请', apply: '申请安全生产标准化评审', detail: '评审申请详情', checklists: '评审标准管理', check: '安全生产标准化证书查验' },
    state: {
      draft: '草稿', 'self-assessed': '已自评', submitted: '已提交', accepted: '已受理', refused: '不予受理',
      'under-review': '评审中', rectifying: '整改中', reviewed: '已评审', 'report-signed': '评审报告已签署',
      'organiser-audited': '组织单位已审核', publicising: '公示中', announced: '已公告', certified: '已发证', withdrawn: '已撤回',
    },
    grade: { '1': '一级', '2': '二级', '3': '三级' },
    action: {
      apply: '提交申请', self_assess: '企业自评', consent: '属地同意', decline_consent: '属地不同意', accept: '受理', refuse: '不予受理',
      assign_review: '指派评审', record_review: '录入现场评审', submit_rectification: '整改完成申请复评',
      accept_achieved_grade: '按实际等级继续', sign_report: '签署评审报告', organiser_approve: '组织单位审核通过',
      organiser_return: '组织单位退回', authority_approve: '监管部门审核通过', authority_return: '监管部门退回',
      announce: '公告', issue_certificate: '颁发证书', withdraw: '撤回申请', record_objection: '登记异议', resolve_objection: '处理异议',
      overdue: '逾期', revoke_certificate: '撤销证书',
    },
    certStatus: { valid: '有效', expired: '已过期', revoked: '已撤销', replaced: '已换发' },
    field: {
      enterprise: '企业', uscc: '统一社会信用代码', industry: '行业', grade: '申请等级', appliedGrade: '申请等级', state: '状态',
      systemRunSince: '体系运行起始日期', deaths: '申请前一年死亡人数', seriousAccidents: '申请前一年较大及以上事故起数',
      selfScore: '自评得分', reviewScore: '评审得分', achievedGrade: '达到等级', scores: '得分', dueAt: '办理期限', overdue: '是否逾期',
      certificate: '证书编号', checklistVersion: '评审标准版本', reviewUnit: '评审单位', organiser: '组织单位',
      noticeEndsAt: '公示截止', updatedAt: '更新时间', comment: '说明', reason: '原因', missing: '缺少的材料',
      reviewers: '评审人员', reviewerName: '姓名', certificateNo: '评审员证书编号', employerUscc: '工作单位信用代码（可选）',
      objectionText: '异议内容', resolution: '处理结果', code: '条款', element: '要素', text: '内容', points: '分值',
      score: '得分', notApplicable: '不适用', vetoFailed: '否决项不符合', note: '备注', deductionRule: '扣分标准',
      number: '证书编号', signature: '签名（可选）', issuedAt: '发证日期', validUntil: '有效期至', status: '证书状态',
      signatureValid: '签名校验', publicKey: '公钥', qrPayload: '二维码内容', canonical: '签名原文',
      version: '版本', name: '名称', standard: '依据标准', fullScore: '满分', itemCount: '条款数', inForce: '是否现行', loadedAt: '加载时间',
      checklistJson: '评审标准（JSON）',
    },
    list: {
      filters: '筛选条件', any: '全部', empty: '暂无评审申请', total: '共 {n} 件申请', overdueTag: '已逾期', prev: '上一页', next: '下一页',
    },
    apply: {
      submit: '提交申请', done: '申请已创建，请进行企业自评', grade2: '二级', grade3: '三级',
      hint: '一级由省级应急管理部门另行组织；本页申请二级或三级。',
    },
    detail: {
      back: '返回列表', facts: '基本信息', timeline: '办理过程', objections: '公示异议', noObjections: '无异议',
      nextSteps: '下一步', noNextSteps: '当前没有您可办理的步骤', done: '已办理：{action}', stateChange: '{from} → {to}',
      refusal: '不予受理', unresolved: '待处理', required: '请填写{field}', fillFull: '全部按满分填写',
      fillHint: '得分在 0 到该条款分值之间；否决项不计分，只标注是否不符合。', addReviewer: '添加评审人员', removeReviewer: '删除',
      minReviewers: '至少需要 2 名评审人员', missingHint: '每行一项', certificate: '证书', issued: '证书已颁发',
      checklistMissing: '没有找到该行业现行的评审标准', total: '合计：{n} 分', reviewUnitId: '评审单位编号', organiserId: '组织单位编号',
      chooseUnit: '选择单位', veto: '否决项', resolve: '处理',
    },
    check: {
      intro: '输入证书编号（可附证书上的签名）核验安全生产标准化证书的真伪和状态。', submit: '查验', notFound: '未找到该编号的证书',
      forged: '签名与证书不符：证书可能是伪造的', malformed: '证书编号格式不正确', valid: '签名有效', invalid: '签名无效',
      result: '查验结果',
    },
    pdf: { download: '下载证书 PDF', missing: '未找到该证书' },
    panel: { title: '安全生产标准化', currentGrade: '当前等级', none: '无证书', noValid: '无有效证书', certificates: '证书' },
    checklists: {
      load: '加载新版本', loaded: '评审标准已加载', empty: '暂无评审标准', items: '条款', hint: '粘贴评审标准 JSON：industry、name、standard、version、fullScore、items',
    },
  },
}

export const en: typeof zhCN = {
  standardization: {
    menu: { group: 'Standardization', list: 'Applications', apply: 'Apply for review', checklists: 'Checklists', check: 'Certificate check' },
    title: { list: 'Standardization applications', apply: 'Apply for a standardization review', detail: 'Application', checklists: 'Review checklists', check: 'Check a standardization certificate' },
    state: {
      draft: 'Draft', 'self-assessed': 'Self-assessed', submitted: 'Submitted', accepted: 'Accepted', refused: 'Refused',
      'under-review': 'Under review', rectifying: 'Rectifying', reviewed: 'Reviewed', 'report-signed': 'Report signed',
      'organiser-audited': 'Audited by organiser', publicising: 'Public notice', announced: 'Announced', certified: 'Certified', withdrawn: 'Withdrawn',
    },
    grade: { '1': 'Grade 1', '2': 'Grade 2', '3': 'Grade 3' },
    action: {
      apply: 'Apply', self_assess: 'Self-assessment', consent: 'Local consent', decline_consent: 'Decline consent', accept: 'Accept', refuse: 'Refuse',
      assign_review: 'Assign review', record_review: 'Record on-site review', submit_rectification: 'Rectified: request re-review',
      accept_achieved_grade: 'Continue at achieved grade', sign_report: 'Sign the report', organiser_approve: 'Organiser approves',
      organiser_return: 'Organiser returns', authority_approve: 'Authority approves', authority_return: 'Authority returns',
      announce: 'Announce', issue_certificate: 'Issue certificate', withdraw: 'Withdraw', record_objection: 'Record objection', resolve_objection: 'Resolve objection',
      overdue: 'Overdue', revoke_certificate: 'Revoke certificate',
    },
    certStatus: { valid: 'Valid', expired: 'Expired', revoked: 'Revoked', replaced: 'Replaced' },
    field: {
      enterprise: 'Enterprise', uscc: 'Unified social credit code', industry: 'Industry', grade: 'Grade applied for', appliedGrade: 'Grade applied for', state: 'State',
      systemRunSince: 'System running since', deaths: 'Deaths in the past year', seriousAccidents: 'Serious accidents in the past year',
      selfScore: 'Self-assessment score', reviewScore: 'Review score', achievedGrade: 'Grade achieved', scores: 'Scores', dueAt: 'Due', overdue: 'Overdue',
      certificate: 'Certificate number', checklistVersion: 'Checklist version', reviewUnit: 'Review unit', organiser: 'Organising unit',
      noticeEndsAt: 'Notice ends', updatedAt: 'Updated', comment: 'Comment', reason: 'Reason', missing: 'Missing documents',
      reviewers: 'Reviewers', reviewerName: 'Name', certificateNo: 'Reviewer certificate no.', employerUscc: 'Employer credit code (optional)',
      objectionText: 'Objection', resolution: 'Resolution', code: 'Item', element: 'Element', text: 'Requirement', points: 'Points',
      score: 'Score', notApplicable: 'Not applicable', vetoFailed: 'Veto failed', note: 'Note', deductionRule: 'Deductions',
      number: 'Certificate number', signature: 'Signature (optional)', issuedAt: 'Issued', validUntil: 'Valid until', status: 'Status',
      signatureValid: 'Signature', publicKey: 'Public key', qrPayload: 'QR code content', canonical: 'Signed text',
      version: 'Version', name: 'Name', standard: 'Standard', fullScore: 'Full score', itemCount: 'Items', inForce: 'In force', loadedAt: 'Loaded',
      checklistJson: 'Checklist (JSON)',
    },
    list: {
      filters: 'Filters', any: 'Any', empty: 'No applications', total: '{n} applications', overdueTag: 'Overdue', prev: 'Previous page', next: 'Next page',
    },
    apply: {
      submit: 'Apply', done: 'Application created: now do the self-assessment', grade2: 'Grade 2', grade3: 'Grade 3',
      hint: 'Grade 1 is organised by the province; apply here for grade 2 or 3.',
    },
    detail: {
      back: 'Back to the list', facts: 'Facts', timeline: 'Timeline', objections: 'Objections to the notice', noObjections: 'No objections',
      nextSteps: 'Next steps', noNextSteps: 'There is no step for you to take', done: 'Done: {action}', stateChange: '{from} → {to}',
      refusal: 'Refusal', unresolved: 'Unresolved', required: '{field} is required', fillFull: 'Full marks everywhere',
      fillHint: 'A score is between 0 and the item\'s points; veto items carry no score, only whether they failed.', addReviewer: 'Add a reviewer', removeReviewer: 'Remove',
      minReviewers: 'At least 2 reviewers', missingHint: 'One per line', certificate: 'Certificate', issued: 'Certificate issued',
      checklistMissing: 'No checklist in force for this industry', total: 'Total: {n}', reviewUnitId: 'Review unit id', organiserId: 'Organising unit id',
      chooseUnit: 'Choose a unit', veto: 'Veto', resolve: 'Resolve',
    },
    check: {
      intro: 'Enter a certificate number (and the signature printed on it) to check a standardization certificate.', submit: 'Check', notFound: 'No certificate has this number',
      forged: 'The signature does not match: the certificate may be forged', malformed: 'This is not a certificate number', valid: 'Signature valid', invalid: 'Signature invalid',
      result: 'Result',
    },
    pdf: { download: 'Download PDF', missing: 'No such certificate' },
    panel: { title: 'Safety standardization', currentGrade: 'Current grade', none: 'No certificate', noValid: 'No valid certificate', certificates: 'Certificates' },
    checklists: {
      load: 'Load a new version', loaded: 'Checklist loaded', empty: 'No checklists', items: 'Items', hint: 'Paste the checklist JSON: industry, name, standard, version, fullScore, items',
    },
  },
}
