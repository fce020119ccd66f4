use super::*;
use crate::question::Choice;

const HEADER: &str = "编号,题型,人员类别,操作项目,知识点,难度,题干,选项,答案,解析\n";

fn csv_file(rows: &str) -> Vec<u8> {
    format!("{HEADER}{rows}").into_bytes()
}

fn choice(key: &str, text: &str) -> Choice {
    Choice {
        key: key.into(),
        text: text.into(),
    }
}

fn sample() -> Vec<Question> {
    vec![
        Question {
            id: "q-1".into(),
            version: 0,
            kind: QuestionKind::TrueFalse,
            category: Category::Principal,
            operation_item: None,
            knowledge_point: "安全生产法".into(),
            difficulty: 1,
            stem: "=1+1 这样的题干不会被当作公式。".into(),
            options: true_false(),
            answer: vec!["F".into()],
            explanation: String::new(),
        },
        Question {
            id: String::new(),
            version: 0,
            kind: QuestionKind::Single,
            category: Category::SafetyManager,
            operation_item: None,
            knowledge_point: "隐患排查".into(),
            difficulty: 4,
            stem: "-5 ℃ 以下作业，应采取哪项措施？".into(),
            options: vec![
                choice("A", "防冻"),
                choice("B", "防暑"),
                choice("C", "无需措施"),
            ],
            answer: vec!["A".into()],
            explanation: "解析，含逗号, \"引号\"\n和换行".into(),
        },
        Question {
            id: "q-3".into(),
            version: 0,
            kind: QuestionKind::Multiple,
            category: Category::SpecialOperations,
            operation_item: Some("01-02".into()),
            knowledge_point: "触电急救".into(),
            difficulty: 3,
            stem: "发现有人触电，应当怎么做？".into(),
            options: vec![
                choice("A", "迅速切断电源"),
                choice("B", "直接用手拉开"),
                choice("C", "用干燥木棒挑开电线"),
                choice("D", "立即进行心肺复苏"),
            ],
            answer: vec!["A".into(), "C".into(), "D".into()],
            explanation: "见《低压电工作业》教材。".into(),
        },
    ]
}

#[test]
fn good_csv() {
    let file = csv_file(concat!(
        "q1,判断题,主要负责人,,安全生产法,1,主要负责人对本单位安全生产工作全面负责。,,对,见第五条\n",
        ",single,safety-manager,,隐患排查,2,重大事故隐患由谁治理？,\"A. 主要负责人\nB、安全员\nc 班组长\",a,\n",
        ",多选题,特种作业人员,01-02,触电急救,3,触电急救要点？,A.脱离电源|B.心肺复苏|C.等待,\"A, B\",\n",
    ));
    let (rows, problems) = parse(&file, BankFormat::Csv).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    // The second question's options span three lines: still one row.
    assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3, 4]);
    let q = &rows[0].question;
    assert_eq!((q.id.as_str(), q.version), ("q1", 0));
    assert_eq!(q.kind, QuestionKind::TrueFalse);
    assert_eq!(q.options, true_false());
    assert_eq!(q.answer, ["T"]);
    assert_eq!(q.explanation, "见第五条");
    let q = &rows[1].question;
    assert_eq!(q.id, "");
    assert_eq!(q.category, Category::SafetyManager);
    assert_eq!(
        q.options,
        [
            choice("A", "主要负责人"),
            choice("B", "安全员"),
            choice("C", "班组长")
        ]
    );
    assert_eq!(q.answer, ["A"]);
    let q = &rows[2].question;
    assert_eq!(q.operation_item.as_deref(), Some("01-02"));
    assert_eq!(q.options.len(), 3);
    assert_eq!(q.answer, ["A", "B"]);
}

#[test]
fn row_numbers_match_the_spreadsheet() {
    // CRLF line ends, a blank line, a cell over two lines, no final line end.
    let file = format!(
        "{}\r\n,判断题,主要负责人,,法规,1,\"两行\r\n题干\",,对,\r\n\r\n,判断题,主要负责人,,法规,1,,,对,",
        HEADER.trim()
    );
    let (rows, problems) = parse(file.as_bytes(), BankFormat::Csv).expect("readable");
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].question.stem, "两行\n题干");
    assert_eq!((problems[0].row, problems[0].column.as_str()), (4, "题干"));
}

#[test]
fn english_headers_in_any_order() {
    let file = "\u{feff}Stem,answer,options,KIND,category,Knowledge Point,难度（1-5）,序号\n\
                安全帽的作用是？,B,A. 装饰|B. 防护,single,principal,个体防护,2,1\n";
    let (rows, problems) = parse(file.as_bytes(), BankFormat::Csv).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].question.stem, "安全帽的作用是？");
    assert_eq!(rows[0].question.difficulty, 2);
    assert_eq!(rows[0].question.id, "");
}

#[test]
fn gb18030_csv() {
    let text = format!(
        "{HEADER}q9,单选题,安全生产管理人员,,应急管理,2,应急预案多久演练一次？,A. 每年至少一次|B. 从不,A,\n"
    );
    let (bytes, _, failed) = encoding_rs::GB18030.encode(&text);
    assert!(!failed);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GB18030");
    let (rows, problems) = parse(&bytes, BankFormat::Csv).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows[0].question.stem, "应急预案多久演练一次？");
    assert_eq!(rows[0].question.options[0], choice("A", "每年至少一次"));
}

#[test]
fn broken_rows_are_reported_and_good_rows_kept() {
    let file = csv_file(concat!(
        "d1,单选题,主要负责人,,法规,1,好题一,\"A. 甲\nB. 乙\",A,\n", // row 2, two lines
        ",问答题,主要负责人,,法规,1,坏题型,A. 甲|B. 乙,A,\n",        // row 3
        ",单选题,主要负责人,,法规,1,答案不在选项中,A. 甲|B. 乙,D,\n", // row 4
        ",单选题,主要负责人,,法规,9,难度超范围,A. 甲|B. 乙,A,\n",    // row 5
        ",单选题,主要负责人,,法规,1,,A. 甲|B. 乙,A,\n",              // row 6
        "d1,单选题,主要负责人,,法规,1,重复编号,A. 甲|B. 乙,B,\n",    // row 7
        ",多选题,特种作业人员,01-02,法规,2,好题二,A. 甲|B. 乙|C. 丙,AC,\n",
        ",判断题,主要负责人,,法规,1,多一列,,对,解析,多余\n", // row 9
    ));
    let (rows, problems) = parse(&file, BankFormat::Csv).expect("readable");
    assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 8]);
    let got: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "题型", "问答题"),
            (4, "答案", "D"),
            (5, "难度", "9"),
            (6, "题干", ""),
            (7, "编号", "d1"),
            (9, "K", "多余"),
        ]
    );
    assert!(
        problems[4].message_zh.contains("第 2 行"),
        "{:?}",
        problems[4]
    );
    assert!(problems.iter().all(|p| !p.message_en.is_empty()));
}

#[test]
fn special_operations_need_their_item() {
    let file = csv_file(",单选题,特种作业人员,,法规,1,题干,A. 甲|B. 乙,A,\n");
    let (rows, problems) = parse(&file, BankFormat::Csv).expect("readable");
    assert!(rows.is_empty());
    assert_eq!(
        (problems[0].row, problems[0].column.as_str()),
        (2, "操作项目")
    );
}

#[test]
fn unreadable_files() {
    let e = parse(b"name,age\nx,1\n", BankFormat::Csv).unwrap_err();
    assert_eq!(e.row, 0);
    assert!(
        e.message_zh.contains("题型") && e.message_en.contains("kind"),
        "{e:?}"
    );
    assert!(
        e.message_zh.contains("name"),
        "unknown columns named: {e:?}"
    );
    assert_eq!(parse(b"", BankFormat::Csv).unwrap_err().row, 0);
    assert!(parse(b"\xEF\xBB\xBF\r\n", BankFormat::Csv).is_err());
    assert!(parse(b"\xFF\xFE\x00\x00binary", BankFormat::Csv).is_err());
    let dup = "题型,kind,人员类别,知识点,难度,题干,选项,答案\n";
    assert!(parse(dup.as_bytes(), BankFormat::Csv).is_err());
    let xlsx = export(&sample(), BankFormat::Xlsx).expect("export");
    assert!(parse(&xlsx, BankFormat::Csv)
        .unwrap_err()
        .message_zh
        .contains("XLSX"));
    assert!(parse(HEADER.as_bytes(), BankFormat::Xlsx).is_err());
    assert!(parse(&vec![b' '; MAX_BYTES + 1], BankFormat::Csv).is_err());
}

#[test]
fn too_many_rows() {
    let row = ",判断题,主要负责人,,法规,1,题干,,对,\n";
    let file = csv_file(&row.repeat(MAX_ROWS + 1));
    let e = parse(&file, BankFormat::Csv).unwrap_err();
    assert!(e.message_en.contains("20000"), "{e:?}");
    let file = csv_file(&row.repeat(3));
    assert_eq!(parse(&file, BankFormat::Csv).expect("ok").0.len(), 3);
}

#[test]
fn csv_round_trip() {
    let bytes = export(&sample(), BankFormat::Csv).expect("export");
    assert!(bytes.starts_with(BOM));
    let (rows, problems) = parse(&bytes, BankFormat::Csv).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    let back: Vec<Question> = rows.into_iter().map(|r| r.question).collect();
    assert_eq!(back, sample());
}

#[test]
fn xlsx_round_trip() {
    let bytes = export(&sample(), BankFormat::Xlsx).expect("export");
    let (rows, problems) = parse(&bytes, BankFormat::Xlsx).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3, 4]);
    let back: Vec<Question> = rows.into_iter().map(|r| r.question).collect();
    assert_eq!(back, sample());
    // An empty bank exports as a template that reads back as no questions.
    let template = export(&[], BankFormat::Xlsx).expect("export");
    assert!(parse(&template, BankFormat::Xlsx)
        .expect("readable")
        .0
        .is_empty());
}

#[test]
fn xlsx_typed_by_hand() {
    // A sheet as someone types it: a blank first row, numbers as numbers,
    // and 01-02 turned into a date by Excel.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    for (c, h) in HEADER.trim().split(',').enumerate() {
        sheet.write_string(1, c as u16, h).expect("write");
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("mm-dd");
    let cells = [
        "",
        "多选题",
        "特种作业人员",
        "",
        "电工",
        "",
        "题干",
        "A. 甲\nB. 乙",
        "A,B",
    ];
    for (c, v) in cells.iter().enumerate() {
        if !v.is_empty() {
            sheet.write_string(2, c as u16, *v).expect("write");
        }
    }
    sheet
        .write_number_with_format(2, 3, 45293, &date)
        .expect("2024-01-02");
    sheet.write_number(2, 5, 2).expect("write");
    sheet.write_string(4, 1, "单选题").expect("write");
    let bytes = wb.save_to_buffer().expect("save");
    let (rows, problems) = parse(&bytes, BankFormat::Xlsx).expect("readable");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].row, 3);
    assert_eq!(rows[0].question.operation_item.as_deref(), Some("01-02"));
    assert_eq!(rows[0].question.difficulty, 2);
    assert!(problems.iter().all(|p| p.row == 5), "{problems:?}");
    assert!(problems.iter().any(|p| p.column == "题干"), "{problems:?}");
}

#[test]
fn cell_readers() {
    let o = options_of("A、甲\nB 乙|Ｃ．丙｜d:丁").expect("options");
    let keys: Vec<&str> = o.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["A", "B", "C", "D"]);
    assert_eq!(o[2].text, "丙");
    assert!(options_of("甲乙丙").is_err());
    assert!(options_of("Apple").is_err());
    assert_eq!(
        answer_of("c，a", QuestionKind::Multiple).expect("keys"),
        ["A", "C"]
    );
    assert!(answer_of("A1", QuestionKind::Multiple).is_err());
    for (s, k) in [("√", "T"), ("错", "F"), ("正确", "T"), ("f", "F")] {
        assert_eq!(answer_of(s, QuestionKind::TrueFalse).expect("tf"), [k]);
    }
    assert!(answer_of("A", QuestionKind::TrueFalse).is_err());
    assert_eq!(kind_of("判断").expect("alias"), QuestionKind::TrueFalse);
    assert_eq!(
        kind_of("TRUE_FALSE").expect("code"),
        QuestionKind::TrueFalse
    );
    assert!(kind_of("").is_err());
    assert_eq!(
        category_of("特种作业").expect("alias"),
        Category::SpecialOperations
    );
    assert!(operation_item_of("1-2").is_err());
    assert!(id_of("q-1_a").is_ok());
    assert!(id_of("q 1").is_err() && id_of("编号").is_err());
    assert_eq!(difficulty_of("3.0").expect("whole"), 3);
    assert!(difficulty_of("2.5").is_err());
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(10), "K");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(restore(&neutralise("=SUM(A1)")), "=SUM(A1)");
}
