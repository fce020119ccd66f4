//! Deadlines in working days (工作日): Monday to Friday in the province's
//! time zone, less the public holidays the province lists, plus the
//! weekend days it lists as worked (调休). Both lists are its data.

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Weekday};

/// The province's time zone (UTC+8).
fn zone() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600)
        .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

/// The working-day calendar of the province.
pub struct Calendar<'a> {
    /// Public holidays, `YYYY-MM-DD`.
    pub holidays: &'a [String],
    /// Weekend days that are worked, `YYYY-MM-DD`.
    pub worked_weekends: &'a [String],
}

impl Calendar<'_> {
    fn listed(list: &[String], d: NaiveDate) -> bool {
        let s = d.format("%Y-%m-%d").to_string();
        list.iter().any(|x| x.trim() == s)
    }

    /// Whether `d` is a working day.
    pub fn is_working(&self, d: NaiveDate) -> bool {
        if Self::listed(self.worked_weekends, d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !Self::listed(self.holidays, d)
    }

    /// The same time of day `days` working days after `from_ms` (0: `from_ms`).
    pub fn add_working_days(&self, from_ms: i64, days: u32) -> i64 {
        let Some(start) = zone().timestamp_millis_opt(from_ms).single() else {
            return from_ms + i64::from(days) * 86_400_000;
        };
        let mut d = start.date_naive();
        let mut left = days;
        let mut steps = 0i64;
        // At most ten years of days, whatever the lists say.
        while left > 0 && steps < 3660 {
            d += Duration::days(1);
            steps += 1;
            if self.is_working(d) {
                left -= 1;
            }
        }
        from_ms + steps * 86_400_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(y: i32, m: u32, d: u32) -> i64 {
        zone()
            .with_ymd_and_hms(y, m, d, 10, 0, 0)
            .single()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn weekends_holidays_and_worked_weekends() {
        let none = Calendar {
            holidays: &[],
            worked_weekends: &[],
        };
        // Friday 2026-09-25 + 1 working day = Monday 09-28.
        assert_eq!(none.add_working_days(ms(2026, 9, 25), 1), ms(2026, 9, 28));
        assert_eq!(none.add_working_days(ms(2026, 9, 25), 0), ms(2026, 9, 25));
        // National Day 2026: 10-01..10-07 off, Sunday 09-27 and Saturday 10-10 worked.
        let holidays: Vec<String> = (1..=7).map(|d| format!("2026-10-0{d}")).collect();
        let worked = vec!["2026-09-27".to_string(), "2026-10-10".to_string()];
        let cal = Calendar {
            holidays: &holidays,
            worked_weekends: &worked,
        };
        // Friday 09-25 + 1 = Sunday 09-27 (worked).
        assert_eq!(cal.add_working_days(ms(2026, 9, 25), 1), ms(2026, 9, 27));
        // Wednesday 09-30 + 1 = Thursday 10-08; + 3 = Saturday 10-10.
        assert_eq!(cal.add_working_days(ms(2026, 9, 30), 1), ms(2026, 10, 8));
        assert_eq!(cal.add_working_days(ms(2026, 9, 30), 3), ms(2026, 10, 10));
        // Five working days from Monday: the next Monday.
        assert_eq!(none.add_working_days(ms(2026, 11, 30), 5), ms(2026, 12, 7));
    }
}
