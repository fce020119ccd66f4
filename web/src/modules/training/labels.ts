// Chinese (or English) names of the codes the training API uses, and the
// special operations (特种作业) list of the national catalogue.
import { useI18n } from 'vue-i18n'

export const CATEGORIES = ['PRINCIPAL', 'SAFETY_MANAGER', 'SPECIAL_OPERATIONS'] as const
export type Category = (typeof CATEGORIES)[number]
export const KINDS = ['TRUE_FALSE', 'SINGLE', 'MULTIPLE'] as const
export type Kind = (typeof KINDS)[number]
export const CERT_STATUSES = ['VALID', 'SUSPENDED', 'REVOKED', 'CANCELLED'] as const
export type CertStatus = (typeof CERT_STATUSES)[number]
export const REVOKE_REASONS = ['FRAUD', 'ACCIDENT', 'MISSED_REVIEW'] as const
export type RevokeReason = (typeof REVOKE_REASONS)[number]

/** 特种作业操作项目: code and name (the server's `seed/operations.json`). */
export const OPERATION_ITEMS: readonly (readonly [string, string])[] = [
  ['01-01', '高压电工作业'], ['01-02', '低压电工作业'], ['01-03', '防爆电气作业'],
  ['02-01', '熔化焊接与热切割作业'], ['02-02', '压力焊作业'], ['02-03', '钎焊作业'],
  ['03-01', '登高架设作业'], ['03-02', '高处安装、维护、拆除作业'],
  ['04-01', '制冷与空调设备运行操作作业'], ['04-02', '制冷与空调设备安装修理作业'],
  ['05-01', '煤矿井下电气作业'], ['05-02', '煤矿井下爆破作业'], ['05-03', '煤矿安全监测监控作业'], ['05-04', '煤矿瓦斯检查作业'],
  ['05-05', '煤矿安全检查作业'], ['05-06', '煤矿提升机操作作业'], ['05-07', '煤矿采煤机（掘进机）操作作业'], ['05-08', '煤矿瓦斯抽采作业'],
  ['05-09', '煤矿防突作业'], ['05-10', '煤矿探放水作业'],
  ['06-01', '金属非金属矿井通风作业'], ['06-02', '尾矿作业'], ['06-03', '金属非金属矿山安全检查作业'], ['06-04', '金属非金属矿山提升机操作作业'],
  ['06-05', '金属非金属矿山支柱作业'], ['06-06', '金属非金属矿山井下电气作业'], ['06-07', '金属非金属矿山排水作业'], ['06-08', '金属非金属矿山爆破作业'],
  ['07-01', '司钻作业'], ['08-01', '煤气作业'],
  ['09-01', '光气及光气化工艺作业'], ['09-02', '氯碱电解工艺作业'], ['09-03', '氯化工艺作业'], ['09-04', '硝化工艺作业'],
  ['09-05', '合成氨工艺作业'], ['09-06', '裂解（裂化）工艺作业'], ['09-07', '氟化工艺作业'], ['09-08', '加氢工艺作业'],
  ['09-09', '重氮化工艺作业'], ['09-10', '氧化工艺作业'], ['09-11', '过氧化工艺作业'], ['09-12', '胺基化工艺作业'],
  ['09-13', '磺化工艺作业'], ['09-14', '聚合工艺作业'], ['09-15', '烷基化工艺作业'], ['09-16', '化工自动化控制仪表作业'],
  ['10-01', '烟火药制造作业'], ['10-02', '黑火药制造作业'], ['10-03', '引火线制造作业'], ['10-04', '烟花爆竹产品涉药作业'],
  ['10-05', '烟花爆竹储存作业'], ['11-01', '其他作业'],
]
const OPERATION_NAMES = new Map(OPERATION_ITEMS)

/** `01-01 高压电工作业`, or the code alone when it is not in the list. */
export function operationLabel(code: string | null | undefined, name?: string | null): string {
  if (!code) return ''
  const n = name || OPERATION_NAMES.get(code)
  return n ? `${code} ${n}` : code
}

export function useLabels() {
  const { t, te } = useI18n()
  const name = (group: string, code: string | null | undefined) => {
    if (!code) return ''
    const key = `training.${group}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    categoryName: (c?: string | null) => name('category', c),
    kindName: (c?: string | null) => name('kind', c),
    sessionStateName: (c?: string | null) => name('sessionState', c),
    attemptStateName: (c?: string | null) => name('attemptState', c),
    certStatusName: (c?: string | null) => name('certStatus', c),
    revokeReasonName: (c?: string | null) => name('revokeReason', c),
    certActionName: (c?: string | null) => name('certAction', c),
    flagName: (c?: string | null) => name('flag', c),
    /** 合格 / 不合格 / 待定 (no decision yet). */
    passedName: (p?: boolean | null) => (p === true ? t('training.common.passed') : p === false ? t('training.common.failed') : t('training.common.pending')),
  }
}
