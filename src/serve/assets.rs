//! The page, its script and its style, compiled into the program: nothing is fetched from
//! the network and nothing needs building.

/// The page.
pub const INDEX: &str = include_str!("assets/index.html");

/// An asset by name: its media type and text.
pub fn get(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "app.js" => Some((
            "text/javascript; charset=utf-8",
            include_str!("assets/app.js"),
        )),
        "app.css" => Some(("text/css; charset=utf-8", include_str!("assets/app.css"))),
        "strings.json" => Some(("application/json", STRINGS)),
        _ => None,
    }
}

/// The interface's words, one table per language: `{"en": {...}, "fr": {...}, "es": {...}}`.
const STRINGS: &str = concat!(
    "{\"en\":",
    include_str!("assets/strings/en.json"),
    ",\"fr\":",
    include_str!("assets/strings/fr.json"),
    ",\"es\":",
    include_str!("assets/strings/es.json"),
    "}"
);

/// The English words of a key of the strings (the key itself if there are none).
pub fn english(key: &str) -> &str {
    static ENGLISH: std::sync::OnceLock<serde_json::Map<String, serde_json::Value>> =
        std::sync::OnceLock::new();
    let table = ENGLISH.get_or_init(|| {
        serde_json::from_str(include_str!("assets/strings/en.json")).unwrap_or_default()
    });
    table.get(key).and_then(|v| v.as_str()).unwrap_or(key)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_language_has_the_same_strings() {
        let tables: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(super::STRINGS).unwrap();
        let keys = |language: &str| {
            let mut keys: Vec<String> = tables[language]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        assert_eq!(keys("en"), keys("fr"));
        assert_eq!(keys("en"), keys("es"));
        assert_eq!(super::english("field.start"), "First day");
    }
}
