//! The exchange format `anjian.enterprise/v1` (docs/exchange/enterprise-v1.md):
//! element keys and their Chinese header aliases, reading CSV (UTF-8 or GB18030)
//! and JSON Lines as a stream of raw records, and writing both safely.

use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read, Write};

/// UTF-8 byte order mark, written at the start of CSV exports for spreadsheets.
pub const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Version tag carried by JSON Lines records.
pub const SCHEMA: &str = "anjian.enterprise/v1";

/// CSV columns in profile order: (key, Chinese header, required).
pub const COLUMNS: &[(&str, &str, bool)] = &[
    ("uscc", "统一社会信用代码", true),
    ("name", "企业名称", true),
    ("legal_representative", "法定代表人", false),
    ("principal", "主要负责人", false),
    ("principal_phone", "主要负责人电话", false),
    ("safety_manager", "安全管理负责人", false),
    ("safety_manager_phone", "安全管理负责人电话", false),
    ("registered_address", "注册地址", false),
    ("production_address", "生产经营地址", true),
    ("division_code", "所在行政区划代码", true),
    ("latitude", "纬度", false),
    ("longitude", "经度", false),
    ("industry", "监管行业", true),
    ("industry_subtype", "行业子类", false),
    ("gbt4754", "国民经济行业分类代码", false),
    ("registration_type", "登记注册类型", false),
    ("size_band", "企业规模", false),
    ("above_designated_size", "规模以上", false),
    ("staff_count", "从业人员数", false),
    ("revenue_wan", "营业收入（万元）", false),
    ("founded_on", "成立日期", false),
    ("status", "经营状态", false),
    ("safety_staff", "专职安全管理人员数", false),
    ("safety_engineers", "注册安全工程师数", false),
    ("risk_flags", "重点风险标识", false),
];

/// Keys only JSON Lines carries.
pub const JSON_ONLY: &[&str] = &["schema", "licences", "major_hazards", "updated_at"];

/// A record as read: element key -> value (strings from CSV, typed from JSON).
pub type Raw = Map<String, Value>;

/// The key of a header cell (English key, case-insensitive, or Chinese alias).
pub fn key_of(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}');
    let alt = h.replace(['(', ')'], "").replace(['（', '）'], "");
    COLUMNS.iter().find_map(|(k, zh, _)| {
        let zh_alt = zh.replace(['（', '）'], "");
        (k.eq_ignore_ascii_case(h) || *zh == h || zh_alt == alt).then_some(*k)
    })
}

/// The column a rejects file adds (ignored when the file is re-imported).
pub const ERROR_COLUMN: &str = "error";

fn is_error_column(h: &str) -> bool {
    let h = h.trim();
    h.eq_ignore_ascii_case(ERROR_COLUMN) || h == "错误"
}

/// A problem with the file as a whole (before any row).
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub message_zh: String,
    pub message_en: String,
}

impl FileError {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> FileError {
        FileError {
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }
}

/// File formats of the exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
    /// Excel workbook (first sheet, header row first); import only.
    Xlsx,
}

impl Format {
    /// By file name: `.jsonl`/`.ndjson` are JSON Lines, everything else CSV.
    pub fn from_path(p: &std::path::Path) -> Format {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl") | Some("ndjson") => Format::JsonLines,
            Some("xlsx") => Format::Xlsx,
            _ => Format::Csv,
        }
    }
}

/// Wraps a byte stream so it reads as UTF-8: UTF-8 (with or without BOM) is
/// kept, anything that isn't valid UTF-8 in the first 64 KiB is read as GB18030.
pub fn decoded<R: Read + Send + 'static>(inner: R) -> std::io::Result<Box<dyn BufRead + Send>> {
    let mut r = BufReader::with_capacity(64 * 1024, inner);
    let head = r.fill_buf()?;
    let probe = &head[..head.len().min(64 * 1024)];
    let utf8 = match std::str::from_utf8(probe) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the probe is still UTF-8.
        Err(e) => e.error_len().is_none() && probe.len() - e.valid_up_to() < 4,
    };
    if utf8 {
        let bom = probe.starts_with(&[0xEF, 0xBB, 0xBF]);
        if bom {
            r.consume(3);
        }
        Ok(Box::new(r))
    } else {
        let d = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding_rs::GB18030))
            .build(r);
        Ok(Box::new(BufReader::new(d)))
    }
}

/// Rows of a CSV file: checks the header, then yields (row number, raw record,
/// original cells). Row numbers count the header as row 1.
pub struct CsvRows {
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    /// Key of each column; None for the `error` column of a rejects file.
    keys: Vec<Option<&'static str>>,
    pub headers: Vec<String>,
    row: usize,
}

impl CsvRows {
    pub fn open(input: Box<dyn BufRead + Send>) -> Result<CsvRows, FileError> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let headers: Vec<String> = match reader.headers() {
            Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => {
                h.iter().map(str::to_string).collect()
            }
            Ok(_) => {
                return Err(FileError::new(
                    "文件为空或缺少表头",
                    "the file is empty or has no header row",
                ))
            }
            Err(e) => {
                return Err(FileError::new(
                    format!("无法读取表头：{e}"),
                    format!("cannot read the header: {e}"),
                ))
            }
        };
        let mut keys = Vec::new();
        let mut unknown = Vec::new();
        for h in &headers {
            if is_error_column(h) {
                keys.push(None);
                continue;
            }
            match key_of(h) {
                Some(k) if !keys.contains(&Some(k)) => keys.push(Some(k)),
                Some(k) => {
                    return Err(FileError::new(
                        format!("重复的列：{k}"),
                        format!("duplicate column: {k}"),
                    ))
                }
                None => unknown.push(h.clone()),
            }
        }
        if !unknown.is_empty() {
            let u = unknown.join(", ");
            return Err(FileError::new(
                format!("未知的列：{u}"),
                format!("unknown columns: {u}"),
            ));
        }
        let missing: Vec<&str> = COLUMNS
            .iter()
            .filter(|(k, _, req)| *req && !keys.contains(&Some(*k)))
            .map(|(k, _, _)| *k)
            .collect();
        if !missing.is_empty() {
            let m = missing.join(", ");
            return Err(FileError::new(
                format!("缺少必需的列：{m}"),
                format!("missing required columns: {m}"),
            ));
        }
        Ok(CsvRows {
            reader,
            keys,
            headers,
            row: 1,
        })
    }
}

/// One row read from a file.
pub struct Row {
    pub number: usize,
    pub raw: Result<Raw, String>,
    /// The row as it was, to write back if rejected.
    pub original: Vec<String>,
}

impl Iterator for CsvRows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let mut rec = csv::StringRecord::new();
        self.row += 1;
        match self.reader.read_record(&mut rec) {
            Ok(false) => None,
            Ok(true) => {
                let original: Vec<String> = rec.iter().map(str::to_string).collect();
                if rec.len() != self.keys.len() {
                    let msg = format!("expected {} cells, found {}", self.keys.len(), rec.len());
                    return Some(Row {
                        number: self.row,
                        raw: Err(msg),
                        original,
                    });
                }
                let mut raw = Raw::new();
                for (k, v) in self.keys.iter().zip(rec.iter()) {
                    let (Some(k), v) = (k, restore(v.trim())) else {
                        continue;
                    };
                    if !v.is_empty() {
                        raw.insert((*k).to_string(), Value::String(v.to_string()));
                    }
                }
                Some(Row {
                    number: self.row,
                    raw: Ok(raw),
                    original,
                })
            }
            Err(e) => Some(Row {
                number: self.row,
                raw: Err(e.to_string()),
                original: vec![],
            }),
        }
    }
}

/// Rows of the first sheet of an XLSX workbook, checked like a CSV header.
/// (The workbook is read whole: XLSX is a zip, not a stream.)
pub fn xlsx_rows(path: &std::path::Path) -> Result<(Vec<String>, Vec<Row>), FileError> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| {
        FileError::new(
            format!("无法读取 XLSX 文件：{e}"),
            format!("cannot read the XLSX file: {e}"),
        )
    })?;
    let range = match wb.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            return Err(FileError::new(
                format!("无法读取工作表：{e}"),
                format!("cannot read the sheet: {e}"),
            ))
        }
        None => {
            return Err(FileError::new(
                "工作簿没有工作表",
                "the workbook has no sheet",
            ))
        }
    };
    let mut text = String::new();
    let mut lines: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    // Trailing empty cells of the header are not columns.
    if let Some(h) = lines.first_mut() {
        while h.last().is_some_and(|c| c.is_empty()) {
            h.pop();
        }
    }
    let width = lines.first().map(Vec::len).unwrap_or(0);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for l in lines.iter_mut() {
        l.truncate(width.max(1));
        while l.len() < width {
            l.push(String::new());
        }
        if l.iter().all(String::is_empty) {
            continue;
        }
        w.write_record(l.iter())
            .map_err(|e| FileError::new(e.to_string(), e.to_string()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| FileError::new(e.to_string(), e.to_string()))?;
    text.push_str(&String::from_utf8_lossy(&bytes));
    let rows = CsvRows::open(Box::new(std::io::Cursor::new(text.into_bytes())))?;
    let headers = rows.headers.clone();
    Ok((headers, rows.collect()))
}

fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Rows of a JSON Lines file (blank lines skipped).
pub struct JsonRows {
    lines: std::io::Lines<Box<dyn BufRead + Send>>,
    row: usize,
}

impl JsonRows {
    pub fn open(input: Box<dyn BufRead + Send>) -> JsonRows {
        JsonRows {
            lines: input.lines(),
            row: 0,
        }
    }
}

impl Iterator for JsonRows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        loop {
            self.row += 1;
            let line = match self.lines.next()? {
                Ok(l) => l,
                Err(e) => {
                    return Some(Row {
                        number: self.row,
                        raw: Err(e.to_string()),
                        original: vec![],
                    })
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let raw = match serde_json::from_str::<Value>(&line) {
                Ok(Value::Object(m)) => check_json_keys(m),
                Ok(_) => Err("a line must be a JSON object".to_string()),
                Err(e) => Err(format!("invalid JSON: {e}")),
            };
            return Some(Row {
                number: self.row,
                raw,
                original: vec![line],
            });
        }
    }
}

fn check_json_keys(m: Raw) -> Result<Raw, String> {
    if let Some(s) = m.get("schema").and_then(Value::as_str) {
        if s != SCHEMA {
            return Err(format!(
                "unsupported schema {s}; this server reads {SCHEMA}"
            ));
        }
    }
    let unknown: Vec<&String> = m
        .keys()
        .filter(|k| !COLUMNS.iter().any(|(c, _, _)| c == k) && !JSON_ONLY.contains(&k.as_str()))
        .collect();
    if unknown.is_empty() {
        Ok(m)
    } else {
        Err(format!(
            "unknown keys: {}",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// Makes a cell safe to open in a spreadsheet: text that would run as a
/// formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading `'`.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Undoes [`neutralise`] when reading a file this platform wrote.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A record's cells in [`COLUMNS`] order, formulas neutralised.
pub fn cells_of(rec: &Raw) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|(k, _, _)| match rec.get(*k) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => neutralise(s),
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(";"),
            Some(v) => neutralise(&v.to_string()),
        })
        .collect()
}

/// The exchange header: Chinese or English column names.
pub fn header(chinese: bool) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|(k, zh, _)| if chinese { *zh } else { *k }.to_string())
        .collect()
}

/// Writes an XLSX workbook of one sheet: a header row, then text cells
/// (never formulas; neutralised like CSV so a later CSV round trip is safe).
/// Rows stream to a temporary file (constant memory).
pub struct XlsxOut {
    wb: rust_xlsxwriter::Workbook,
    row: u32,
}

impl XlsxOut {
    /// Starts a workbook with `header` as its first row.
    pub fn new(header: &[String]) -> Result<XlsxOut, rust_xlsxwriter::XlsxError> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet_with_constant_memory()?;
        let mut out = XlsxOut { wb, row: 0 };
        out.write_row(header)?;
        Ok(out)
    }

    /// Appends a row of text cells (the caller neutralises).
    pub fn write_row(&mut self, cells: &[String]) -> Result<(), rust_xlsxwriter::XlsxError> {
        if self.row >= 1_048_575 {
            return Err(rust_xlsxwriter::XlsxError::RowColumnLimitError);
        }
        let sheet = self.wb.worksheet_from_index(0)?;
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(self.row, c as u16, v)?;
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        self.wb.save_to_buffer()
    }
}

/// Writes CSV rows with the Chinese or English header, neutralising formulas.
pub struct CsvOut<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> CsvOut<W> {
    pub fn new(mut out: W, chinese_headers: bool, extra: &[&str]) -> csv::Result<CsvOut<W>> {
        out.write_all(BOM)?;
        let mut w = csv::Writer::from_writer(out);
        let mut header = header(chinese_headers);
        header.extend(extra.iter().map(|e| e.to_string()));
        w.write_record(&header)?;
        Ok(CsvOut { w })
    }

    /// Writes one record: values by key, then extra cells.
    pub fn write(&mut self, rec: &Raw, extra: &[String]) -> csv::Result<()> {
        let mut cells = cells_of(rec);
        cells.extend(extra.iter().map(|e| neutralise(e)));
        self.w.write_record(&cells)
    }

    /// Writes a row exactly as read (for rejected rows), plus extra cells.
    pub fn write_original(&mut self, cells: &[String], extra: &[String]) -> csv::Result<()> {
        let mut all: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
        all.extend(extra.iter().map(|e| neutralise(e)));
        self.w.write_record(&all)
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_accept_chinese_aliases() {
        assert_eq!(key_of("统一社会信用代码"), Some("uscc"));
        assert_eq!(key_of("USCC"), Some("uscc"));
        assert_eq!(key_of("营业收入(万元)"), Some("revenue_wan"));
        assert_eq!(key_of("\u{feff}uscc"), Some("uscc"));
        assert_eq!(key_of("nonsense"), None);
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("杭州"), "杭州");
        assert_eq!(restore(&neutralise("=1+1")), "=1+1");
        assert_eq!(restore("'quoted"), "'quoted");
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) =
            encoding_rs::GB18030.encode("统一社会信用代码,企业名称\n9144030071526726XG,某某化工\n");
        let mut r = decoded(std::io::Cursor::new(bytes.into_owned())).expect("decode");
        let mut s = String::new();
        r.read_to_string(&mut s).expect("read");
        assert!(s.starts_with("统一社会信用代码"));
    }
}
