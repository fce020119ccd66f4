//! Enterprise domain model: 统一社会信用代码, supervised industries, size bands,
//! major hazard source grades, special risk flags and operating status.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Characters allowed in a 统一社会信用代码 (no I, O, S, V, Z).
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ALPHA: &[u8] = USCC_ALPHABET.as_bytes();
/// w_i = 3^(i-1) mod 31, i = 1..17.
const USCC_WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714 组织机构代码 weights for the 8 body characters.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// Valid 登记管理部门码 + 机构类别码 pairs (positions 1-2).
const ENTITY_PAIRS: [&str; 12] = [
    "11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93", "Y1",
];

fn alpha_index(b: u8) -> Option<usize> {
    ALPHA.iter().position(|&a| a == b)
}

/// Core of the USCC check over the first 17 bytes; caller validates the alphabet.
fn uscc_check_of(first17: &[u8]) -> u8 {
    let sum: usize = first17
        .iter()
        .zip(USCC_WEIGHTS)
        .map(|(b, w)| alpha_index(*b).unwrap_or(0) * w)
        .sum();
    ALPHA[(31 - sum % 31) % 31]
}

/// GB 11714 value: digit value, or 10 + index in 'A'..='Z'. Caller validates.
fn org_value(b: u8) -> u32 {
    if b.is_ascii_digit() {
        u32::from(b - b'0')
    } else {
        u32::from(b.wrapping_sub(b'A')) + 10
    }
}

/// Core of the organisation code check; bytes must be digits or A-Z.
fn org_check_of(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(ORG_WEIGHTS)
        .map(|(b, w)| org_value(*b) * w)
        .sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        c => b'0' + c as u8,
    }
}

fn upper_bytes(s: &str) -> Vec<u8> {
    s.trim().bytes().map(|b| b.to_ascii_uppercase()).collect()
}

/// USCC check character (18th) for 17 alphabet characters; `None` if malformed.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let bytes = upper_bytes(first17);
    if bytes.len() != 17 || bytes.iter().any(|b| alpha_index(*b).is_none()) {
        return None;
    }
    Some(char::from(uscc_check_of(&bytes)))
}

/// 组织机构代码 check character (USCC position 17) for positions 9-16; `None` if malformed.
pub fn org_check_char(pos9to16: &str) -> Option<char> {
    let bytes = upper_bytes(pos9to16);
    if bytes.len() != 8 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(char::from(org_check_of(&bytes)))
}

/// Why a 统一社会信用代码 failed to parse. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    Length,
    Alphabet { position: usize, ch: char },
    EntityType,
    Division,
    CheckChar { expected: char, found: char },
}

impl UsccError {
    pub fn message_zh(&self) -> String {
        match self {
            UsccError::Length => "统一社会信用代码应为18位".into(),
            UsccError::Alphabet { position, ch } => {
                format!("第{position}位字符“{ch}”不合法（不得使用I、O、S、V、Z）")
            }
            UsccError::EntityType => "登记管理部门码或机构类别码（第1-2位）无效".into(),
            UsccError::Division => "登记管理机关行政区划码（第3-8位）应为6位数字".into(),
            UsccError::CheckChar { expected, found } => {
                format!("校验码错误：应为“{expected}”，实为“{found}”")
            }
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            UsccError::Length => "USCC must be 18 characters".into(),
            UsccError::Alphabet { position, ch } => {
                format!("invalid character '{ch}' at position {position}")
            }
            UsccError::EntityType => "invalid entity type code (positions 1-2)".into(),
            UsccError::Division => "division code (positions 3-8) must be 6 digits".into(),
            UsccError::CheckChar { expected, found } => {
                format!("check character mismatch: expected '{expected}', found '{found}'")
            }
        }
    }
}

impl fmt::Display for UsccError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for UsccError {}

/// 统一社会信用代码 (GB 32100-2015), validated and upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uscc(String);

impl Uscc {
    /// Trims, upper-cases and validates. A bad 组织机构代码 check (position 17)
    /// does not fail; callers warn via [`Uscc::org_code_check_ok`].
    pub fn parse(s: &str) -> Result<Uscc, UsccError> {
        let norm = s.trim().to_ascii_uppercase();
        if norm.chars().count() != 18 {
            return Err(UsccError::Length);
        }
        let bad = |c: &char| !c.is_ascii() || alpha_index(*c as u8).is_none();
        if let Some((i, ch)) = norm.chars().enumerate().find(|(_, c)| bad(c)) {
            let position = i + 1;
            return Err(UsccError::Alphabet { position, ch });
        }
        let b = norm.as_bytes();
        if !ENTITY_PAIRS.contains(&&norm[0..2]) {
            return Err(UsccError::EntityType);
        }
        if !b[2..8].iter().all(u8::is_ascii_digit) {
            return Err(UsccError::Division);
        }
        let expected = uscc_check_of(&b[..17]);
        if expected != b[17] {
            return Err(UsccError::CheckChar {
                expected: char::from(expected),
                found: char::from(b[17]),
            });
        }
        Ok(Uscc(norm))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 登记管理机关行政区划码 (positions 3-8).
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }

    /// Whether position 17 matches the GB 11714 check over positions 9-16.
    pub fn org_code_check_ok(&self) -> bool {
        let b = self.0.as_bytes();
        org_check_of(&b[8..16]) == b[16]
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Uscc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Uscc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Uscc::parse(&s).map_err(|e| de::Error::custom(e.message_en()))
    }
}

/// Enum with a stable ASCII key (serde form) and a Chinese name.
macro_rules! keyed_enum {
    ($(#[$m:meta])* $name:ident, $keyfn:ident, $what:expr,
     { $($v:ident => ($key:expr, $zh:expr)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($v),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// Stable ASCII key, also the serde form.
            pub fn $keyfn(&self) -> &'static str {
                match self {
                    $($name::$v => $key),+
                }
            }

            pub fn name_zh(&self) -> &'static str {
                match self {
                    $($name::$v => $zh),+
                }
            }

            /// Key (case-insensitive, '_' accepted for '-') or exact Chinese name.
            pub fn parse(s: &str) -> Option<$name> {
                let t = s.trim();
                let k = t.replace('_', "-");
                Self::ALL.iter().copied().find(|x| x.$keyfn().eq_ignore_ascii_case(&k) || x.name_zh() == t)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.$keyfn())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| de::Error::custom(format!("unknown {}: {s}", $what)))
            }
        }
    };
}

keyed_enum!(
    /// 监管行业, keyed by the national two-letter industry code.
    Industry, code, "industry", {
        Mine => ("KS", "矿山"),
        OilGas => ("SY", "石油天然气"),
        TailingsPond => ("XK", "尾矿库"),
        MiningConstruction => ("CJ", "采掘施工"),
        GeologicalExploration => ("DZ", "地质勘探"),
        HazardousChemicals => ("WH", "危险化学品"),
        Chemical => ("HG", "化工"),
        Pharmaceutical => ("YY", "医药"),
        Fireworks => ("YH", "烟花爆竹"),
        Metallurgy => ("YJ", "冶金"),
        NonFerrous => ("YS", "有色"),
        BuildingMaterials => ("JC", "建材"),
        Machinery => ("JX", "机械"),
        LightIndustry => ("QG", "轻工"),
        Textile => ("FZ", "纺织"),
        Tobacco => ("YC", "烟草"),
        Commerce => ("SM", "商贸"),
    }
);

/// All 17 supervised industries (same as `Industry::ALL`).
pub const INDUSTRIES: &[Industry] = Industry::ALL;

impl Industry {
    /// Supervision group: 危化 / 非煤矿山 / 工贸.
    pub fn group(&self) -> &'static str {
        use Industry::*;
        match self {
            HazardousChemicals | Chemical | Pharmaceutical | Fireworks => "hazardous-chemicals",
            Mine | OilGas | TailingsPond | MiningConstruction | GeologicalExploration => {
                "non-coal-mines"
            }
            _ => "industry-trade",
        }
    }
}

keyed_enum!(
    /// 企业规模.
    SizeBand, as_str, "size band", {
        Large => ("large", "大型"),
        Medium => ("medium", "中型"),
        Small => ("small", "小型"),
        Micro => ("micro", "微型"),
    }
);

/// 工业企业划型标准 (2017); revenue in 万元. Provinces may override fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SizeRules {
    pub large_staff: i64,
    pub large_revenue_wan: f64,
    pub medium_staff: i64,
    pub medium_revenue_wan: f64,
    pub small_staff: i64,
    pub small_revenue_wan: f64,
    /// 规模以上: 主营业务收入 ≥ this many 万元.
    pub above_designated_revenue_wan: f64,
}

impl Default for SizeRules {
    fn default() -> Self {
        SizeRules {
            large_staff: 1000,
            large_revenue_wan: 40000.0,
            medium_staff: 300,
            medium_revenue_wan: 2000.0,
            small_staff: 20,
            small_revenue_wan: 300.0,
            above_designated_revenue_wan: 2000.0,
        }
    }
}

impl SizeRules {
    /// A band needs both its staff and revenue thresholds; otherwise it falls through to 微型.
    pub fn band(&self, staff: i64, revenue_wan: f64) -> SizeBand {
        if staff >= self.large_staff && revenue_wan >= self.large_revenue_wan {
            SizeBand::Large
        } else if staff >= self.medium_staff && revenue_wan >= self.medium_revenue_wan {
            SizeBand::Medium
        } else if staff >= self.small_staff && revenue_wan >= self.small_revenue_wan {
            SizeBand::Small
        } else {
            SizeBand::Micro
        }
    }

    /// 规模以上工业企业.
    pub fn above_designated_size(&self, revenue_wan: f64) -> bool {
        revenue_wan >= self.above_designated_revenue_wan
    }
}

/// 重大危险源分级 (GB 18218) thresholds on the R value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HazardGradeRules {
    pub grade1_min: f64,
    pub grade2_min: f64,
    pub grade3_min: f64,
}

impl Default for HazardGradeRules {
    fn default() -> Self {
        HazardGradeRules {
            grade1_min: 100.0,
            grade2_min: 50.0,
            grade3_min: 10.0,
        }
    }
}

impl HazardGradeRules {
    /// 一级 R≥100, 二级 50≤R<100, 三级 10≤R<50, 四级 R<10; R must be finite and ≥ 0.
    pub fn grade(&self, r: f64) -> Result<u8, &'static str> {
        if !r.is_finite() || r < 0.0 {
            return Err("R must be a finite number >= 0");
        }
        let mins = [self.grade1_min, self.grade2_min, self.grade3_min];
        Ok(mins.iter().position(|m| r >= *m).map_or(4, |i| i as u8 + 1))
    }
}

keyed_enum!(
    /// 工贸行业重点风险标签.
    RiskFlag, as_str, "risk flag", {
        DustExplosion => ("dust-explosion", "粉尘涉爆"),
        AmmoniaRefrigeration => ("ammonia-refrigeration", "涉氨制冷"),
        ConfinedSpace => ("confined-space", "有限空间"),
        MetallurgicalGas => ("metallurgical-gas", "冶金煤气"),
        MoltenMetal => ("molten-metal", "高温熔融金属"),
    }
);

keyed_enum!(
    /// 经营状态.
    OperatingStatus, as_str, "operating status", {
        Operating => ("operating", "在营"),
        Suspended => ("suspended", "停产"),
        Closed => ("closed", "关闭"),
    }
);

fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Deterministic valid "91" (企业) code. `division` contributes its first 6
/// ASCII digits, right-padded with '0'.
pub fn generate_uscc(seed: u64, division: &str) -> Uscc {
    let mut code = [b'0'; 18];
    code[..2].copy_from_slice(b"91");
    for (slot, d) in code[2..8]
        .iter_mut()
        .zip(division.bytes().filter(u8::is_ascii_digit))
    {
        *slot = d;
    }
    let mut x = splitmix64(seed) % 31u64.pow(8);
    for slot in code[8..16].iter_mut().rev() {
        *slot = ALPHA[(x % 31) as usize];
        x /= 31;
    }
    code[16] = org_check_of(&code[8..16]);
    code[17] = uscc_check_of(&code[..17]);
    Uscc(code.iter().map(|&b| char::from(b)).collect())
}

#[cfg(test)]
mod tests {
    use super::UsccError as E;
    use super::*;
    use std::collections::HashSet;

    const GOOD: &str = "9144030071526726XG";

    fn p(s: &str) -> Result<Uscc, UsccError> {
        Uscc::parse(s)
    }

    #[test]
    fn uscc_known_code_and_errors() {
        let u = p(GOOD).unwrap();
        assert_eq!((u.as_str(), u.division_code()), (GOOD, "440300"));
        assert!(u.org_code_check_ok());
        assert_eq!(uscc_check_char(&GOOD[..17]), Some('G'));
        assert_eq!(org_check_char("71526726"), Some('X'));
        let bad = format!("{}H", &GOOD[..17]);
        let (expected, found) = ('G', 'H');
        assert_eq!(p(&bad), Err(E::CheckChar { expected, found }));
        for ch in ['I', 'O', 'S', 'V', 'Z'] {
            let s = format!("{}{}{}", &GOOD[..9], ch, &GOOD[10..]);
            assert_eq!(p(&s), Err(E::Alphabet { position: 10, ch }));
        }
        for s in [&GOOD[..17], &format!("{GOOD}0"), ""] {
            assert_eq!(p(s), Err(E::Length));
        }
        assert_eq!(p("9444030071526726XG"), Err(E::EntityType));
        assert_eq!(p("91440A0071526726XG"), Err(E::Division));
        assert_eq!(p("  9144030071526726xg ").unwrap().to_string(), GOOD);
    }

    #[test]
    fn helper_round_trip_and_org_warning() {
        let body = "MA2GL5K8";
        let org = org_check_char(body).unwrap();
        let build = |o: char| {
            let f17 = format!("91330106{body}{o}");
            p(&format!("{f17}{}", uscc_check_char(&f17).unwrap())).unwrap()
        };
        let u = build(org);
        assert!(u.org_code_check_ok());
        assert_eq!(u.division_code(), "330106");
        // A wrong org check still parses; it is only a warning.
        assert!(!build(if org == '0' { '1' } else { '0' }).org_code_check_ok());
    }

    #[test]
    fn generator_valid_and_distinct() {
        let mut seen = HashSet::new();
        for seed in 0..1000u64 {
            let u = p(generate_uscc(seed, "330106").as_str()).unwrap();
            assert!(u.org_code_check_ok() && u.division_code() == "330106");
            assert!(seen.insert(u));
        }
        assert_eq!(generate_uscc(7, "44"), generate_uscc(7, "440000"));
    }

    #[test]
    fn industries() {
        let codes: HashSet<_> = INDUSTRIES.iter().map(|i| i.code()).collect();
        assert_eq!(codes.len(), 17);
        assert_eq!(Industry::parse("wh"), Some(Industry::HazardousChemicals));
        assert_eq!(Industry::parse("烟花爆竹"), Some(Industry::Fireworks));
        assert_eq!(Industry::parse("XX"), None);
        assert_eq!(Industry::Fireworks.group(), "hazardous-chemicals");
        assert_eq!(Industry::GeologicalExploration.group(), "non-coal-mines");
        assert_eq!(Industry::Commerce.group(), "industry-trade");
    }

    #[test]
    fn size_boundaries() {
        use SizeBand::*;
        let r = SizeRules::default();
        let cases = [
            (1000, 40000.0, Large),
            (999, 40000.0, Medium),
            (1000, 39999.9, Medium),
            (300, 2000.0, Medium),
            (299, 2000.0, Small),
            (20, 300.0, Small),
            (19, 300.0, Micro),
            (5000, 299.0, Micro),
        ];
        for (staff, rev, band) in cases {
            assert_eq!(r.band(staff, rev), band, "{staff} {rev}");
        }
        assert!(r.above_designated_size(2000.0) && !r.above_designated_size(1999.99));
        assert_eq!(SizeBand::parse("中型"), Some(Medium));
        assert_eq!(SizeBand::parse("Micro"), Some(Micro));
    }

    #[test]
    fn hazard_grades() {
        let h = HazardGradeRules::default();
        let cases = [
            (100.0, 1),
            (99.99, 2),
            (50.0, 2),
            (49.9, 3),
            (10.0, 3),
            (9.99, 4),
            (0.0, 4),
        ];
        for (r, g) in cases {
            assert_eq!(h.grade(r), Ok(g), "R={r}");
        }
        for r in [-1.0, f64::NAN, f64::INFINITY] {
            assert!(h.grade(r).is_err());
        }
    }

    #[test]
    fn flags_and_status() {
        for f in RiskFlag::ALL {
            assert_eq!(RiskFlag::parse(f.as_str()), Some(*f));
            assert_eq!(RiskFlag::parse(f.name_zh()), Some(*f));
        }
        use OperatingStatus as O;
        assert_eq!(O::parse("停产"), Some(O::Suspended));
        assert_eq!(O::parse("closed"), Some(O::Closed));
        assert_eq!(O::parse("x"), None);
    }
}
