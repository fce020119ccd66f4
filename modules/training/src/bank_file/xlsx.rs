//! The XLSX side of bank files: the first worksheet read cell by cell (so an
//! oversized sheet stops at the row limit), and the bank written as a workbook
//! with dropdowns for the coded columns.

use super::{
    file_problem, keep, RowProblem, Sheet, ANSWER, CATEGORY, COLUMNS, DIFFICULTY, EXPLANATION, ID,
    KIND, MAX_ROWS, N, OPERATION_ITEM, OPTIONS, STEM,
};
use crate::model::{Category, QuestionKind};
use calamine::{DataRef, ExcelDateTime, Reader, SheetType, Xlsx};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, Workbook, XlsxError,
};
use std::io::Cursor;

/// Column widths of exports, in characters.
const WIDTHS: [f64; N] = [20.0, 8.0, 16.0, 10.0, 16.0, 6.0, 50.0, 36.0, 8.0, 40.0];

/// The rows of the first worksheet, numbered as Excel numbers them.
pub(super) fn read(bytes: &[u8]) -> Result<Sheet, RowProblem> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(file_problem(
            "不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx",
            "old .xls files are not supported: save the file as .xlsx",
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(file_problem(
            "不是 XLSX 文件（CSV 文件请按 CSV 格式导入）",
            "not an XLSX file (import a CSV file as CSV)",
        ));
    }
    let unreadable = |e: calamine::XlsxError| {
        file_problem(
            format!("无法读取 XLSX 文件：{e}"),
            format!("cannot read the XLSX file: {e}"),
        )
    };
    let mut wb: Xlsx<Cursor<&[u8]>> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let name = wb
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .ok_or_else(|| file_problem("工作簿中没有工作表", "the workbook has no worksheet"))?;
    let mut reader = wb.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut sheet = Sheet::default();
    let mut row: Option<u32> = None;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        if row != Some(r) {
            if let Some(done) = row {
                sheet.push(done as usize + 1, std::mem::take(&mut cells))?;
            }
            row = Some(r);
        }
        keep(&mut cells, c as usize, text(cell.get_value()));
    }
    if let Some(done) = row {
        sheet.push(done as usize + 1, cells)?;
    }
    Ok(sheet)
}

/// A cell as text: whole numbers without a decimal point.
fn text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string().to_uppercase(),
        DataRef::DateTime(d) => date_text(d),
        DataRef::Error(e) => format!("#{e}"),
    }
}

/// Excel turns a typed `01-02` into 2 January. Nothing else in a bank file
/// looks like a date, so a whole-day date reads back as the operation item
/// code `MM-DD` it was typed as.
fn date_text(d: &ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_datetime() && serial.fract() == 0.0 && (61.0..2_958_466.0).contains(&serial) {
        let date = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(chrono::Days::new(serial as u64)));
        if let Some(date) = date {
            return date.format("%m-%d").to_string();
        }
    }
    d.to_string()
}

/// A workbook of one sheet `题库`: the Chinese header, then one row per
/// question (cells already neutralised); ids, operation items and answers
/// are text cells, difficulty a number.
pub(super) fn write(rows: &[[String; N]]) -> Result<Vec<u8>, XlsxError> {
    if rows.len() >= 1_048_575 {
        return Err(XlsxError::RowColumnLimitError);
    }
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("题库")?;
    let bold = Format::new().set_bold();
    let plain = Format::new().set_align(FormatAlign::Top);
    let text_cell = Format::new()
        .set_num_format("@")
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.zh, &bold)?;
        sheet.set_column_width(c as u16, WIDTHS[c])?;
    }
    // Typing into an empty row keeps codes such as 01-02 as text.
    for c in [ID, OPERATION_ITEM, ANSWER] {
        sheet.set_column_format(c as u16, &text_cell)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = rows.len().max(MAX_ROWS) as u32;
    let kinds: Vec<&str> = QuestionKind::ALL.iter().map(|k| k.zh()).collect();
    let categories: Vec<&str> = Category::ALL.iter().map(|k| k.zh()).collect();
    for (c, list) in [(KIND, kinds), (CATEGORY, categories)] {
        let dv = DataValidation::new()
            .allow_list_strings(list.as_slice())?
            .set_error_style(DataValidationErrorStyle::Warning);
        sheet.add_data_validation(1, c as u16, last, c as u16, &dv)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let format = match c {
                ID | OPERATION_ITEM | ANSWER => &text_cell,
                STEM | OPTIONS | EXPLANATION => &wrap,
                _ => &plain,
            };
            match v.parse::<u8>() {
                Ok(n) if c == DIFFICULTY => {
                    sheet.write_number_with_format(r, c as u16, n, format)?
                }
                _ => sheet.write_string_with_format(r, c as u16, v, format)?,
            };
        }
    }
    wb.save_to_buffer()
}
