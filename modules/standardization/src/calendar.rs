//! Deadlines in working days (工作日): the platform's calendar, shared with
//! the other modules that count working days.

pub use anjian_platform::calendar::Calendar;
