//! Names that read like real ones for generated data: firms (企业名称, as
//! 行政区划 + 字号 + 行业 + 组织形式), people and addresses.
//!
//! A county's firm names are unique by construction, with no number tacked
//! on: row `i` maps through a permutation of the name space (trade name ×
//! region × legal form) chosen by the seed, so two rows of one county and
//! seed never share a name up to [`space()`] rows.

use std::sync::LazyLock;

/// Trade names' first characters (字号首字).
const FIRST: &[char] = &[
    '恒', '华', '鑫', '永', '盛', '金', '鼎', '瑞', '丰', '泰', '宏', '新', '兴', '隆', '昌', '顺',
    '祥', '康', '宇', '航', '创', '明', '光', '辉', '远', '东', '中', '天', '海', '宝', '德', '信',
    '诚', '益', '嘉', '佳', '润', '源', '长', '正', '通', '力', '联', '凯', '旭', '晨', '春', '博',
    '卓', '万', '福', '俊', '豪', '耀', '星', '锦', '银', '龙', '鹏', '翔', '腾', '骏', '亿', '合',
    '振', '富', '裕', '胜', '汇', '景', '宁', '安', '立', '精', '巨', '众', '大', '鸿', '荣', '伟',
    '双', '三', '百', '千', '峰', '山', '森', '蓝', '青', '红', '国', '江', '华', '浙', '钱', '越',
    '吴',
];

/// Trade names' second characters (字号次字), none shared with [`FIRST`].
const SECOND: &[char] = &[
    '达', '利', '和', '业', '发', '源', '成', '拓', '美', '辰', '阳', '峻', '迪', '威', '杰', '贸',
    '茂', '亨', '瀚', '铭', '轩', '锐', '扬', '诺', '迈', '帆', '航', '盈', '川', '图', '湖', '林',
    '河', '泉', '石', '洲', '邦', '元', '程', '晟', '坤', '乾', '一', '斯', '特', '普', '奥', '莱',
    '嘉', '顿', '科', '工', '实', '强', '进', '展', '优', '佳', '旺', '隆', '欣', '悦', '尚', '宸',
    '恩', '仁', '义', '礼', '智', '道', '海', '驰', '奇', '凌', '志', '远', '骐', '麟', '凤', '鹰',
    '松', '柏', '竹', '梅', '兰', '菊', '荷', '桐', '枫', '杉', '桦', '楠', '榕', '樟', '槐', '杨',
    '宏', '泰', '昊', '灿',
];

/// Legal forms (组织形式); distinct strings, so names stay distinct.
const FORMS: &[&str] = &["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"];

/// Cities of the province by the first four digits of a division code.
const CITIES: &[(&str, &str)] = &[
    ("3301", "杭州"),
    ("3302", "宁波"),
    ("3303", "温州"),
    ("3304", "嘉兴"),
    ("3305", "湖州"),
    ("3306", "绍兴"),
    ("3307", "金华"),
    ("3308", "衢州"),
    ("3309", "舟山"),
    ("3310", "台州"),
    ("3311", "丽水"),
];

/// Regions a name may start with: the city, the city with 市, the province.
const REGIONS: usize = 3;

/// The trade names' characters: [`FIRST`] and [`SECOND`] without repeats,
/// and none in both (no 恒恒), so every pair is a distinct name.
static TRADE: LazyLock<(Vec<char>, Vec<char>)> = LazyLock::new(|| {
    let mut a: Vec<char> = Vec::new();
    for c in FIRST {
        if !a.contains(c) {
            a.push(*c);
        }
    }
    let mut b: Vec<char> = Vec::new();
    for c in SECOND {
        if !a.contains(c) && !b.contains(c) {
            b.push(*c);
        }
    }
    (a, b)
});

/// The size of a county's name space: trade names × regions × forms; the
/// rows per county and seed whose firm names are unique.
pub fn space() -> u64 {
    (TRADE.0.len() * TRADE.1.len() * REGIONS * FORMS.len()) as u64
}

fn city(county: &str) -> &'static str {
    CITIES
        .iter()
        .find(|(code, _)| county.starts_with(code))
        .map_or("华东", |c| c.1)
}

fn province(county: &str) -> &'static str {
    if county.starts_with("33") {
        "浙江"
    } else {
        "中华"
    }
}

/// The name of a county's `i`th generated firm, with its industry's `stem`
/// (机械, 化工, ...): unique in the county for one `seed` while
/// `i` < [`space()`]; past it a branch (分公司) is named.
pub fn firm(seed: u64, county: &str, i: u64, stem: &str) -> String {
    let (a, b) = (&TRADE.0, &TRADE.1);
    let n = space();
    let j = permuted(seed, i % n, n);
    let (x, rest) = (j % a.len() as u64, j / a.len() as u64);
    let (y, rest) = (rest % b.len() as u64, rest / b.len() as u64);
    let (form, region) = (
        FORMS[(rest % FORMS.len() as u64) as usize],
        rest / FORMS.len() as u64,
    );
    let region = match region {
        0 => city(county).to_string(),
        1 => format!("{}市", city(county)),
        _ => province(county).to_string(),
    };
    let name = format!("{region}{}{}{stem}{form}", a[x as usize], b[y as usize]);
    match i / n {
        0 => name,
        k => format!("{name}第{}分公司", chinese_number(k + 1)),
    }
}

/// `n` in Chinese numerals (二, 十一, 二十三, 一百二十), as branch numbers are written.
fn chinese_number(n: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n < 10 {
        return DIGITS[n as usize].to_string();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    if n < 100 {
        let ones = if n.is_multiple_of(10) {
            ""
        } else {
            DIGITS[(n % 10) as usize]
        };
        return format!("{}十{ones}", DIGITS[(n / 10) as usize]);
    }
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// `i` (< `n`) through a permutation of `0..n` chosen by `seed`: an affine
/// map with a step prime to `n`.
fn permuted(seed: u64, i: u64, n: u64) -> u64 {
    let mut step = 7_919 + (seed % 1_000) * 2;
    while gcd(step, n) != 1 {
        step += 1;
    }
    (i.wrapping_mul(step) % n + seed % n) % n
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "蒋", "蔡", "丁", "叶", "潘", "杜", "戴", "夏",
    "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "金", "陆", "俞", "章",
];
const GIVEN_FIRST: &[&str] = &[
    "建", "国", "志", "明", "晓", "文", "海", "永", "秀", "丽", "伟", "春", "玉", "金", "新", "红",
    "俊", "雪", "子", "立", "振", "浩", "思", "嘉", "佳", "宇", "梦", "雨", "学", "德",
];
const GIVEN_SECOND: &[&str] = &[
    "华", "军", "平", "强", "芳", "英", "敏", "峰", "杰", "涛", "辉", "霞", "勇", "兰", "琴", "林",
    "东", "斌", "波", "婷", "磊", "超", "鹏", "飞", "龙", "洁", "静", "凯", "阳", "涵",
];

/// A person's name (姓名), of one or two given characters.
pub fn person(r: u64) -> String {
    let s = SURNAMES[(r % SURNAMES.len() as u64) as usize];
    let r = r / SURNAMES.len() as u64;
    let g1 = GIVEN_FIRST[(r % GIVEN_FIRST.len() as u64) as usize];
    let r = r / GIVEN_FIRST.len() as u64;
    let g2 = GIVEN_SECOND[(r % GIVEN_SECOND.len() as u64) as usize];
    if (r / GIVEN_SECOND.len() as u64).is_multiple_of(4) {
        format!("{s}{g2}")
    } else {
        format!("{s}{g1}{g2}")
    }
}

const AREAS: &[&str] = &[
    "城东街道",
    "城西街道",
    "城南街道",
    "城北街道",
    "经济开发区",
    "高新技术产业园区",
    "工业园区",
    "新区",
    "临江工业区",
    "滨海新区",
    "新城街道",
    "东湖街道",
];
const ROADS: &[&str] = &[
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "工业路",
    "创业大道",
    "科技路",
    "环城北路",
    "环城东路",
    "文化路",
    "兴业路",
    "发展大道",
    "滨江路",
    "江南大道",
    "长兴路",
    "青年路",
    "振兴路",
    "纬一路",
    "经二路",
    "港湾路",
];

/// A production address (生产经营地址) in the county's `city`.
pub fn address(county: &str, r: u64) -> String {
    let area = AREAS[(r % AREAS.len() as u64) as usize];
    let r = r / AREAS.len() as u64;
    let road = ROADS[(r % ROADS.len() as u64) as usize];
    let r = r / ROADS.len() as u64;
    format!("{}市{area}{road}{}号", city(county), 1 + r % 888)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_countys_firm_names_are_unique_and_carry_no_number() {
        let n = 130_000;
        let mut seen = HashSet::with_capacity(n as usize);
        for i in 0..n {
            let name = firm(42, "330106", i, "机械");
            assert!(!name.chars().any(|c| c.is_ascii_digit()), "{name}");
            assert!(seen.insert(name.clone()), "row {i}: {name} twice");
        }
        assert!(space() >= 100_000, "{}", space());
        assert_eq!(
            [2, 10, 11, 20, 23].map(chinese_number),
            ["二", "十", "十一", "二十", "二十三"]
        );
        assert_eq!(firm(42, "330106", 7, "化工"), firm(42, "330106", 7, "化工"));
        assert_ne!(firm(42, "330106", 7, "化工"), firm(43, "330106", 7, "化工"));
        assert!(
            firm(1, "330203", 0, "化工").starts_with("宁波")
                || firm(1, "330203", 0, "化工").starts_with("浙江")
        );
    }

    #[test]
    fn people_and_addresses_read_like_real_ones() {
        for r in [0, 1, 977, 123_456_789] {
            let p = person(r);
            assert!((2..=3).contains(&p.chars().count()), "{p}");
            let a = address("330106", r);
            assert!(a.starts_with("杭州市") && a.ends_with('号'), "{a}");
        }
    }
}
