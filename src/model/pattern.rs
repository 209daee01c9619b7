//! `reference_pattern` text -> a pattern that writes a reference from a year and a number
//! (`GVA/{year}/{seq:04}` -> `GVA/2026/0043`).

use std::fmt;

/// A reference pattern: literal text with `{year}` and one `{seq}` or `{seq:0N}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written; it names the sequence in the register.
    pub text: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Year,
    /// The number, padded with zeros to `width` digits.
    Seq {
        width: usize,
    },
}

/// Why a pattern cannot be used, and where in it (a byte offset into the pattern's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset of the problem in the pattern.
    pub offset: usize,
    /// What is wrong.
    pub fault: PatternFault,
}

/// What is wrong with a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternFault {
    /// A `{` with no `}` after it.
    Unclosed,
    /// A `}` with no `{` before it.
    Unopened,
    /// A placeholder other than `{year}`, `{seq}` and `{seq:0N}` (its name).
    Unknown(String),
    /// A placeholder given a second time (its name).
    Twice(String),
    /// No `{seq}`.
    NoSeq,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fault {
            PatternFault::Unclosed => f.write_str("`{` is not closed by `}`"),
            PatternFault::Unopened => f.write_str("`}` without `{`"),
            PatternFault::Unknown(name) => write!(f, "unknown placeholder `{{{name}}}`"),
            PatternFault::Twice(name) => write!(f, "`{{{name}}}` is given twice"),
            PatternFault::NoSeq => f.write_str("the pattern has no `{seq}`"),
        }
    }
}

/// The widest zero padding accepted: references are short.
const MAX_WIDTH: usize = 9;

impl Pattern {
    /// Reads a pattern; it must hold exactly one `{seq}` (or `{seq:0N}`) and at most one
    /// `{year}`.
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let error = |offset: usize, fault: PatternFault| Err(PatternError { offset, fault });
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        let (mut seqs, mut years) = (0, 0);
        while let Some(c) = rest.chars().next() {
            let offset = text.len() - rest.len();
            match c {
                '{' => {
                    let Some(end) = rest.find('}') else {
                        return error(offset, PatternFault::Unclosed);
                    };
                    let name = &rest[1..end];
                    let part = match name {
                        "year" => {
                            years += 1;
                            Part::Year
                        }
                        "seq" => {
                            seqs += 1;
                            Part::Seq { width: 1 }
                        }
                        _ => match name.strip_prefix("seq:0").map(str::parse::<usize>) {
                            Some(Ok(width)) if (1..=MAX_WIDTH).contains(&width) => {
                                seqs += 1;
                                Part::Seq { width }
                            }
                            _ => return error(offset, PatternFault::Unknown(name.into())),
                        },
                    };
                    if seqs > 1 || years > 1 {
                        return error(offset, PatternFault::Twice(name.into()));
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(part);
                    rest = &rest[end + 1..];
                }
                '}' => return error(offset, PatternFault::Unopened),
                _ => {
                    literal.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        if seqs == 0 {
            return error(text.len(), PatternFault::NoSeq);
        }
        Ok(Pattern {
            text: text.to_string(),
            parts,
        })
    }

    /// Whether the sequence starts again at 1 each year (the pattern names the year).
    pub fn has_year(&self) -> bool {
        self.parts.contains(&Part::Year)
    }

    /// The reference with this year and number.
    pub fn format(&self, year: u16, seq: u64) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Literal(text) => text.clone(),
                Part::Year => format!("{year:04}"),
                Part::Seq { width } => format!("{seq:0width$}"),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_writes_the_year_and_the_padded_number() {
        let pattern = Pattern::parse("GVA/{year}/{seq:04}").unwrap();
        assert_eq!(pattern.format(2026, 43), "GVA/2026/0043");
        assert_eq!(pattern.format(2026, 12345), "GVA/2026/12345");
        assert!(pattern.has_year());
        let plain = Pattern::parse("NV-{seq}").unwrap();
        assert_eq!(plain.format(2026, 7), "NV-7");
        assert!(!plain.has_year());
    }

    #[test]
    fn a_bad_pattern_says_where() {
        let problem = |text: &str| {
            let e = Pattern::parse(text).unwrap_err();
            (e.offset, e.to_string())
        };
        assert_eq!(
            problem("GVA/{yaer}/{seq}"),
            (4, "unknown placeholder `{yaer}`".into())
        );
        assert_eq!(
            problem("GVA/{year}"),
            (10, "the pattern has no `{seq}`".into())
        );
        assert_eq!(problem("{seq}/{seq}"), (6, "`{seq}` is given twice".into()));
        assert_eq!(problem("GVA/{seq"), (4, "`{` is not closed by `}`".into()));
        assert_eq!(problem("GVA}{seq}"), (3, "`}` without `{`".into()));
        assert_eq!(
            problem("{seq:012}"),
            (0, "unknown placeholder `{seq:012}`".into())
        );
    }
}
