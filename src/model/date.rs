//! Dates that may be known only to the year or month.

use std::fmt;

/// A calendar date known to the year, the month or the day.
///
/// Ordering places a partial date before every full date of the same period:
/// `2025` < `2025-01` < `2025-01-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = text.split('-');
        let year = parts.next().unwrap_or_default();
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() || year.len() != 4 {
            return Err(format!(
                "`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            ));
        }
        let number = |s: &str, width: usize, what: &str| -> Result<u16, String> {
            if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u16>().map_err(|e| e.to_string())
            } else {
                Err(format!(
                    "`{text}` is not a date: the {what} must be {width} digits (YYYY, YYYY-MM or YYYY-MM-DD)"
                ))
            }
        };
        let year = number(year, 4, "year")?;
        let month = month.map(|m| number(m, 2, "month")).transpose()?;
        let day = day.map(|d| number(d, 2, "day")).transpose()?;
        Self::from_parts(year, month, day)
            .ok_or_else(|| format!("`{text}` is not a date: there is no such month or day"))
    }

    /// Builds a date from numbers, or `None` if no such date exists.
    pub fn from_parts(year: u16, month: Option<u16>, day: Option<u16>) -> Option<Self> {
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let Some(d) = day {
            let m = month?;
            if d < 1 || d > days_in_month(year, m as u8) as u16 {
                return None;
            }
        }
        Some(Self {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// A number that increases with time, in days since year 0, placing a
    /// partial date at the start of its period. Used to lay dates on an axis.
    pub fn ordinal(&self) -> i64 {
        let y = i64::from(self.year);
        let m = i64::from(self.month.unwrap_or(1));
        let d = i64::from(self.day.unwrap_or(1));
        // Days from civil, after Howard Hinnant's algorithm.
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }

    /// True when the day is known.
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A date serialises as its written form: `2025`, `2025-07`, `2025-07-31`.
impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).expect("valid date")
    }

    #[test]
    fn partial_dates_sort_before_full_dates_of_their_period() {
        let mut dates = [
            d("2025-07-31"),
            d("2025"),
            d("2025-07"),
            d("2024-12-31"),
            d("2025-07-01"),
        ];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["2024-12-31", "2025", "2025-07", "2025-07-01", "2025-07-31"]
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PartialDate::parse("2025-02-29").is_err());
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("2025-13").is_err());
        assert!(PartialDate::parse("25-01-01").is_err());
        assert!(PartialDate::parse("2025-1-01").is_err());
        assert!(PartialDate::parse("2025-01-01-01").is_err());
        assert!(PartialDate::parse("July 2025").is_err());
    }

    #[test]
    fn ordinal_counts_days() {
        assert_eq!(d("2025-03-01").ordinal() - d("2025-02-28").ordinal(), 1);
        assert_eq!(d("2025").ordinal(), d("2025-01-01").ordinal());
        assert_eq!(d("2026-01-01").ordinal() - d("2025-01-01").ordinal(), 365);
    }
}
