//! One enterprise as the exchange format describes it, parsed from a raw record
//! (CSV cells, JSON Lines or GraphQL input all arrive as [`Raw`]). Parsing is
//! the first half of the single validation step; county rules are the second.

use crate::exchange::Raw;
use crate::model::{
    HazardGradeRules, Industry, OperatingStatus, RiskFlag, SizeBand, SizeRules, Uscc,
};
use anjian_platform::FieldError;
use serde_json::{json, Value};

/// A licence (许可证).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Licence {
    pub kind: String,
    pub number: String,
    pub scope: Option<String>,
    pub issued_on: Option<String>,
    pub expires_on: Option<String>,
}

/// A major hazard source (重大危险源) with its grade from the R value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MajorHazard {
    pub name: String,
    pub r_value: f64,
    pub grade: u8,
}

/// A validated enterprise.
#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseRecord {
    pub uscc: Uscc,
    pub name: String,
    pub legal_representative: Option<String>,
    pub principal: Option<String>,
    pub principal_phone: Option<String>,
    pub safety_manager: Option<String>,
    /// 安全管理负责人联系电话
    pub safety_manager_phone: Option<String>,
    pub registered_address: Option<String>,
    pub production_address: String,
    pub division_code: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub industry: Industry,
    pub industry_subtype: Option<String>,
    pub gbt4754: Option<String>,
    pub registration_type: Option<String>,
    pub size_band: SizeBand,
    pub size_band_overridden: bool,
    pub above_designated_size: bool,
    pub staff_count: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub founded_on: Option<String>,
    pub status: OperatingStatus,
    pub safety_staff: Option<i64>,
    pub safety_engineers: Option<i64>,
    pub risk_flags: Vec<RiskFlag>,
    /// None: keep the stored licences (CSV has none).
    pub licences: Option<Vec<Licence>>,
    pub major_hazards: Option<Vec<MajorHazard>>,
}

/// Rules the parse needs (province data, not constants).
#[derive(Debug, Clone)]
pub struct Rules {
    pub size: SizeRules,
    pub hazard: HazardGradeRules,
    /// Days before expiry that licence holders are reminded.
    pub licence_reminder_days: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            size: SizeRules::default(),
            hazard: HazardGradeRules::default(),
            licence_reminder_days: 30,
        }
    }
}

/// Non-fatal findings (e.g. an old organisation code check character).
pub type Warnings = Vec<FieldError>;

struct P<'a> {
    raw: &'a Raw,
    errs: Vec<FieldError>,
}

impl<'a> P<'a> {
    fn err(&mut self, field: &str, zh: &str, en: &str) {
        self.errs.push(FieldError::new(field, zh, en));
    }

    fn text(&self, key: &str) -> Option<String> {
        match self.raw.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn bounded(&mut self, key: &str, max: usize) -> Option<String> {
        let v = self.text(key)?;
        if v.chars().count() > max {
            self.err(
                key,
                &format!("不能超过{max}字"),
                &format!("at most {max} characters"),
            );
            return None;
        }
        Some(v)
    }

    /// A phone number: digits, `+`, `-` and spaces, 5 to 20 characters.
    fn phone(&mut self, key: &str) -> Option<String> {
        let ph = self.bounded(key, 20)?;
        let ok = ph.len() >= 5 && ph.chars().all(|c| c.is_ascii_digit() || "+- ".contains(c));
        if !ok {
            self.err(key, "电话号码格式不正确", "not a phone number");
        }
        Some(ph)
    }

    fn required(&mut self, key: &str, max: usize) -> Option<String> {
        if self.text(key).is_none() {
            self.err(key, "必填", "required");
            return None;
        }
        self.bounded(key, max)
    }

    fn int(&mut self, key: &str) -> Option<i64> {
        let v = self.text(key)?;
        match v.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            Ok(_) => {
                self.err(key, "不能为负数", "must not be negative");
                None
            }
            Err(_) => {
                self.err(key, "应为整数", "must be a whole number");
                None
            }
        }
    }

    fn float(&mut self, key: &str, min: f64, max: f64) -> Option<f64> {
        let v = self.text(key)?;
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= min && n <= max => Some(n),
            Ok(_) => {
                self.err(
                    key,
                    &format!("应在{min}到{max}之间"),
                    &format!("must be between {min} and {max}"),
                );
                None
            }
            Err(_) => {
                self.err(key, "应为数字", "must be a number");
                None
            }
        }
    }

    fn date(&mut self, key: &str, not_future: bool) -> Option<String> {
        let v = self.text(key)?;
        let Ok(d) = chrono::NaiveDate::parse_from_str(&v.replace('/', "-"), "%Y-%m-%d") else {
            self.err(key, "日期格式应为 YYYY-MM-DD", "a date is YYYY-MM-DD");
            return None;
        };
        if not_future && d > chrono::Utc::now().date_naive() {
            self.err(
                key,
                "日期不能晚于今天",
                "the date must not be in the future",
            );
            return None;
        }
        Some(d.format("%Y-%m-%d").to_string())
    }
}

/// Parses and checks one record; `county` is the tenant importing it.
pub fn parse(
    raw: &Raw,
    county: &str,
    rules: &Rules,
) -> Result<(EnterpriseRecord, Warnings), Vec<FieldError>> {
    let mut p = P {
        raw,
        errs: Vec::new(),
    };
    let mut warnings = Vec::new();
    let uscc = match p.text("uscc") {
        None => {
            p.err("uscc", "必填", "required");
            None
        }
        Some(s) => match Uscc::parse(&s) {
            Ok(u) => {
                if !u.org_code_check_ok() {
                    warnings.push(FieldError::new("uscc", "组织机构代码校验位不符（旧登记，仅提示）", "organisation code check character mismatch (older registration; warning only)"));
                }
                Some(u)
            }
            Err(e) => {
                p.err("uscc", &e.message_zh(), &e.message_en());
                None
            }
        },
    };
    let name = p.required("name", 200);
    let legal_representative = p.bounded("legal_representative", 50);
    let principal = p.bounded("principal", 50);
    let principal_phone = p.phone("principal_phone");
    let safety_manager = p.bounded("safety_manager", 50);
    let safety_manager_phone = p.phone("safety_manager_phone");
    let registered_address = p.bounded("registered_address", 200);
    let production_address = p.required("production_address", 200);
    let division_code = p.required("division_code", 12);
    if let Some(d) = &division_code {
        let ok = matches!(d.len(), 6 | 9 | 12) && d.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            p.err(
                "division_code",
                "行政区划代码应为6、9或12位数字",
                "a division code is 6, 9 or 12 digits",
            );
        } else if &d[..6] != county {
            p.err(
                "division_code",
                &format!("行政区划 {d} 不属于本县（{county}）"),
                &format!("division {d} is outside this county ({county})"),
            );
        }
    }
    let latitude = p.float("latitude", -90.0, 90.0);
    let longitude = p.float("longitude", -180.0, 180.0);
    if latitude.is_some() != longitude.is_some() {
        p.err(
            "longitude",
            "经纬度须同时填写",
            "give both latitude and longitude, or neither",
        );
    }
    let industry = match p.text("industry") {
        None => {
            p.err("industry", "必填", "required");
            None
        }
        Some(s) => Industry::parse(&s).or_else(|| {
            p.err(
                "industry",
                &format!("未知的监管行业代码：{s}"),
                &format!("unknown industry code: {s}"),
            );
            None
        }),
    };
    let industry_subtype = p.bounded("industry_subtype", 50);
    let gbt4754 = p.bounded("gbt4754", 5).map(|g| g.to_ascii_uppercase());
    if let Some(g) = &gbt4754 {
        let mut cs = g.chars();
        let ok = cs.next().is_some_and(|c| ('A'..='T').contains(&c))
            && matches!(g.len(), 1 | 3 | 4 | 5)
            && cs.all(|c| c.is_ascii_digit());
        if !ok {
            p.err(
                "gbt4754",
                "国民经济行业分类代码格式不正确（如 C2614）",
                "a GB/T 4754 code looks like C2614",
            );
        }
    }
    let registration_type = p.bounded("registration_type", 50);
    let staff_count = p.int("staff_count");
    let revenue_wan = p.float("revenue_wan", 0.0, 1e12);
    let explicit_band = match p.text("size_band") {
        None => None,
        Some(s) => SizeBand::parse(&s).or_else(|| {
            p.err(
                "size_band",
                "企业规模应为 大型/中型/小型/微型",
                "size band is large, medium, small or micro",
            );
            None
        }),
    };
    let computed = rules
        .size
        .band(staff_count.unwrap_or(0), revenue_wan.unwrap_or(0.0));
    let above = match p.text("above_designated_size").map(|s| s.to_lowercase()) {
        None => rules.size.above_designated_size(revenue_wan.unwrap_or(0.0)),
        Some(s) if ["true", "1", "是", "y", "yes"].contains(&s.as_str()) => true,
        Some(s) if ["false", "0", "否", "n", "no"].contains(&s.as_str()) => false,
        Some(_) => {
            p.err(
                "above_designated_size",
                "应为 是/否",
                "must be true or false",
            );
            false
        }
    };
    let founded_on = p.date("founded_on", true);
    let status = match p.text("status") {
        None => Some(OperatingStatus::Operating),
        Some(s) => OperatingStatus::parse(&s).or_else(|| {
            p.err(
                "status",
                "经营状态应为 在营/停产/关闭",
                "status is operating, suspended or closed",
            );
            None
        }),
    };
    let safety_staff = p.int("safety_staff");
    let safety_engineers = p.int("safety_engineers");
    let risk_flags = parse_flags(&mut p);
    let licences = parse_licences(&mut p);
    let major_hazards = parse_hazards(&mut p, &rules.hazard);
    if !p.errs.is_empty() {
        return Err(p.errs);
    }
    match (
        uscc,
        name,
        production_address,
        division_code,
        industry,
        status,
    ) {
        (
            Some(uscc),
            Some(name),
            Some(production_address),
            Some(division_code),
            Some(industry),
            Some(status),
        ) => Ok((
            EnterpriseRecord {
                uscc,
                name,
                legal_representative,
                principal,
                principal_phone,
                safety_manager,
                safety_manager_phone,
                registered_address,
                production_address,
                division_code,
                latitude,
                longitude,
                industry,
                industry_subtype,
                gbt4754,
                registration_type,
                size_band: explicit_band.unwrap_or(computed),
                size_band_overridden: explicit_band.is_some_and(|b| b != computed),
                above_designated_size: above,
                staff_count,
                revenue_wan,
                founded_on,
                status,
                safety_staff,
                safety_engineers,
                risk_flags,
                licences,
                major_hazards,
            },
            warnings,
        )),
        _ => Err(vec![FieldError::new(
            "record",
            "记录不完整",
            "incomplete record",
        )]),
    }
}

fn parse_flags(p: &mut P<'_>) -> Vec<RiskFlag> {
    let items: Vec<String> = match p.raw.get("risk_flags") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => s
            .split([';', '；', ','])
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
        _ => vec![],
    };
    let mut out = Vec::new();
    for i in items {
        match RiskFlag::parse(&i) {
            Some(f) if !out.contains(&f) => out.push(f),
            Some(_) => {}
            None => p.err(
                "risk_flags",
                &format!("未知的风险标识：{i}"),
                &format!("unknown risk flag: {i}"),
            ),
        }
    }
    out
}

fn parse_licences(p: &mut P<'_>) -> Option<Vec<Licence>> {
    let arr = p.raw.get("licences")?.as_array()?.clone();
    let mut out = Vec::new();
    for (i, l) in arr.iter().enumerate() {
        let s = |k: &str| {
            l.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
        };
        let field = format!("licences[{i}]");
        let (Some(kind), Some(number)) = (s("kind"), s("number")) else {
            p.err(
                &field,
                "许可证须有类型和编号",
                "a licence needs kind and number",
            );
            continue;
        };
        let mut dates = Vec::new();
        for k in ["issued_on", "expires_on"] {
            let d = s(k);
            if let Some(v) = &d {
                if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
                    p.err(
                        &format!("{field}.{k}"),
                        "日期格式应为 YYYY-MM-DD",
                        "a date is YYYY-MM-DD",
                    );
                }
            }
            dates.push(d);
        }
        let expires_on = dates.pop().flatten();
        let issued_on = dates.pop().flatten();
        if let (Some(a), Some(b)) = (&issued_on, &expires_on) {
            if b < a {
                p.err(
                    &format!("{field}.expires_on"),
                    "有效期截止早于发证日期",
                    "expires before it was issued",
                );
            }
        }
        out.push(Licence {
            kind,
            number,
            scope: s("scope"),
            issued_on,
            expires_on,
        });
    }
    Some(out)
}

fn parse_hazards(p: &mut P<'_>, rules: &HazardGradeRules) -> Option<Vec<MajorHazard>> {
    let arr = p.raw.get("major_hazards")?.as_array()?.clone();
    let mut out = Vec::new();
    for (i, h) in arr.iter().enumerate() {
        let field = format!("major_hazards[{i}]");
        let name = h
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("")
            .to_string();
        let r = h.get("r_value").and_then(|v| {
            v.as_f64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        });
        match (name.is_empty(), r.map(|r| rules.grade(r))) {
            (false, Some(Ok(grade))) => out.push(MajorHazard {
                name,
                r_value: r.unwrap_or_default(),
                grade,
            }),
            _ => p.err(
                &field,
                "重大危险源须有名称和非负的 R 值",
                "a major hazard source needs a name and a non-negative R value",
            ),
        }
    }
    Some(out)
}

/// The record in exchange format (for export and the change feed).
pub fn to_raw(r: &EnterpriseRecord) -> Raw {
    let v = json!({
        "schema": crate::exchange::SCHEMA,
        "uscc": r.uscc.as_str(),
        "name": r.name,
        "legal_representative": r.legal_representative,
        "principal": r.principal,
        "principal_phone": r.principal_phone,
        "safety_manager": r.safety_manager,
        "safety_manager_phone": r.safety_manager_phone,
        "registered_address": r.registered_address,
        "production_address": r.production_address,
        "division_code": r.division_code,
        "latitude": r.latitude,
        "longitude": r.longitude,
        "industry": r.industry.code(),
        "industry_subtype": r.industry_subtype,
        "gbt4754": r.gbt4754,
        "registration_type": r.registration_type,
        "size_band": r.size_band.as_str(),
        "above_designated_size": r.above_designated_size,
        "staff_count": r.staff_count,
        "revenue_wan": r.revenue_wan,
        "founded_on": r.founded_on,
        "status": r.status.as_str(),
        "safety_staff": r.safety_staff,
        "safety_engineers": r.safety_engineers,
        "risk_flags": r.risk_flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "licences": r.licences,
        "major_hazards": r.major_hazards.as_ref().map(|hs| hs.iter().map(|h| json!({"name": h.name, "r_value": h.r_value})).collect::<Vec<_>>()),
    });
    match v {
        Value::Object(mut m) => {
            m.retain(|_, v| !v.is_null());
            m
        }
        _ => Raw::new(),
    }
}
