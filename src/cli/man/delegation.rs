//! The reader's own list of tables and keys (`parse::TABLES`) -> `verbale-delegation(5)`, the
//! page of the delegation file, each key with what it means.

use roff::{bold, roman, Roff};

use super::{marked, tagged, Page};
use crate::parse::TABLES;

/// The page's name.
pub const NAME: &str = "verbale-delegation";

/// What each key means, by table (as `parse::TABLES` names them). A test checks that every key
/// the reader takes has a line here, and that no line names a key it does not take.
const MEANINGS: &[(&str, &str, &str)] = &[
    ("", "language", "The notes' language: `en` (default), `fr`, `es`, `ru`, `zh` or `ar`; a meeting may have its own. A text given once (not by language) is in this language, or in the meeting's own for a meeting's texts."),
    ("", "paper", "`a4` (default) or `letter`."),
    ("", "pdf_a", "`1b` or `2b`: archival PDF/A, validated while it is written."),
    ("", "templates", "A folder of templates, relative to this file, that replace built-in ones of the same name or add kinds of note."),
    ("", "register", "The register of outgoing notes: an SQLite file relative to this file, or a `postgres://` URL without a password. Default: `register.sqlite` beside the file, when it exists or a note says `reference = \"auto\"`."),
    ("", "mission", "The sending mission: a table, below."),
    ("", "meeting", "One `[[meeting]]` table per note (or per note in each of its languages)."),
    ("", "member", "One `[[member]]` table per delegate, in the order printed."),
    ("", "members", "The delegates from a spreadsheet instead of `[[member]]` tables."),
    ("", "signatory", "Who signs a letter (`kind = \"letter\"`)."),
    ("[mission]", "name", "The mission's full name, as the opening formula names it; one text, or a table by language (`{ en = \"...\", fr = \"...\" }`)."),
    ("[mission]", "short_name", "The name the closing formula uses; one text or a table by language. In Russian, a table of the cases the templates use: `ru = { nom = \"...\", gen = \"...\" }`."),
    ("[mission]", "city", "The place line's city (`Geneva, 15 August 2017`); one text or a table by language."),
    ("[mission]", "state", "Optional: the State, for \"the delegation of ...\" (without it the note says \"its delegation\"); one text or a table by language. In Russian, a table of the cases the templates use: `ru = { nom = \"...\", gen = \"...\" }`."),
    ("[mission]", "emblem", "Optional: a PNG or JPEG, relative to this file, printed in the letterhead of page 1."),
    ("[mission]", "email", "Optional: the mission's address, sender of the mail drafts, printed in the contact block."),
    ("[mission]", "reference_pattern", "The pattern of numbered references, needed by `reference = \"auto\"`: `GVA/{year}/{seq:04}`."),
    ("[mission]", "number", "Optional, French and Spanish: `plural` when the mission's names are plural."),
    ("[mission]", "state_number", "Optional: `plural` when `state` is plural."),
    ("[mission]", "address", "Optional: the mission's address, at most 8 lines, printed under the letterhead; a list, or a table of lists by language."),
    ("[mission]", "phone", "Optional: printed with the address."),
    ("[mission]", "seal", "Optional: a PNG or JPEG, relative to this file, set 25 mm high under the place and date."),
    ("[mission]", "initials", "Optional: printed beside the seal."),
    ("[[meeting]]", "id", "Names the output files (`<id>.<language>.pdf`): letters, digits, `-`, `_`, `.`; unique in the file."),
    ("[[meeting]]", "title", "The meeting's title; one text or a table by language. In Russian, a table of the cases the templates use: `ru = { nom = \"...\", gen = \"...\" }`."),
    ("[[meeting]]", "city", "Where the meeting takes place; one text or a table by language. In Russian, a table of the cases the templates use: `ru = { nom = \"...\", gen = \"...\" }`."),
    ("[[meeting]]", "language", "Optional: this note's language, if not the file's."),
    ("[[meeting]]", "languages", "Optional: one note in each of these languages, under one reference (not with `language`)."),
    ("[[meeting]]", "kind", "Optional: `delegation` (default), `observer`, `amendment`, `letter`, or a kind added by templates."),
    ("[[meeting]]", "amends", "Amendments only: the earlier note, `{ reference = \"...\", date = 2017-08-15 }`."),
    ("[[meeting]]", "start", "The first day, a TOML date without quotes: `2017-09-04`."),
    ("[[meeting]]", "end", "The last day, not before `start`."),
    ("[[meeting]]", "reference", "The note's reference number, or `auto` to take the register's next."),
    ("[[meeting]]", "date", "The note's date."),
    ("[[meeting]]", "recipient", "The addressee: a `[meeting.recipient]` table, below."),
    ("[[meeting]]", "mail_cc", "Optional: e-mail addresses that get a copy of the note's mail."),
    ("[[meeting]]", "enclosure", "Optional: one text or a list (at most 8), printed as `Enclosure:`; or a table by language."),
    ("[[meeting]]", "cc", "Optional: the printed copy line, one text or a list (at most 8); or a table by language."),
    ("[[meeting]]", "subject", "Optional: a letter's subject line, printed after `Subject:`; or a table by language."),
    ("[meeting.recipient]", "name", "The office the note is addressed to; one text or a table by language. In Russian, a table of the cases the templates use: `ru = { nom = \"...\", dat = \"...\" }`."),
    ("[meeting.recipient]", "address", "Its address lines (at most 8), printed at the bottom of page 1; a list, or a table of lists by language."),
    ("[meeting.recipient]", "email", "Optional (needed for mail): the address the mail draft goes to; not printed."),
    ("[meeting.recipient]", "number", "Optional, French and Spanish: `plural` where the article does not tell."),
    ("[meeting.recipient]", "gender", "Needed by a note in Arabic, which refers to the recipient as he or she: `m` for a masculine name (مكتب …: تبلغه), `f` for a feminine one (الأمانة …: تبلغها); never guessed, so a note in Arabic without it is an error at this table."),
    ("amends", "reference", "The earlier note's reference."),
    ("amends", "date", "The earlier note's date."),
    ("[[member]]", "role", "`head`, `deputy`, `representative`, `alternate`, `adviser`, `expert` or `member`, in English whatever the note's language; exactly one head per note."),
    ("[[member]]", "title", "Optional: `H.E. Ms.`, `Dr.`; one text or a table by language."),
    ("[[member]]", "name", "The full name, as printed."),
    ("[[member]]", "function", "Optional: `Ambassador, Permanent Representative`; one text or a table by language."),
    ("[[member]]", "institution", "Optional: printed after the function; one text or a table by language."),
    ("[[member]]", "email", "Optional: printed in parentheses."),
    ("[[member]]", "meetings", "Optional: the ids of the meetings whose notes name this member; without it, every one."),
    ("[[member]]", "change", "Amendments only: `add`, `remove` or `head`."),
    ("[[member]]", "gender", "Optional: `f` or `m`, for French, Spanish and Arabic headings; else taken from the title (`Ms.`, `Mme`, `Sra.`, `г-жа`, `السيدة`, `سعادة السيدة` …)."),
    ("[[member]]", "attends", "Optional: `in person`, `online` or `online speaker`, printed in the note's language."),
    ("[[member]]", "replaces", "Optional, with `change = \"head\"`: whom the new head replaces; one text or a table by language."),
    ("[members]", "from", "The spreadsheet (`.xlsx`, `.ods` or `.csv`), relative to this file."),
    ("[members]", "sheet", "Optional: the sheet to read; default the first."),
    ("[members]", "columns", "Optional table: header = field (`\"Poste occupé\" = \"function.fr\"`, `\"Phone\" = \"ignore\"`) for headers the importer does not know."),
    ("[signatory]", "name", "The name under the signature."),
    ("[signatory]", "title", "The signatory's title; one text or a table by language."),
];

/// How texts and languages meet, for the page's description.
const LANGUAGES: &str = "A note is never in two languages. A text that may be given \
    \"one text or a table by language\" and is given once is in the language of its table: the \
    meeting's own `language` for a meeting's texts, else the file's `language`. A note in another \
    language needs it by language (`name = { en = \"...\", fr = \"...\" }`): otherwise it is an \
    error at the field naming the field and the language. Names of people, e-mail addresses, the \
    phone, initials, references, dates and ids are the same in every language: one text each.";

/// The page of the delegation file.
pub fn page() -> Page {
    let mut roff = Roff::new();
    roff.control("TH", [NAME, "5", "", &version(), MANUAL]);
    roff.control("SH", ["NAME"]);
    roff.text([roman(format!(
        "{NAME} - the delegation file that verbale reads (TOML)"
    ))]);
    roff.control("SH", ["DESCRIPTION"]);
    roff.text(marked(
        "A delegation file describes a Permanent Mission, the meetings it sends notes for and \
         its delegation. Every key below is checked: an unknown key, a missing one or a value \
         of the wrong type is an error at its line, with a hint, and every problem of a file is \
         reported at once (`verbale check FILE`). Texts are one line each. `examples/7msp.toml` \
         in the source is a complete file.",
    ));
    roff.control("PP", [] as [&str; 0]);
    roff.text(marked(LANGUAGES));
    for (table, keys) in TABLES {
        match table {
            "" => roff.control("SH", ["TOP LEVEL"]),
            table => roff.control("SH", [table]),
        };
        for key in keys {
            tagged(&mut roff, &format!("`{key}`"), meaning(table, key));
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    let pages = [
        "verbale",
        "verbale-check",
        "verbale-generate",
        "verbale-import",
    ];
    let mut line = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if index > 0 {
            line.push(roman(", "));
        }
        line.push(bold(*page));
        line.push(roman("(1)"));
    }
    roff.text(line);
    Page {
        name: NAME.into(),
        section: "5",
        text: roff.render().into_bytes(),
    }
}

/// The manual every page belongs to, in the footer.
pub const MANUAL: &str = "verbale manual";

/// The program and its version, in every page's footer.
pub fn version() -> String {
    format!("verbale {}", env!("CARGO_PKG_VERSION"))
}

fn meaning(table: &str, key: &str) -> &'static str {
    MEANINGS
        .iter()
        .find(|(t, k, _)| *t == table && *k == key)
        .map_or("", |(_, _, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_reader_takes_has_a_meaning_and_no_other() {
        for (table, keys) in TABLES {
            for key in keys {
                assert!(!meaning(table, key).is_empty(), "{table} {key}");
            }
        }
        for (table, key, _) in MEANINGS {
            let known = TABLES
                .iter()
                .any(|(t, keys)| t == table && keys.contains(key));
            assert!(known, "{table} {key} is not a key the reader takes");
        }
    }
}
