//! Question bank files (题库文件, docs/question-bank-format.md): a CSV (UTF-8
//! or GB18030) or XLSX sheet of questions read into checked questions with a
//! problem list per row, and the bank written back in the same format.

mod cells;
mod xlsx;

use crate::model::{Category, QuestionKind};
use crate::question::{true_false, Question};
use cells::{
    answer_of, category_of, difficulty_of, id_of, kind_of, operation_item_of, options_of,
    true_false_of,
};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// Largest file accepted (10 MiB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most data rows (questions) accepted in one file.
pub const MAX_ROWS: usize = 20_000;
/// Columns kept per row; further right only the first stray cell is kept.
const MAX_COLS: usize = 64;
/// Longest cell text a problem quotes.
const VALUE_CHARS: usize = 200;
const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The file formats of a bank file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BankFormat {
    /// Comma-separated text, UTF-8 (with or without BOM) or GB18030; written
    /// as UTF-8 with BOM.
    Csv,
    /// Excel workbook: its first worksheet.
    Xlsx,
}

/// A problem with one row of a bank file, or (row 0) with the whole file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// The column's header as written in the file (its Chinese name when the
    /// file lacks it, its letter when it has no header; empty for the file).
    pub column: String,
    /// The cell's text (at most 200 characters).
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
}

/// A row that parsed and passed [`Question::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    pub row: usize,
    /// Version 0 (the store assigns versions); the id is empty unless the
    /// file names one (then the store updates that question).
    pub question: Question,
}

/// A column of the format: English header, Chinese header, required, and the
/// field of [`Question::check`] it feeds.
struct Column {
    en: &'static str,
    zh: &'static str,
    required: bool,
    field: &'static str,
}

const fn column(en: &'static str, zh: &'static str, required: bool, field: &'static str) -> Column {
    Column {
        en,
        zh,
        required,
        field,
    }
}

const N: usize = 10;
/// The columns, in the order exports write them.
const COLUMNS: [Column; N] = [
    column("id", "编号", false, "id"),
    column("kind", "题型", true, "kind"),
    column("category", "人员类别", true, "category"),
    column("operation_item", "操作项目", false, "operationItem"),
    column("knowledge_point", "知识点", true, "knowledgePoint"),
    column("difficulty", "难度", true, "difficulty"),
    column("stem", "题干", true, "stem"),
    column("options", "选项", true, "options"),
    column("answer", "答案", true, "answer"),
    column("explanation", "解析", false, "explanation"),
];
const ID: usize = 0;
const KIND: usize = 1;
const CATEGORY: usize = 2;
const OPERATION_ITEM: usize = 3;
const KNOWLEDGE_POINT: usize = 4;
const DIFFICULTY: usize = 5;
const STEM: usize = 6;
const OPTIONS: usize = 7;
const ANSWER: usize = 8;
const EXPLANATION: usize = 9;

/// Headers of columns a spreadsheet user may keep for themselves; ignored.
const IGNORED: &[&str] = &[
    "序号", "备注", "no", "no.", "seq", "remark", "remarks", "note", "notes",
];

/// A message in Chinese and English.
type Msg = (String, String);

fn msg(zh: impl Into<String>, en: impl Into<String>) -> Msg {
    (zh.into(), en.into())
}

fn file_problem(zh: impl Into<String>, en: impl Into<String>) -> RowProblem {
    RowProblem {
        row: 0,
        column: String::new(),
        value: String::new(),
        message_zh: zh.into(),
        message_en: en.into(),
    }
}

/// Reads a bank file: the questions of the rows that passed every check, and
/// the problems of the others. Err when the file can't be read at all.
pub fn parse(
    bytes: &[u8],
    format: BankFormat,
) -> Result<(Vec<ParsedRow>, Vec<RowProblem>), RowProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(file_problem(
            format!("文件超过 {} MB 的上限", MAX_BYTES >> 20),
            format!("the file exceeds the {} MB limit", MAX_BYTES >> 20),
        ));
    }
    let empty = || {
        file_problem(
            "文件为空或没有表头",
            "the file is empty or has no header row",
        )
    };
    if bytes
        .strip_prefix(BOM)
        .unwrap_or(bytes)
        .iter()
        .all(u8::is_ascii_whitespace)
    {
        return Err(empty());
    }
    let sheet = match format {
        BankFormat::Csv => read_csv(bytes)?,
        BankFormat::Xlsx => xlsx::read(bytes)?,
    };
    let header = sheet.header.as_ref().ok_or_else(empty)?;
    let layout = layout(&header.cells)?;
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in &sheet.rows {
        // A row with nothing but, say, its 序号 is an empty row.
        if line.cells.iter().all(|(c, _)| layout.ignored.contains(c)) {
            continue;
        }
        let (question, mut found) = row_question(line, &layout);
        if !question.id.is_empty() {
            if let Some(first) = seen.get(&question.id) {
                found.push(RowProblem {
                    row: line.number,
                    column: layout.names[ID].clone(),
                    value: short(&question.id),
                    message_zh: format!("编号在文件中重复（与第 {first} 行相同）"),
                    message_en: format!("duplicate id within the file (as in row {first})"),
                });
            } else {
                seen.insert(question.id.clone(), line.number);
            }
        }
        if found.is_empty() {
            parsed.push(ParsedRow {
                row: line.number,
                question,
            });
        } else {
            problems.append(&mut found);
        }
    }
    Ok((parsed, problems))
}

/// Writes questions as a bank file with the Chinese headers; [`parse`] reads
/// it back to the same questions (versions aside). No questions: a template.
pub fn export(questions: &[Question], format: BankFormat) -> Result<Vec<u8>, String> {
    let rows: Vec<[String; N]> = questions.iter().map(cells_of).collect();
    match format {
        BankFormat::Csv => {
            let mut w = csv::Writer::from_writer(BOM.to_vec());
            w.write_record(COLUMNS.iter().map(|c| c.zh))
                .map_err(|e| e.to_string())?;
            for r in &rows {
                w.write_record(r).map_err(|e| e.to_string())?;
            }
            w.into_inner().map_err(|e| e.to_string())
        }
        BankFormat::Xlsx => xlsx::write(&rows).map_err(|e| e.to_string()),
    }
}

/// A question's cells in [`COLUMNS`] order, formulas neutralised.
fn cells_of(q: &Question) -> [String; N] {
    let (options, answer) = if q.kind == QuestionKind::TrueFalse {
        let tf = |a: &String| match a.as_str() {
            "T" => "正确".to_string(),
            "F" => "错误".to_string(),
            other => other.to_string(),
        };
        (
            String::new(),
            q.answer.iter().map(tf).collect::<Vec<_>>().join(","),
        )
    } else {
        let options: Vec<String> = q
            .options
            .iter()
            .map(|c| format!("{}. {}", c.key, c.text))
            .collect();
        (options.join("\n"), q.answer.concat())
    };
    [
        q.id.clone(),
        q.kind.zh().to_string(),
        q.category.zh().to_string(),
        q.operation_item.clone().unwrap_or_default(),
        q.knowledge_point.clone(),
        q.difficulty.to_string(),
        q.stem.clone(),
        options,
        answer,
        q.explanation.clone(),
    ]
    .map(|c| neutralise(&c))
}

/// Makes a cell safe to open in a spreadsheet: text that would run as a
/// formula gets a leading `'` (as `anjian_enterprise::exchange` does).
fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Undoes [`neutralise`].
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A row of the sheet: its number and its non-empty cells (column, text).
struct Line {
    number: usize,
    cells: Vec<(usize, String)>,
}

/// A sheet as read: the first non-empty row is the header.
#[derive(Default)]
struct Sheet {
    header: Option<Line>,
    rows: Vec<Line>,
}

impl Sheet {
    /// Adds a row (empty rows are skipped), refusing more than [`MAX_ROWS`].
    fn push(&mut self, number: usize, cells: Vec<(usize, String)>) -> Result<(), RowProblem> {
        if cells.is_empty() {
            return Ok(());
        }
        let line = Line { number, cells };
        if self.header.is_none() {
            self.header = Some(line);
        } else if self.rows.len() >= MAX_ROWS {
            return Err(file_problem(
                format!("文件超过 {MAX_ROWS} 道试题的上限，请分成几个文件导入"),
                format!("the file has more than {MAX_ROWS} questions: split it"),
            ));
        } else {
            self.rows.push(line);
        }
        Ok(())
    }
}

/// Keeps a non-empty cell of a row; past [`MAX_COLS`], only the first.
fn keep(cells: &mut Vec<(usize, String)>, col: usize, text: String) {
    if text.trim().is_empty()
        || (col >= MAX_COLS && cells.last().is_some_and(|(c, _)| *c >= MAX_COLS))
    {
        return;
    }
    cells.push((col, text));
}

/// CSV text: UTF-8 (BOM or not), else GB18030; refuses anything else.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, RowProblem> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(file_problem(
            "这是 XLSX 文件，请按 XLSX 格式导入",
            "this is an XLSX file: import it as XLSX",
        ));
    }
    let text = match bytes.strip_prefix(BOM) {
        Some(rest) => std::str::from_utf8(rest).ok().map(Cow::Borrowed),
        None => std::str::from_utf8(bytes)
            .ok()
            .map(Cow::Borrowed)
            .or_else(|| {
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
            }),
    };
    match text {
        Some(t) if !t.contains('\0') => Ok(t),
        _ => Err(file_problem(
            "无法读取：CSV 文件须为 UTF-8 或 GB18030（GBK）编码的文本",
            "cannot read the file: a CSV file is text in UTF-8 or GB18030 (GBK)",
        )),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, RowProblem> {
    // Every line ends in one `\n`, so after a record the reader is on the
    // line after its last. A spreadsheet shows a record as one row however
    // many lines its quoted cells span, and a blank line as an empty row:
    // the record's row is that line, less one, less the line breaks inside
    // cells so far.
    let mut text = decode(bytes)?.replace("\r\n", "\n").replace('\r', "\n");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    let mut record = csv::StringRecord::new();
    let mut inside = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(file_problem(
                    format!("无法读取 CSV：{e}"),
                    format!("cannot read the CSV: {e}"),
                ))
            }
        }
        let mut cells = Vec::new();
        for (col, field) in record.iter().enumerate() {
            inside += field.matches('\n').count();
            keep(&mut cells, col, field.to_string());
        }
        let number = (reader.position().line() as usize).saturating_sub(1 + inside);
        sheet.push(number, cells)?;
    }
    Ok(sheet)
}

/// Where the columns are in the file.
struct Layout {
    /// File column -> index into [`COLUMNS`].
    by_col: HashMap<usize, usize>,
    ignored: Vec<usize>,
    /// Each column's header as written, or its Chinese name when absent.
    names: Vec<String>,
}

/// A header for matching: trimmed, without `*` marks or a bracketed note
/// (`难度（1-5）`), English lower-cased with `_` for spaces and hyphens.
fn norm(h: &str) -> String {
    let h = h
        .trim()
        .trim_start_matches('\u{feff}')
        .trim_matches(['*', '＊'])
        .trim();
    let h = h.split(['(', '（']).next().unwrap_or(h).trim();
    h.to_lowercase().replace([' ', '-'], "_")
}

fn layout(header: &[(usize, String)]) -> Result<Layout, RowProblem> {
    let mut layout = Layout {
        by_col: HashMap::new(),
        ignored: Vec::new(),
        names: COLUMNS.iter().map(|c| c.zh.to_string()).collect(),
    };
    let mut unknown = Vec::new();
    for (col, text) in header {
        let h = norm(text);
        match COLUMNS.iter().position(|c| h == c.en || h == c.zh) {
            Some(i) if layout.by_col.values().any(|v| *v == i) => {
                return Err(file_problem(
                    format!(
                        "列「{}」重复（{}/{} 只能有一列）",
                        text.trim(),
                        COLUMNS[i].zh,
                        COLUMNS[i].en
                    ),
                    format!(
                        "duplicate column {:?} ({} / {})",
                        text.trim(),
                        COLUMNS[i].en,
                        COLUMNS[i].zh
                    ),
                ));
            }
            Some(i) => {
                layout.by_col.insert(*col, i);
                layout.names[i] = text.trim().to_string();
            }
            None if IGNORED.contains(&h.as_str()) => layout.ignored.push(*col),
            None => unknown.push(short(text.trim())),
        }
    }
    let missing: Vec<&Column> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(i, c)| c.required && !layout.by_col.values().any(|v| v == i))
        .map(|(_, c)| c)
        .collect();
    if missing.is_empty() && unknown.is_empty() {
        return Ok(layout);
    }
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    if !missing.is_empty() {
        let m = |f: fn(&Column) -> String| missing.iter().map(|c| f(c)).collect::<Vec<_>>();
        zh.push(format!(
            "缺少必需的列：{}",
            m(|c| format!("{}（{}）", c.zh, c.en)).join("、")
        ));
        en.push(format!(
            "missing required columns: {}",
            m(|c| format!("{} ({})", c.en, c.zh)).join(", ")
        ));
    }
    if !unknown.is_empty() {
        zh.push(format!("无法识别的列：{}", unknown.join("、")));
        en.push(format!("unknown columns: {}", unknown.join(", ")));
    }
    zh.push("第一个非空行须为表头，列名见《题库文件格式》".into());
    en.push("the first non-empty row must be the header (see the bank file format)".into());
    Err(file_problem(zh.join("；"), en.join("; ")))
}

/// One row being read: its cells by column and what is wrong so far.
struct RowCtx<'a> {
    number: usize,
    names: &'a [String],
    cells: &'a [String; N],
    problems: Vec<RowProblem>,
    /// Columns already reported.
    bad: [bool; N],
}

impl RowCtx<'_> {
    fn problem(&self, i: usize, zh: String, en: String) -> RowProblem {
        RowProblem {
            row: self.number,
            column: self.names[i].clone(),
            value: short(&self.cells[i]),
            message_zh: zh,
            message_en: en,
        }
    }

    /// The value of column `i`, or `fallback` with its problem noted.
    fn take<T>(&mut self, i: usize, parsed: Result<T, Msg>, fallback: T) -> T {
        match parsed {
            Ok(v) => v,
            Err((zh, en)) => {
                let p = self.problem(i, zh, en);
                self.problems.push(p);
                self.bad[i] = true;
                fallback
            }
        }
    }
}

/// The question of a row and the row's problems (none: the question is good).
fn row_question(line: &Line, layout: &Layout) -> (Question, Vec<RowProblem>) {
    let mut cells: [String; N] = Default::default();
    let mut problems = Vec::new();
    for (col, text) in &line.cells {
        match layout.by_col.get(col) {
            Some(&i) => cells[i] = restore(text.trim()).trim().to_string(),
            None if layout.ignored.contains(col) => {}
            None => {
                let letter = column_letter(*col);
                problems.push(RowProblem {
                    row: line.number,
                    column: letter.clone(),
                    value: short(text),
                    message_zh: format!(
                        "{letter} 列没有表头，本行在该列却有内容（CSV 中含英文逗号的文字须加双引号）"
                    ),
                    message_en: format!(
                        "column {letter} has no header but this row has a value there (in CSV, quote text with commas)"
                    ),
                });
            }
        }
    }
    let c = &cells;
    let mut row = RowCtx {
        number: line.number,
        names: &layout.names,
        cells: c,
        problems,
        bad: [false; N],
    };
    let kind = row.take(KIND, kind_of(&c[KIND]), QuestionKind::Single);
    let category = row.take(CATEGORY, category_of(&c[CATEGORY]), Category::Principal);
    let id = row.take(ID, id_of(&c[ID]), String::new());
    let operation_item = row.take(OPERATION_ITEM, operation_item_of(&c[OPERATION_ITEM]), None);
    let difficulty = row.take(DIFFICULTY, difficulty_of(&c[DIFFICULTY]), 1);
    // Options and answer are read by the kind; without one, they aren't.
    let (options, answer) = if row.bad[KIND] {
        (Vec::new(), Vec::new())
    } else {
        let options = if kind == QuestionKind::TrueFalse {
            row.take(OPTIONS, true_false_of(&c[OPTIONS]), true_false())
        } else {
            row.take(OPTIONS, options_of(&c[OPTIONS]), Vec::new())
        };
        (
            options,
            row.take(ANSWER, answer_of(&c[ANSWER], kind), Vec::new()),
        )
    };
    let question = Question {
        id,
        version: 0,
        kind,
        category,
        operation_item,
        knowledge_point: c[KNOWLEDGE_POINT].clone(),
        difficulty,
        stem: c[STEM].clone(),
        options,
        answer,
        explanation: c[EXPLANATION].clone(),
    };
    // The check would repeat what is reported, or what follows from it.
    let mut skip = row.bad;
    skip[OPTIONS] |= skip[KIND];
    skip[ANSWER] |= skip[KIND] || skip[OPTIONS];
    skip[OPERATION_ITEM] |= skip[CATEGORY];
    if let Err(errors) = question.check() {
        for e in errors {
            let p = match COLUMNS.iter().position(|col| col.field == e.field) {
                Some(i) if skip[i] => continue,
                Some(i) => row.problem(i, e.message_zh, e.message_en),
                None => RowProblem {
                    row: line.number,
                    column: e.field,
                    value: String::new(),
                    message_zh: e.message_zh,
                    message_en: e.message_en,
                },
            };
            row.problems.push(p);
        }
    }
    (question, row.problems)
}

/// A spreadsheet column's letter: 0 is A, 26 is AA.
fn column_letter(col: usize) -> String {
    let mut s = String::new();
    let mut c = col;
    loop {
        s.insert(0, char::from(b'A' + (c % 26) as u8));
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

/// At most [`VALUE_CHARS`] characters of a cell, to quote in a problem.
fn short(s: &str) -> String {
    if s.chars().count() <= VALUE_CHARS {
        return s.to_string();
    }
    let mut t: String = s.chars().take(VALUE_CHARS).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests;
