//! Unit tests of the grade table, rules, codes and times.

use super::*;

fn f(deaths: i64, missing: i64, serious: i64, loss: f64) -> Figures {
    Figures {
        deaths,
        missing,
        serious_injuries: serious,
        minor_injuries: 0,
        direct_loss_wan: loss,
    }
}

#[test]
fn every_boundary_on_both_sides() {
    let r = Rules::default();
    use Grade::*;
    let cases = [
        (f(2, 0, 0, 0.0), General),
        (f(3, 0, 0, 0.0), Larger),
        (f(9, 0, 0, 0.0), Larger),
        (f(10, 0, 0, 0.0), Major),
        (f(29, 0, 0, 0.0), Major),
        (f(30, 0, 0, 0.0), EspeciallySerious),
        (f(0, 0, 9, 0.0), General),
        (f(0, 0, 10, 0.0), Larger),
        (f(0, 0, 49, 0.0), Larger),
        (f(0, 0, 50, 0.0), Major),
        (f(0, 0, 99, 0.0), Major),
        (f(0, 0, 100, 0.0), EspeciallySerious),
        (f(0, 0, 0, 999.99), General),
        (f(0, 0, 0, 1000.0), Larger),
        (f(0, 0, 0, 4999.99), Larger),
        (f(0, 0, 0, 5000.0), Major),
        (f(0, 0, 0, 9999.99), Major),
        (f(0, 0, 0, 10000.0), EspeciallySerious),
    ];
    for (fig, want) in cases {
        assert_eq!(r.grade(&fig), want, "{fig:?}");
    }
}

#[test]
fn the_worst_measure_decides_and_missing_count_as_deaths() {
    let r = Rules::default();
    assert_eq!(r.grade(&f(1, 0, 12, 10.0)), Grade::Larger);
    assert_eq!(r.grade(&f(2, 1, 0, 0.0)), Grade::Larger);
    let mut no_missing = r.clone();
    no_missing.missing_count_as_deaths = false;
    assert_eq!(no_missing.grade(&f(2, 1, 0, 0.0)), Grade::General);
}

#[test]
fn rules_are_checked() {
    assert!(Rules::default().check().is_ok());
    let mut r = Rules::default();
    r.thresholds[1].deaths = 40;
    assert!(r.check().is_err());
    let mut r = Rules::default();
    r.thresholds.pop();
    assert!(r.check().is_err());
    let r = Rules {
        relay_minutes: -1,
        ..Rules::default()
    };
    assert!(r.check().is_err());
}

#[test]
fn industry_codes() {
    assert_eq!(Industry::parse("C2614").unwrap().section, 'C');
    assert_eq!(Industry::parse("2614").unwrap().code, "C2614");
    assert_eq!(Industry::parse("e").unwrap().code, "E");
    assert_eq!(Industry::parse("48").unwrap().section, 'E');
    assert!(Industry::parse("A2614").is_err());
    assert!(Industry::parse("Z").is_err());
    assert!(Industry::parse("99").is_err());
    assert!(Industry::parse("C2").is_err());
    assert!(Industry::parse("").is_err());
}

#[test]
fn figures_refuse_negative_counts() {
    let e = Figures::parse(-1, 0, 0, -2, f64::NAN).unwrap_err();
    let fields: Vec<_> = e.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["deaths", "minorInjuries", "directLossWan"]);
}

#[test]
fn months_are_beijing_months() {
    // 2026-01-31T16:30Z is 2026-02-01 00:30 in Beijing.
    let t = parse_time("t", "2026-01-31T16:30:00Z").unwrap();
    assert_eq!(month_of(t), 202602);
    assert_eq!(parse_time("t", "2026-02-01 00:30").unwrap(), t);
    assert!(parse_time("t", "yesterday").is_err());
}
