//! `verbale serve` in real browsers, as a protocol officer uses it: each scenario runs in
//! Chromium and in Firefox through WebDriver, and ends with axe-core's WCAG 2.1 A/AA check.

use crate::in_both_browsers;
use crate::support::browser::Page;

/// The page opens on the example and passes axe-core.
async fn opens(page: &Page) {
    page.assert_accessible("on opening").await;
}
in_both_browsers!(opens, "7msp.toml");
