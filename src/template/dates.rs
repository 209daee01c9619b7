//! Dates -> their wording in a note's language: "4 to 6 September 2017", "du 4 au 6 septembre
//! 2017", "del 4 al 6 de septiembre de 2017", "с 4 по 6 сентября 2017 года".
//!
//! The wording joins with no-break spaces what a line must not split, as typographers do: a day
//! and its month, a range's days ("4 to 6 September"), and the Spanish "de" with what follows it.
//! The year may go to the next line. The French "1er" has its letters marked to be raised.

use crate::dates::Date;
use crate::model::Language;

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

/// Russian months in the genitive, as dates write them (`14 августа`): UN Russian usage, as on
/// the Russian pages of UN Geneva ("Женева, 14 августа 2017 года").
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Arabic months as UN Arabic texts name them, the Levantine name and the one of Egypt and the
/// Maghreb paired with a slash (`14 آب/أغسطس 2017`), with the UN spellings يونيه and يوليه
/// (DOMAIN.md §8, [V] A/65/L.78: «15 آذار/مارس 2006», «16 حزيران/يونيه 2011»).
const MONTHS_AR: [&str; 12] = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];

/// `15 August 2017`.
pub fn english(date: Date) -> String {
    format!("{} {}", day_month(date, Language::English), date.year)
}

/// Day and month, never split: `15 August`, `1er août`, `15 de agosto`.
fn day_month(date: Date, language: Language) -> String {
    match language {
        Language::English => format!("{}{NB}{}", date.day, month_name(&MONTHS_EN, date)),
        Language::French => format!("{}{NB}{}", day_fr(date), month_name(&MONTHS_FR, date)),
        Language::Spanish => format!("{}{NB}de{NB}{}", date.day, month_name(&MONTHS_ES, date)),
        Language::Russian => format!("{}{NB}{}", date.day, month_name(&MONTHS_RU, date)),
        // `8月14日`: no spaces in Chinese.
        Language::Chinese => format!("{}月{}日", date.month, date.day),
        // `14 آب/أغسطس`, Western digits; the two-word month names keep together too.
        Language::Arabic => format!(
            "{}{NB}{}",
            date.day,
            month_name(&MONTHS_AR, date).replace(' ', "\u{a0}")
        ),
    }
}

fn month_name(months: &[&'static str; 12], date: Date) -> &'static str {
    months[usize::from(date.month - 1)]
}

/// French day: `1er` for the first, its letters marked to be raised, else the number.
fn day_fr(date: Date) -> String {
    if date.day == 1 {
        format!("1{}", crate::markup::superscript("er"))
    } else {
        date.day.to_string()
    }
}

/// The date in a note's language, without article: `15 August 2017`, `1er août 2017`,
/// `1 de agosto de 2017`.
pub fn written(date: Date, language: Language) -> String {
    match language {
        Language::English | Language::French => {
            format!("{} {}", day_month(date, language), date.year)
        }
        Language::Spanish => format!("{} de{NB}{}", day_month(date, language), date.year),
        // `14 августа 2017 года`: the year never parted from `года`.
        Language::Russian => format!("{} {}{NB}года", day_month(date, language), date.year),
        // `2017年8月14日` (DOMAIN.md §8, [Vp] PRC MFA model notes).
        Language::Chinese => format!("{}年{}", date.year, day_month(date, language)),
        // `14 آب/أغسطس 2017` (DOMAIN.md §8, [V] A/65/L.78).
        Language::Arabic => format!("{} {}", day_month(date, language), date.year),
    }
}

/// `في الفترة من 4 إلى 6 أيلول/سبتمبر 2017`, month and year named once when they do not change
/// (DOMAIN.md §8, [Vp]); one day is `في 4 أيلول/سبتمبر 2017`.
fn arabic_range(start: Date, end: Date) -> String {
    let language = Language::Arabic;
    let last = written(end, language);
    if start == end {
        return format!("في {last}");
    }
    let first = if start.year != end.year {
        written(start, language)
    } else if start.month != end.month {
        day_month(start, language)
    } else {
        start.day.to_string()
    };
    format!("في الفترة من {first} إلى {last}")
}

/// `2017年9月4日至6日`, `2017年8月30日至9月1日`, `2017年12月30日至2018年1月2日`: the range
/// with 至, each part named once (DOMAIN.md §8, [Vp]); one day is the date alone.
fn chinese_range(start: Date, end: Date) -> String {
    let first = written(start, Language::Chinese);
    if start == end {
        first
    } else if start.year != end.year {
        format!("{first}至{}", written(end, Language::Chinese))
    } else if start.month != end.month {
        format!("{first}至{}", day_month(end, Language::Chinese))
    } else {
        format!("{first}至{}日", end.day)
    }
}

/// When a meeting is held, as the phrase that follows "to be held in Geneva":
/// `from 4 to 6 September 2017` / `on 4 September 2017`,
/// `du 4 au 6 septembre 2017` / `le 4 septembre 2017`,
/// `del 4 al 6 de septiembre de 2017` / `el 4 de septiembre de 2017`,
/// `с 4 по 6 сентября 2017 года` / `4 сентября 2017 года`.
/// Month and year are named once when they do not change.
pub fn held(language: Language, start: Date, end: Date) -> String {
    match language {
        Language::Russian => russian_range(start, end),
        Language::Chinese => chinese_range(start, end),
        Language::Arabic => arabic_range(start, end),
        Language::English if start == end => format!("on {}", english(start)),
        Language::English => format!("from {}", english_range(start, end)),
        Language::French => {
            if start == end {
                return format!("le {}", written(start, language));
            }
            if start.year != end.year {
                return format!(
                    "du {} au {}",
                    written(start, language),
                    written(end, language)
                );
            } else if start.month != end.month {
                return format!(
                    "du {} au {}",
                    day_month(start, language),
                    written(end, language)
                );
            }
            format!("du {}{NB}au{NB}{}", day_fr(start), written(end, language))
        }
        Language::Spanish => {
            if start == end {
                return format!("el {}", written(start, language));
            }
            if start.year != end.year {
                return format!(
                    "del {} al {}",
                    written(start, language),
                    written(end, language)
                );
            } else if start.month != end.month {
                return format!(
                    "del {} al {}",
                    day_month(start, language),
                    written(end, language)
                );
            }
            format!("del {}{NB}al{NB}{}", start.day, written(end, language))
        }
    }
}

/// A Russian range, `с … по …` (UN Geneva's Russian pages), the one-letter `с` never left at
/// the end of a line: `с 4 по 6 сентября 2017 года`, `с 30 августа по 1 сентября 2017 года`,
/// `с 28 декабря 2017 года по 2 января 2018 года`; one day is the date alone.
fn russian_range(start: Date, end: Date) -> String {
    let language = Language::Russian;
    if start == end {
        written(start, language)
    } else if start.year != end.year {
        format!(
            "с{NB}{} по{NB}{}",
            written(start, language),
            written(end, language)
        )
    } else if start.month != end.month {
        format!(
            "с{NB}{} по{NB}{}",
            day_month(start, language),
            written(end, language)
        )
    } else {
        format!("с{NB}{}{NB}по{NB}{}", start.day, written(end, language))
    }
}

/// A date range in UN English style, naming the month and year only where they change:
/// `4 to 6 September 2017`, `30 August to 1 September 2017`,
/// `28 December 2017 to 2 January 2018`, or `4 September 2017` for one day.
pub fn english_range(start: Date, end: Date) -> String {
    if start == end {
        english(start)
    } else if start.year != end.year {
        format!("{} to {}", english(start), english(end))
    } else if start.month != end.month {
        format!(
            "{} to {}",
            day_month(start, Language::English),
            english(end)
        )
    } else {
        format!("{}{NB}to{NB}{}", start.day, english(end))
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
    fn arabic_dates_and_ranges() {
        let ar = Language::Arabic;
        // Western digits, the paired month names, day and month never parted.
        assert_eq!(written(d(2017, 8, 14), ar), nb("14~آب/أغسطس 2017"));
        assert_eq!(written(d(2006, 3, 15), ar), nb("15~آذار/مارس 2006"));
        assert_eq!(written(d(2011, 6, 16), ar), nb("16~حزيران/يونيه 2011"));
        // A two-word month name keeps together too.
        assert_eq!(written(d(2017, 1, 2), ar), nb("2~كانون~الثاني/يناير 2017"));
        assert_eq!(
            held(ar, d(2017, 9, 4), d(2017, 9, 6)),
            nb("في الفترة من 4 إلى 6~أيلول/سبتمبر 2017")
        );
        assert_eq!(
            held(ar, d(2017, 8, 30), d(2017, 9, 1)),
            nb("في الفترة من 30~آب/أغسطس إلى 1~أيلول/سبتمبر 2017")
        );
        assert_eq!(
            held(ar, d(2017, 12, 30), d(2018, 1, 2)),
            nb("في الفترة من 30~كانون~الأول/ديسمبر 2017 إلى 2~كانون~الثاني/يناير 2018")
        );
        assert_eq!(
            held(ar, d(2017, 9, 4), d(2017, 9, 4)),
            nb("في 4~أيلول/سبتمبر 2017")
        );
    }

    #[test]
    fn chinese_dates_and_ranges() {
        let zh = Language::Chinese;
        assert_eq!(written(d(2017, 8, 14), zh), "2017年8月14日");
        assert_eq!(held(zh, d(2017, 9, 4), d(2017, 9, 6)), "2017年9月4日至6日");
        assert_eq!(
            held(zh, d(2017, 8, 30), d(2017, 9, 1)),
            "2017年8月30日至9月1日"
        );
        assert_eq!(
            held(zh, d(2017, 12, 30), d(2018, 1, 2)),
            "2017年12月30日至2018年1月2日"
        );
        assert_eq!(held(zh, d(2017, 9, 4), d(2017, 9, 4)), "2017年9月4日");
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
        assert_eq!(written(d(2017, 8, 15), Fr), nb("15~août 2017"));
        assert_eq!(
            written(d(2017, 2, 1), Fr),
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
        assert_eq!(written(d(2017, 8, 15), Es), nb("15~de~agosto de~2017"));
    }

    #[test]
    fn russian_dates() {
        use Language::Russian as Ru;
        assert_eq!(
            held(Ru, d(2017, 9, 4), d(2017, 9, 6)),
            nb("с~4~по~6~сентября 2017~года")
        );
        assert_eq!(
            held(Ru, d(2017, 8, 30), d(2017, 9, 1)),
            nb("с~30~августа по~1~сентября 2017~года")
        );
        assert_eq!(
            held(Ru, d(2017, 12, 28), d(2018, 1, 2)),
            nb("с~28~декабря 2017~года по~2~января 2018~года")
        );
        assert_eq!(
            held(Ru, d(2017, 9, 4), d(2017, 9, 4)),
            nb("4~сентября 2017~года")
        );
        assert_eq!(written(d(2017, 8, 14), Ru), nb("14~августа 2017~года"));
        assert_eq!(written(d(2017, 5, 1), Ru), nb("1~мая 2017~года"));
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
        assert_eq!(english(d(2017, 8, 15)), nb("15~August 2017"));
    }
}
