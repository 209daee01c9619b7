//! `verbale serve` in real browsers, as a protocol officer uses it: each scenario runs in
//! Chromium and in Firefox through WebDriver (`NAME::chromium`, `NAME::firefox`), and ends with
//! axe-core's WCAG 2.1 A/AA check of the page as it was left.

use crate::in_both_browsers;
use crate::support::browser::Page;
use crate::support::{flat, require};
use fantoccini::key::Key;
use serde_json::json;

/// The head of delegation's name in examples/7msp.toml.
const HEAD: &str = "Ana Müller-Łódź";

/// Changing the head's name in the form changes the pages' text (and the file's text, with its
/// comments kept); the page passes axe-core with the pages drawn. Saves the screenshot the
/// README shows.
async fn head_name_in_pages(page: &Page) {
    page.wait_for_pages_text(HEAD, None).await;
    page.assert_accessible("with the example's pages drawn")
        .await;
    page.fill("member[0].name", "Beatriz Okonkwo-Sandoval")
        .await;
    page.wait_for_pages_text("Beatriz Okonkwo-Sandoval", Some(HEAD))
        .await;
    let text = page
        .js("return document.getElementById('file-text').value;", vec![])
        .await;
    let text = text.as_str().unwrap();
    assert!(
        text.contains("name = \"Beatriz Okonkwo-Sandoval\""),
        "{text}"
    );
    assert!(
        text.contains("# head, deputy, representative"),
        "a comment was lost:\n{text}"
    );
    page.screenshot("serve").await;
}
in_both_browsers!(head_name_in_pages, "7msp.toml");

/// With the keyboard alone: Tab to "Add member", Enter, and type the new member's name into
/// the field that then has the focus; the member appears in the table and on the pages.
async fn add_member_with_keyboard(page: &Page) {
    page.wait_for_pages_text(HEAD, None).await;
    let before = page.member_count().await;
    page.tab_to("#add-member").await;
    page.press(&Key::Enter).await;
    let name = format!("[name=\"member[{before}].name\"]");
    let script = "return document.activeElement.matches(arguments[0]);";
    page.wait_until(
        "the new member's name field to have the focus",
        script,
        vec![json!(name)],
    )
    .await;
    assert_eq!(page.member_count().await, before + 1);
    page.press("Kwame Mensah-Boateng").await;
    // The title, one field back, then the function, one field on from the name.
    page.chord(Key::Shift, Key::Tab.into()).await;
    page.retype("Mr.").await;
    page.press(&format!("{}{}", &*Key::Tab, &*Key::Tab)).await;
    page.press("Legal Adviser").await;
    page.wait_for_pages_text("Mr. Kwame Mensah-Boateng, Legal Adviser", None)
        .await;
    assert_eq!(
        page.value(&format!("member[{before}].name")).await,
        "Kwame Mensah-Boateng"
    );
}
in_both_browsers!(add_member_with_keyboard, "7msp.toml");

/// With the keyboard alone: the mission's e-mail address mistyped shows `check`'s message at
/// that field (and in the list), the page passes axe-core with the error shown; typing the
/// address right clears both.
async fn mistake_shown_at_field_then_fixed(page: &Page) {
    page.wait_for_pages_text(HEAD, None).await;
    let field = "mission.email";
    page.tab_to(&format!("#delegation-form [name=\"{field}\"]"))
        .await;
    page.retype("mission.examplestan").await;
    let script = "const c = document.querySelector(`#delegation-form [name=\"${arguments[0]}\"]`);
        const span = c && document.getElementById(c.getAttribute('aria-describedby') || '');
        return c.getAttribute('aria-invalid') === 'true' && !!span && !span.hidden;";
    page.wait_until(
        "the problem at the mistyped e-mail",
        script,
        vec![json!(field)],
    )
    .await;
    let message = page.problem_at(field).await.unwrap();
    assert!(message.contains("is not an e-mail address"), "{message}");
    let listed = page
        .js(
            "return document.getElementById('problems').textContent;",
            vec![],
        )
        .await;
    assert!(
        listed
            .as_str()
            .unwrap()
            .contains("`email` is not an e-mail address"),
        "{listed}"
    );
    page.assert_accessible("with a problem shown at its field")
        .await;
    page.press("@example.org").await;
    let script = "const c = document.querySelector(`#delegation-form [name=\"${arguments[0]}\"]`);
        return c.getAttribute('aria-invalid') === null
            && document.querySelectorAll('#problems li').length === 0;";
    page.wait_until(
        "the problem to go once the address is right",
        script,
        vec![json!(field)],
    )
    .await;
    assert_eq!(page.value(field).await, "mission.examplestan@example.org");
}
in_both_browsers!(mistake_shown_at_field_then_fixed, "7msp.toml");

/// The note numbered by the register (`reference = "auto"`), issued with the keyboard (Tab to
/// "Issue", Enter); the PDF downloaded through the browser carries the number and the head.
async fn issue_with_automatic_number(page: &Page) {
    page.wait_for_pages_text(HEAD, None).await;
    page.fill("mission.reference_pattern", "GVA/{year}/{seq:04}")
        .await;
    page.fill("meeting[0].reference", "auto").await;
    page.wait_for_pages_text("GVA/2017/", Some("GVA/2017/0815"))
        .await;
    page.tab_to("#issue").await;
    page.press(&Key::Enter).await;
    let text = issued_pdf_text(page).await;
    assert!(
        text.contains("GVA/2017/0001"),
        "the register's number is not in the PDF:\n{text}"
    );
    assert!(text.contains(HEAD), "{text}");
    let status = page
        .js(
            "return document.getElementById('status').textContent;",
            vec![],
        )
        .await;
    assert!(
        status.as_str().unwrap().contains("GVA/2017/0001"),
        "{status}"
    );
}
in_both_browsers!(issue_with_automatic_number, "7msp.toml");

/// Waits for the link to the issued PDF, downloads it through the browser and gives its text.
async fn issued_pdf_text(page: &Page) -> String {
    let script = "return [...document.querySelectorAll('#downloads a.download')]
        .some(a => a.textContent.endsWith('.pdf'));";
    page.wait_until("a link to the issued PDF", script, vec![])
        .await;
    let href = page.js(
        "return [...document.querySelectorAll('#downloads a.download')]
            .find(a => a.textContent.endsWith('.pdf')).getAttribute('href');",
        vec![],
    );
    let href = href.await.as_str().unwrap().to_string();
    let pdf = page.download(&href).await;
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF from {href}");
    let path = page.served.workspace.path("downloaded.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = std::process::Command::new(require("pdftotext"))
        .args([path.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    flat(&String::from_utf8_lossy(&text.stdout))
}

/// Choosing French in the interface's language menu turns the page's words and its `lang`
/// into French; the page passes axe-core in French.
async fn french_interface(page: &Page) {
    page.wait_for_pages_text(HEAD, None).await;
    page.tab_to("#ui-lang").await;
    let select = page.find("#ui-lang").await;
    select
        .select_by_value("fr")
        .await
        .expect("French is offered");
    let script = "return document.documentElement.lang === 'fr'
        && document.getElementById('issue').textContent === 'Émettre';";
    page.wait_until("the interface in French", script, vec![])
        .await;
    let words = page
        .js(
            "return document.querySelector('header').textContent;",
            vec![],
        )
        .await;
    for word in ["Enregistrer", "Langue", "Fichier"] {
        assert!(
            words.as_str().unwrap().contains(word),
            "no {word:?} in {words}"
        );
    }
    let tab = page
        .js(
            "return document.getElementById('tab-form').textContent;",
            vec![],
        )
        .await;
    assert_eq!(tab, "Formulaire");
}
in_both_browsers!(french_interface, "7msp.toml");

/// Members from a spreadsheet chosen with "Import members": a misspelt role is listed at its
/// row and column and adds nobody; the corrected sheet adds its members after the file's own,
/// and they appear on the pages.
async fn spreadsheet_members_added(page: &Page) {
    page.wait_for_pages_text(HEAD, None).await;
    let before = page.member_count().await;
    let workspace = &page.served.workspace;
    let header = "Role,Title,Name,Function\n";
    let wrong = workspace.write(
        "wrong.csv",
        &format!("{header}hed,Ms.,Zoë O'Brien,Legal Officer\n"),
    );
    let input = page.find("#import-sheet").await;
    input
        .send_keys(wrong.to_str().unwrap())
        .await
        .expect("the sheet is chosen");
    let script = "return document.getElementById('problems').textContent.includes(arguments[0]);";
    let place = "wrong.csv: row 2, column 1 (Role)";
    page.wait_until(
        "the sheet's problem at its cell",
        script,
        vec![json!(place)],
    )
    .await;
    assert_eq!(page.member_count().await, before);
    let right = format!(
        "{header}expert,Ms.,Zoë O'Brien,Legal Officer\nadviser,Mr.,José Pérez Núñez,Counsellor\n"
    );
    let right = workspace.write("members.csv", &right);
    let input = page.find("#import-sheet").await;
    input
        .send_keys(right.to_str().unwrap())
        .await
        .expect("the sheet is chosen");
    page.wait_for_pages_text("Mr. José Pérez Núñez, Counsellor", None)
        .await;
    page.wait_for_pages_text("Ms. Zoë O’Brien, Legal Officer", None)
        .await;
    assert_eq!(page.member_count().await, before + 2);
}
in_both_browsers!(spreadsheet_members_added, "7msp.toml");

/// A whole note from a blank form: in an empty folder the page offers a new file (the focus is
/// in its name), the officer fills the mission, the meeting and the head, and issues it; the
/// PDF downloaded says what was typed.
async fn blank_form_to_issued_note(page: &Page) {
    let script = "return document.activeElement.id === 'new-name';";
    page.wait_until("the focus in the new file's name", script, vec![])
        .await;
    page.press("ccm-2027.toml").await;
    page.press(&Key::Enter).await;
    let script = "return !!document.querySelector('#delegation-form [name=\"mission.name\"]');";
    page.wait_until("the new file's form", script, vec![]).await;
    for (path, text) in [
        ("mission.name", "Permanent Mission of Valdoria in Geneva"),
        ("mission.short_name", "Permanent Mission of Valdoria"),
        ("mission.city", "Geneva"),
        ("meeting[0].id", "bwc-2027"),
        (
            "meeting[0].title",
            "Ninth Review Conference of the Biological Weapons Convention",
        ),
        ("meeting[0].city", "Geneva"),
        ("meeting[0].reference", "VAL/2027/0042"),
        ("meeting[0].recipient.name", "Implementation Support Unit"),
        ("meeting[0].recipient.address", "Palais des Nations"),
        ("member[0].title", "H.E. Mr."),
        ("member[0].name", "Tomás Ferreira-Lund"),
    ] {
        page.fill(path, text).await;
    }
    // Date fields take their value as a date, not as typed digits (each browser has its own
    // order), so they are set as the page's own date picker sets them.
    let script = "for (const [name, value] of [['meeting[0].start', '2027-11-08'],
                      ['meeting[0].end', '2027-11-12'], ['meeting[0].date', '2027-10-01']]) {
            const c = document.querySelector(`#delegation-form [name=\"${name}\"]`);
            if (!c) return name;
            c.value = value;
            c.dispatchEvent(new Event('input', { bubbles: true }));
            c.dispatchEvent(new Event('change', { bubbles: true }));
        }
        return true;";
    assert_eq!(page.js(script, vec![]).await, json!(true));
    page.wait_for_pages_text("H.E. Mr. Tomás Ferreira-Lund", None)
        .await;
    page.wait_for_pages_text("VAL/2027/0042", None).await;
    page.find("#issue")
        .await
        .click()
        .await
        .expect("Issue is pressed");
    let text = issued_pdf_text(page).await;
    assert!(text.contains("Tomás Ferreira-Lund"), "{text}");
    assert!(text.contains("Ninth Review Conference"), "{text}");
    assert!(page.served.workspace.path("blank/ccm-2027.toml").is_file());
}
in_both_browsers!(blank_form_to_issued_note, "blank/");
