//! Text of generated hazards that reads like an inspector's record: what
//! was found (by category), where, the measures, and who answers for them.

/// (category, what was found, where, the measures).
const FINDINGS: &[(&str, &str, &str, &str)] = &[
    (
        "fire",
        "消防通道被成品堆放占用，疏散宽度不足",
        "成品仓库",
        "清理通道堆放物，划定禁止占用标线",
    ),
    (
        "fire",
        "部分灭火器压力不足，未按月检查",
        "生产车间",
        "更换失效灭火器，建立月度检查记录",
    ),
    (
        "fire",
        "应急照明和疏散指示标志损坏",
        "办公楼楼梯间",
        "修复应急照明，增设疏散指示标志",
    ),
    (
        "explosion",
        "可燃气体报警器未定期校验",
        "罐区",
        "委托有资质单位校验报警器并存档",
    ),
    (
        "explosion",
        "防爆区域使用非防爆电气设备",
        "溶剂配料间",
        "更换为防爆型电气设备",
    ),
    (
        "electrical",
        "配电箱未设置漏电保护装置",
        "机加工车间",
        "加装漏电保护器并每月试验",
    ),
    (
        "electrical",
        "临时用电线路私拉乱接，绝缘层破损",
        "厂区东侧",
        "拆除临时线路，按规范架设电缆",
    ),
    (
        "machinery",
        "冲床光电保护装置失效",
        "冲压车间",
        "修复光电保护装置，停机检修前挂牌上锁",
    ),
    (
        "machinery",
        "传动皮带防护罩缺失",
        "包装车间",
        "加装防护罩，开展设备安全检查",
    ),
    (
        "confined-space",
        "有限空间作业未执行先通风、再检测、后作业",
        "污水处理池",
        "制定有限空间作业审批制度，配备检测仪",
    ),
    (
        "confined-space",
        "有限空间未设置安全警示标识",
        "地下污水井",
        "设置警示标识，建立有限空间台账",
    ),
    (
        "hazardous-chemicals",
        "危险化学品未分类分区储存，禁忌物料混放",
        "危化品仓库",
        "按禁忌要求分区储存，设置隔离",
    ),
    (
        "hazardous-chemicals",
        "储罐区围堰破损，排水阀常开",
        "储罐区",
        "修复围堰，排水阀保持常闭并挂牌",
    ),
    (
        "dust",
        "除尘系统未按规定清灰，积尘较厚",
        "抛光车间",
        "落实每班清扫制度，定期清理除尘管道",
    ),
    (
        "dust",
        "除尘器未设置泄爆装置",
        "木工车间",
        "加装泄爆片并委托检测",
    ),
    (
        "working-at-height",
        "登高作业未系安全带，作业平台无护栏",
        "钢结构厂房",
        "设置防护栏杆，作业人员系挂安全带",
    ),
    (
        "working-at-height",
        "屋面作业未设置安全网",
        "仓库屋面",
        "搭设安全网，办理高处作业审批",
    ),
    (
        "management",
        "特种作业人员无证上岗",
        "叉车作业区",
        "组织取证培训，未取证人员停止作业",
    ),
    (
        "management",
        "安全生产责任制未覆盖全部岗位",
        "安全管理部",
        "修订责任制，逐级签订责任书",
    ),
    (
        "management",
        "未制定生产安全事故应急预案或未演练",
        "公司",
        "编制应急预案并组织年度演练",
    ),
    (
        "other",
        "厂区道路无限速标志，车辆超速",
        "厂区主干道",
        "设置限速标志和减速带",
    ),
    (
        "other",
        "员工宿舍违规使用大功率电器",
        "员工宿舍",
        "开展宿舍安全检查，清理违规电器",
    ),
];

/// A finding of `category` (what was found, where, the measures), by `r`.
pub fn finding(category: &str, r: u64) -> (&'static str, &'static str, &'static str) {
    let of: Vec<&(&str, &str, &str, &str)> = FINDINGS.iter().filter(|f| f.0 == category).collect();
    let f = if of.is_empty() {
        &FINDINGS[(r % FINDINGS.len() as u64) as usize]
    } else {
        of[(r % of.len() as u64) as usize]
    };
    (f.1, f.2, f.3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_findings() {
        for c in crate::generate::CATEGORIES {
            assert!(FINDINGS.iter().any(|f| f.0 == *c), "{c}");
            let (what, place, measures) = finding(c, 12_345);
            assert!(!what.is_empty() && !place.is_empty() && !measures.is_empty());
        }
    }
}
