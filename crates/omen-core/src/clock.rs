//! The flow's clock: instants as seconds since the Unix epoch, printed as ISO 8601 (what STS
//! returns) and in CloudTrail's `Mon D, YYYY, H:MM:SS AM` form.

use crate::condition::parse_date;

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(pub i64);

impl Instant {
    /// Read an ISO 8601 date-time (or epoch seconds).
    pub fn parse(text: &str) -> Option<Self> {
        parse_date(text).filter(|s| s.is_finite()).map(|s| Self(s.floor() as i64))
    }

    /// This instant plus `seconds`.
    pub fn plus(self, seconds: i64) -> Self {
        Self(self.0.saturating_add(seconds))
    }

    /// `2024-05-01T12:00:00Z`.
    pub fn iso(self) -> String {
        let (year, month, day, hour, minute, second) = self.fields();
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
    }

    /// CloudTrail's form for credential expirations: `May 1, 2024, 1:00:00 PM`.
    pub fn cloudtrail(self) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let (year, month, day, hour, minute, second) = self.fields();
        let name = MONTHS.get(month.saturating_sub(1) as usize).copied().unwrap_or("Jan");
        let (hour12, half) = match hour {
            0 => (12, "AM"),
            1..=11 => (hour, "AM"),
            12 => (12, "PM"),
            _ => (hour - 12, "PM"),
        };
        format!("{name} {day}, {year}, {hour12}:{minute:02}:{second:02} {half}")
    }

    fn fields(self) -> (i64, u32, u32, i64, i64, i64) {
        let days = self.0.div_euclid(86_400);
        let seconds = self.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        (year, month, day, seconds / 3_600, seconds % 3_600 / 60, seconds % 60)
    }
}

/// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_and_parses() {
        let now = Instant::parse("2024-05-01T12:00:00Z").unwrap();
        assert_eq!(now.iso(), "2024-05-01T12:00:00Z");
        assert_eq!(now.plus(3_600).iso(), "2024-05-01T13:00:00Z");
        assert_eq!(now.plus(3_600).cloudtrail(), "May 1, 2024, 1:00:00 PM");
        assert_eq!(Instant(0).cloudtrail(), "Jan 1, 1970, 12:00:00 AM");
        assert_eq!(Instant::parse("2020-02-29T23:59:59Z").unwrap().plus(1).iso(), "2020-03-01T00:00:00Z");
        assert!(Instant::parse("yesterday").is_none());
    }
}
