//! What a member's entry says besides the name, as a matrix over languages and kinds: how the
//! member attends (`attends`), the capacity in which an amendment adds a member, and whom a
//! new head replaces (`replaces`).

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, Workspace};

const KINDS: [&str; 4] = ["delegation", "observer", "letter", "amendment"];

/// A file with one meeting of `kind` in `lang`, naming `members`.
fn file(lang: &str, kind: &str, members: &str) -> String {
    format!(
        r#"language = "{lang}"

[mission]
name = "Mission X"
short_name = "Mission X"
city = "Geneva"
state = "Valdoran"

[signatory]
name = "Ana Müller"
title = "Director"

[[meeting]]
id = "m"
kind = "{kind}"
amends = {{ reference = "REF/0", date = 2017-08-01 }}
title = "Conference"
city = "Geneva"
start = 2017-09-04
end = 2017-09-06
reference = "REF/1"
date = 2017-08-15

[meeting.recipient]
name = "Secretariat"
address = ["Palais des Nations"]
{members}"#
    )
}

/// Generates one note; returns its PDF and DOCX.
fn generate(ws: &Workspace, lang: &str, kind: &str, members: &str) -> (Pdf, Docx) {
    let name = format!("{lang}-{kind}-{}.toml", ws.files_in(".").len());
    ws.write(&name, &file(lang, kind, members));
    let out = format!("out-{name}");
    ws.run(&["generate", &name, "-o", &out]).success();
    (
        Pdf::parse(&ws.read(&format!("{out}/m.{lang}.pdf"))),
        Docx::parse(&ws.read(&format!("{out}/m.{lang}.docx"))),
    )
}

/// Asserts that both files say each part, word for word.
#[track_caller]
fn says(files: &mut (Pdf, Docx), parts: &[&str]) {
    let (pdf, docx) = (flat(&files.0.text()), flat(&files.1.all_text()));
    for part in parts {
        let part = flat(part);
        assert!(pdf.contains(&part), "PDF lacks {part:?}:\n{pdf}");
        assert!(docx.contains(&part), "DOCX lacks {part:?}:\n{docx}");
    }
}

/// Asserts that neither file says a part.
#[track_caller]
fn never_says(files: &mut (Pdf, Docx), parts: &[&str]) {
    let (pdf, docx) = (flat(&files.0.text()), flat(&files.1.all_text()));
    for part in parts {
        assert!(!pdf.contains(part), "PDF says {part:?}:\n{pdf}");
        assert!(!docx.contains(part), "DOCX says {part:?}:\n{docx}");
    }
}

/// Every member changes in an amendment, so the same members serve every kind.
const ATTENDING: &str = r#"
[[member]]
role = "head"
change = "head"
title = "Mr."
name = "Jan Novák"
attends = "in person"

[[member]]
role = "adviser"
change = "add"
title = "Ms."
name = "Aïcha Ouédraogo"
email = "a.o@example.org"
attends = "online speaker"

[[member]]
role = "expert"
change = "add"
title = "Mr."
name = "Piotr Wiśniewski"
attends = "online"

[[member]]
role = "expert"
change = "add"
name = "Lin Wei"
"#;

#[test]
fn each_member_says_how_he_or_she_attends_in_every_language_and_kind() {
    let ws = Workspace::new();
    let words = [
        (
            "en",
            [
                "Jan Novák (in person)",
                "(a.o@example.org; online, speaker)",
                "Piotr Wiśniewski",
                "(online)",
            ],
        ),
        (
            "fr",
            [
                "Jan Novák (en personne)",
                "(a.o@example.org ; en ligne, oratrice)",
                "Piotr Wiśniewski",
                "(en ligne)",
            ],
        ),
        (
            "es",
            [
                "Jan Novák (presencial)",
                "(a.o@example.org; en línea, oradora)",
                "Piotr Wiśniewski",
                "(en línea)",
            ],
        ),
    ];
    for (lang, parts) in words {
        for kind in KINDS {
            let mut files = generate(&ws, lang, kind, ATTENDING);
            says(&mut files, &parts);
            // Without `attends`, the entry ends with the name.
            never_says(&mut files, &["Lin Wei ("]);
        }
    }
}

#[test]
fn a_man_attending_online_as_speaker_is_an_orateur_and_an_orador() {
    let ws = Workspace::new();
    let members = ATTENDING.replace("title = \"Ms.\"", "title = \"Mr.\"");
    let mut fr = generate(&ws, "fr", "delegation", &members);
    says(&mut fr, &["(a.o@example.org ; en ligne, orateur)"]);
    let mut es = generate(&ws, "es", "observer", &members);
    says(&mut es, &["(a.o@example.org; en línea, orador)"]);
}

const AMENDING: &str = r#"
[[member]]
role = "head"
change = "head"
title = { en = "H.E. Ms.", fr = "S. E. Mme", es = "Excma. Sra." }
name = "Ana Müller"
function = { en = "Ambassador", fr = "Ambassadrice", es = "Embajadora" }
replaces = { en = "H.E. Mr. Jan Novák", fr = "S. E. M. Jan Novák", es = "el Excmo. Sr. Jan Novák" }
attends = "in person"

[[member]]
role = "adviser"
change = "add"
title = { en = "Ms.", fr = "Mme", es = "Sra." }
name = "Aïcha Ouédraogo"
function = { en = "Second Secretary", fr = "Deuxième secrétaire", es = "Segunda Secretaria" }

[[member]]
role = "expert"
change = "add"
title = { en = "Ms.", fr = "Mme", es = "Sra." }
name = "Lin Wei"
email = "lin@example.org"
attends = "online"

[[member]]
role = "alternate"
change = "add"
title = { en = "Mr.", fr = "M.", es = "Sr." }
name = "Piotr Wiśniewski"

[[member]]
role = "head"
change = "add"
gender = "m"
name = "Kofi Mensah"

[[member]]
role = "deputy"
change = "remove"
title = { en = "Mr.", fr = "M.", es = "Sr." }
name = "Jan Novák"
"#;

#[test]
fn an_amendment_states_each_addition_s_capacity_and_whom_the_new_head_replaces() {
    let ws = Workspace::new();
    let cases = [
        (
            "en",
            [
                "Ms. Aïcha Ouédraogo, Second Secretary, as adviser",
                "Ms. Lin Wei, as expert (lin@example.org; online)",
                "Mr. Piotr Wiśniewski, as alternate representative",
                "Kofi Mensah, as head of delegation",
                "H.E. Ms. Ana Müller, Ambassador (in person), who replaces H.E. Mr. Jan Novák",
            ],
        ),
        (
            "fr",
            [
                "Mme Aïcha Ouédraogo, Deuxième secrétaire, en qualité de conseillère",
                "Mme Lin Wei, en qualité d’experte (lin@example.org ; en ligne)",
                "M. Piotr Wiśniewski, en qualité de représentant suppléant",
                "Kofi Mensah, en qualité de chef de délégation",
                "S. E. Mme Ana Müller, Ambassadrice (en personne), qui remplace S. E. M. Jan Novák",
            ],
        ),
        (
            "es",
            [
                "Sra. Aïcha Ouédraogo, Segunda Secretaria, en calidad de asesora",
                "Sra. Lin Wei, en calidad de experta (lin@example.org; en línea)",
                "Sr. Piotr Wiśniewski, en calidad de representante suplente",
                "Kofi Mensah, en calidad de jefe de delegación",
                "Excma. Sra. Ana Müller, Embajadora (presencial), en sustitución del Excmo. Sr. Jan Novák",
            ],
        ),
    ];
    for (lang, parts) in cases {
        let mut files = generate(&ws, lang, "amendment", AMENDING);
        says(&mut files, &parts);
        // A withdrawal states no capacity.
        never_says(&mut files, &["Jan Novák, as", "Jan Novák, en"]);
    }
}

#[test]
fn a_bad_attends_value_is_refused_at_its_place_with_the_values() {
    let ws = Workspace::new();
    let members = ATTENDING.replace("attends = \"online\"", "attends = \"en ligne\"");
    ws.write("bad.toml", &file("fr", "delegation", &members));
    ws.run(&["generate", "bad.toml", "-o", "out"])
        .failure()
        .stderr_has("unknown `attends` value `en ligne`")
        .stderr_has("bad.toml:48:11")
        .stderr_has("did you mean `online` (en ligne)? the file writes it in English")
        .stderr_has("`in person` (en personne), `online` (en ligne) or `online speaker`");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn hints_name_roles_and_ways_of_attending_in_the_note_s_language_too() {
    let ws = Workspace::new();
    let members = ATTENDING
        .replace("role = \"adviser\"", "role = \"conseiller\"")
        .replace("attends = \"online\"", "attends = \"sur site\"");
    ws.write("fr.toml", &file("fr", "delegation", &members));
    let run = ws.run(&["check", "fr.toml"]);
    run.failure()
        .stderr_has("unknown role `conseiller`")
        .stderr_has("did you mean `adviser` (Conseiller)?")
        .stderr_has("`alternate` (Représentant suppléant), `adviser` (Conseiller)")
        .stderr_has("unknown `attends` value `sur site`")
        .stderr_has(
            "the values are `in person` (en personne), `online` (en ligne) or `online speaker` \
             (en ligne, orateur)",
        );
    // An English note lists the keys alone.
    ws.write("en.toml", &file("en", "delegation", &members));
    ws.run(&["check", "en.toml"])
        .failure()
        .stderr_has("the values are `in person`, `online` or `online speaker`\n");

    // A sheet's misspelt word, in whatever language it is written.
    ws.write(
        "people.csv",
        "Name,Rôle,Participation\nAna Diallo,Chef de délégation,en personne\n\
         Marc Petit,Conseiler,sur site\n",
    );
    ws.run(&["import", "people.csv"])
        .failure()
        .stderr_has("row 3, column \"Rôle\"")
        .stderr_has("did you mean `adviser` (Conseiller)?")
        .stderr_has("`in person` (en personne / presencial / очно / حضورياً)");
}

#[test]
fn only_a_new_head_replaces_someone() {
    let ws = Workspace::new();
    let members = AMENDING.replace(
        "name = \"Kofi Mensah\"",
        "name = \"Kofi Mensah\"\nreplaces = \"Mr. Jan Novák\"",
    );
    ws.write("bad.toml", &file("en", "amendment", &members));
    ws.run(&["check", "bad.toml"])
        .failure()
        .stderr_has("`replaces` is only said of a new head of delegation")
        .stderr_has("bad.toml:63:12")
        .stderr_has("add `change = \"head\"`");
}

#[test]
fn replaces_is_needed_in_every_language_of_the_member_s_notes() {
    let ws = Workspace::new();
    let members = AMENDING.replace(", es = \"el Excmo. Sr. Jan Novák\"", "");
    ws.write("bad.toml", &file("es", "amendment", &members));
    ws.run(&["check", "bad.toml"])
        .failure()
        .stderr_has("`member.replaces` has no Spanish text (`es`)");
}

#[test]
fn parenthesised_words_and_capacities_are_joined_by_no_break_spaces() {
    let ws = Workspace::new();
    let nb = |text: &str| text.replace('~', "\u{a0}");
    let cases = [
        (
            "en",
            "delegation",
            ATTENDING,
            ["in~person", "online,~speaker"],
        ),
        (
            "fr",
            "delegation",
            ATTENDING,
            ["en~personne", "en~ligne,~oratrice"],
        ),
        (
            "es",
            "observer",
            ATTENDING,
            ["en~línea", "en~línea,~oradora"],
        ),
        (
            "fr",
            "amendment",
            AMENDING,
            ["en~qualité~de~conseillère", "en~qualité~d’experte"],
        ),
    ];
    for (lang, kind, members, parts) in cases {
        let (pdf, mut docx) = generate(&ws, lang, kind, members);
        let (pdf, docx) = (pdf.text(), docx.all_text());
        for part in parts {
            let part = nb(part);
            assert!(
                docx.contains(&part),
                "{lang} {kind}: DOCX lacks {part:?}:\n{docx}"
            );
            assert!(
                pdf.contains(&part),
                "{lang} {kind}: PDF lacks {part:?}:\n{pdf}"
            );
        }
    }
}
