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
        _ => None,
    }
}
