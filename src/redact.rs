//! Text that may hold PostgreSQL URLs with passwords -> the same text with each password shown
//! as `***`, so that neither an error's URL nor a quoted source line prints a secret back.

use std::ops::Range;

/// What a hidden password is shown as.
pub const HIDDEN: &str = "***";

/// The byte ranges of the passwords in the `postgres://` and `postgresql://` URLs of `text`:
/// after `user:` in the authority, and the values of `password=` in the query.
pub fn password_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(start) = next_url(text, from) {
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>'))
            .map_or(text.len(), |i| start + i);
        url_passwords(text, start..end, &mut ranges);
        from = end;
    }
    ranges.retain(|range| !range.is_empty());
    ranges
}

/// Where the URL after the next `postgres://` or `postgresql://` at or after `from` starts.
fn next_url(text: &str, mut from: usize) -> Option<usize> {
    loop {
        let at = text.get(from..)?.find("postgres")? + from;
        let scheme = ["postgresql://", "postgres://"]
            .into_iter()
            .find(|scheme| text[at..].starts_with(scheme));
        match scheme {
            Some(scheme) => return Some(at + scheme.len()),
            None => from = at + "postgres".len(),
        }
    }
}

/// The passwords of one URL whose part after `://` is `text[rest]`.
fn url_passwords(text: &str, rest: Range<usize>, ranges: &mut Vec<Range<usize>>) {
    let url = &text[rest.clone()];
    // As the client reads a URL: the user and password are what comes before the first `@`,
    // wherever it is, and the password what follows the first `:` there.
    if let Some(at) = url.find('@') {
        if let Some(colon) = url[..at].find(':') {
            ranges.push(rest.start + colon + 1..rest.start + at);
        }
    }
    let Some(query) = url.find('?') else { return };
    let mut start = query + 1;
    for pair in url[query + 1..].split('&') {
        if let Some(value) = pair.strip_prefix("password=") {
            let value_start = start + "password=".len();
            let value_end = value_start + value.find('#').unwrap_or(value.len());
            ranges.push(rest.start + value_start..rest.start + value_end);
        }
        start += pair.len() + 1;
    }
}

/// `text` with every password of its URLs shown as `***`.
pub fn hide(text: &str) -> String {
    hide_around(text, 0..0).0
}

/// `text` with its passwords hidden, and where `span` (a range of `text`) is in the result.
pub fn hide_around(text: &str, span: Range<usize>) -> (String, Range<usize>) {
    let ranges = password_ranges(text);
    let mut shown = String::with_capacity(text.len());
    let mut last = 0;
    for range in &ranges {
        shown.push_str(&text[last..range.start]);
        shown.push_str(HIDDEN);
        last = range.end;
    }
    shown.push_str(&text[last..]);
    // An offset inside a password is moved to the start of its `***`.
    let moved = |offset: usize| {
        ranges.iter().fold(offset, |moved, range| {
            if offset >= range.end {
                moved + HIDDEN.len() - range.len()
            } else if offset > range.start {
                moved - (offset - range.start)
            } else {
                moved
            }
        })
    };
    (shown, moved(span.start)..moved(span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_the_authority_and_the_query_are_hidden() {
        assert_eq!(
            hide("postgres://clerk:s3cr%40t@db.example.org:5433/notes"),
            "postgres://clerk:***@db.example.org:5433/notes"
        );
        assert_eq!(
            hide("postgres://clerk:a/b?c@db.example.org/notes"),
            "postgres://clerk:***@db.example.org/notes"
        );
        assert_eq!(
            hide("postgresql://clerk@db/notes?sslmode=require&password=x%26y&application_name=v"),
            "postgresql://clerk@db/notes?sslmode=require&password=***&application_name=v"
        );
        assert_eq!(
            hide("register = \"postgres://a:b@h/d\" # and postgres://c@h/d?password=e"),
            "register = \"postgres://a:***@h/d\" # and postgres://c@h/d?password=***"
        );
        let plain = "postgres://clerk@db.example.org/notes?options=a:b@c postgres-like:x@y";
        assert_eq!(hide(plain), plain);
    }

    #[test]
    fn a_span_follows_the_hidden_text() {
        let text = "register = \"postgres://clerk:a-long-secret@db/notes\"\n";
        let span = 11..text.len() - 1;
        let (shown, moved) = hide_around(text, span);
        assert_eq!(&shown[moved], "\"postgres://clerk:***@db/notes\"");
    }
}
