//! Calendar dates and their wording in a note ("4 to 6 September 2017"), independent of any locale.
//!
//! The wording joins with no-break spaces what a line must not split, as typographers do: a day
//! and its month, a range's days ("4 to 6 September"), and the Spanish "de" with what follows it.
//! The year may go to the next line.

use std::fmt;

use crate::model::Language;

/// A calendar date (proleptic Gregorian), always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to the length of the month.
    pub day: u8,
}

/// A no-break space.
const NB: char = '\u{a0}';

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

impl Date {
    /// A date, or `None` when the day does not exist (30 February).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// The UTC date of a Unix timestamp (as in `SOURCE_DATE_EPOCH`).
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        // Civil-from-days, after Howard Hinnant's public-domain algorithm.
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month, day)
    }

    /// `15 August 2017`.
    pub fn english(self) -> String {
        format!("{} {}", self.day_month(Language::English), self.year)
    }

    /// Day and month, never split: `15 August`, `1er août`, `15 de agosto`.
    fn day_month(self, language: Language) -> String {
        match language {
            Language::English => format!("{}{NB}{}", self.day, self.month_name_en()),
            Language::French => format!("{}{NB}{}", self.day_fr(), self.month_name_fr()),
            Language::Spanish => format!("{}{NB}de{NB}{}", self.day, self.month_name_es()),
        }
    }

    fn month_name_en(self) -> &'static str {
        MONTHS_EN[usize::from(self.month - 1)]
    }

    fn month_name_fr(self) -> &'static str {
        MONTHS_FR[usize::from(self.month - 1)]
    }

    fn month_name_es(self) -> &'static str {
        MONTHS_ES[usize::from(self.month - 1)]
    }

    /// French day: `1er` for the first, its letters marked to be raised, else the number.
    fn day_fr(self) -> String {
        if self.day == 1 {
            format!("1{}", crate::markup::superscript("er"))
        } else {
            self.day.to_string()
        }
    }

    /// The date in a note's language, without article: `15 August 2017`, `1er août 2017`,
    /// `1 de agosto de 2017`.
    pub fn written(self, language: Language) -> String {
        match language {
            Language::English | Language::French => {
                format!("{} {}", self.day_month(language), self.year)
            }
            Language::Spanish => format!("{} de{NB}{}", self.day_month(language), self.year),
        }
    }
}

/// When a meeting is held, as the phrase that follows "to be held in Geneva":
/// `from 4 to 6 September 2017` / `on 4 September 2017`,
/// `du 4 au 6 septembre 2017` / `le 4 septembre 2017`,
/// `del 4 al 6 de septiembre de 2017` / `el 4 de septiembre de 2017`.
/// Month and year are named once when they do not change.
pub fn held(language: Language, start: Date, end: Date) -> String {
    match language {
        Language::English if start == end => format!("on {}", start.english()),
        Language::English => format!("from {}", english_range(start, end)),
        Language::French => {
            if start == end {
                return format!("le {}", start.written(language));
            }
            if start.year != end.year {
                return format!(
                    "du {} au {}",
                    start.written(language),
                    end.written(language)
                );
            } else if start.month != end.month {
                return format!(
                    "du {} au {}",
                    start.day_month(language),
                    end.written(language)
                );
            }
            format!("du {}{NB}au{NB}{}", start.day_fr(), end.written(language))
        }
        Language::Spanish => {
            if start == end {
                return format!("el {}", start.written(language));
            }
            if start.year != end.year {
                return format!(
                    "del {} al {}",
                    start.written(language),
                    end.written(language)
                );
            } else if start.month != end.month {
                return format!(
                    "del {} al {}",
                    start.day_month(language),
                    end.written(language)
                );
            }
            format!("del {}{NB}al{NB}{}", start.day, end.written(language))
        }
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2017-09-04`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
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

/// A date range in UN English style, naming the month and year only where they change:
/// `4 to 6 September 2017`, `30 August to 1 September 2017`,
/// `28 December 2017 to 2 January 2018`, or `4 September 2017` for one day.
pub fn english_range(start: Date, end: Date) -> String {
    if start == end {
        start.english()
    } else if start.year != end.year {
        format!("{} to {}", start.english(), end.english())
    } else if start.month != end.month {
        format!(
            "{} to {}",
            start.day_month(Language::English),
            end.english()
        )
    } else {
        format!("{}{NB}to{NB}{}", start.day, end.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    /// The expected wording, with `~` for a no-break space.
    fn nb(text: &str) -> String {
        text.replace('~', "\u{a0}")
    }

    #[test]
    fn ranges_name_only_what_changes() {
        assert_eq!(
            english_range(d(2017, 9, 4), d(2017, 9, 6)),
            nb("4~to~6~September 2017")
        );
        assert_eq!(
            english_range(d(2017, 8, 30), d(2017, 9, 1)),
            nb("30~August to 1~September 2017")
        );
        assert_eq!(
            english_range(d(2017, 12, 28), d(2018, 1, 2)),
            nb("28~December 2017 to 2~January 2018")
        );
        assert_eq!(
            english_range(d(2017, 9, 4), d(2017, 9, 4)),
            nb("4~September 2017")
        );
    }

    #[test]
    fn french_dates() {
        use Language::French as Fr;
        assert_eq!(
            held(Fr, d(2017, 9, 4), d(2017, 9, 6)),
            nb("du 4~au~6~septembre 2017")
        );
        assert_eq!(
            held(Fr, d(2017, 8, 30), d(2017, 9, 1)),
            nb("du 30~août au 1\u{E002}er\u{E003}~septembre 2017")
        );
        assert_eq!(
            held(Fr, d(2017, 12, 28), d(2018, 1, 2)),
            nb("du 28~décembre 2017 au 2~janvier 2018")
        );
        assert_eq!(
            held(Fr, d(2017, 8, 1), d(2017, 8, 1)),
            nb("le 1\u{E002}er\u{E003}~août 2017")
        );
        assert_eq!(d(2017, 8, 15).written(Fr), nb("15~août 2017"));
        assert_eq!(
            d(2017, 2, 1).written(Fr),
            nb("1\u{E002}er\u{E003}~février 2017")
        );
    }

    #[test]
    fn spanish_dates() {
        use Language::Spanish as Es;
        assert_eq!(
            held(Es, d(2017, 9, 4), d(2017, 9, 6)),
            nb("del 4~al~6~de~septiembre de~2017")
        );
        assert_eq!(
            held(Es, d(2017, 8, 30), d(2017, 9, 1)),
            nb("del 30~de~agosto al 1~de~septiembre de~2017")
        );
        assert_eq!(
            held(Es, d(2017, 12, 28), d(2018, 1, 2)),
            nb("del 28~de~diciembre de~2017 al 2~de~enero de~2018")
        );
        assert_eq!(
            held(Es, d(2017, 8, 1), d(2017, 8, 1)),
            nb("el 1~de~agosto de~2017")
        );
        assert_eq!(d(2017, 8, 15).written(Es), nb("15~de~agosto de~2017"));
    }

    #[test]
    fn english_phrases() {
        use Language::English as En;
        assert_eq!(
            held(En, d(2017, 9, 4), d(2017, 9, 6)),
            nb("from 4~to~6~September 2017")
        );
        assert_eq!(
            held(En, d(2017, 9, 4), d(2017, 9, 4)),
            nb("on 4~September 2017")
        );
    }

    #[test]
    fn single_date() {
        assert_eq!(d(2017, 8, 15).english(), nb("15~August 2017"));
        assert_eq!(d(2017, 8, 1).to_string(), "2017-08-01");
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(Date::new(2017, 2, 29).is_none());
        assert!(Date::new(2016, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2017, 13, 1).is_none());
        assert!(Date::parse_iso("2017-9-x").is_none());
    }

    #[test]
    fn unix_seconds_to_utc_date() {
        assert_eq!(Date::from_unix_seconds(0), Some(d(1970, 1, 1)));
        assert_eq!(Date::from_unix_seconds(1_502_755_200), Some(d(2017, 8, 15)));
        assert_eq!(Date::from_unix_seconds(951_782_400), Some(d(2000, 2, 29)));
    }
}
