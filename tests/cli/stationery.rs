//! What a note carries besides its text, as a matrix over languages and kinds: the mission's
//! address, telephone and e-mail under the letterhead, the seal and initials by the place and
//! date, and the enclosure and copy lines after them, in the PDF and the DOCX.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, require, root, Workspace};

const KINDS: [&str; 4] = ["delegation", "amendment", "observer", "letter"];

/// The words of one language.
struct Words {
    lang: &'static str,
    mission: &'static str,
    city: &'static str,
    /// The place and date line, as printed.
    place_date: &'static str,
    address: &'static str,
    /// The contact block's lines, as printed.
    contact: [&'static str; 2],
    enclosure: &'static str,
    enclosures: &'static str,
    cc: &'static str,
    /// The seal's alternative text.
    seal: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    mission: "Permanent Mission of Examplestan",
    city: "Geneva",
    place_date: "Geneva, 15 August 2017",
    address: r#"["Rue de Lausanne 12", "CH-1202 Geneva"]"#,
    contact: [
        "Rue de Lausanne 12 · CH-1202 Geneva",
        "Tel. +41 22 730 12 00 · mission@example.org",
    ],
    enclosure: "Enclosure: Letter of credentials",
    enclosures: "Enclosures: Letter of credentials Programme of work",
    cc: "cc: Implementation Support Unit",
    seal: "Seal of the Permanent Mission of Examplestan",
};

const FRENCH: Words = Words {
    lang: "fr",
    mission: "la Mission permanente du Valdoran",
    city: "Genève",
    place_date: "Genève, le 15 août 2017",
    address: r#"["Rue de Lausanne 12", "CH-1202 Genève"]"#,
    contact: [
        "Rue de Lausanne 12 · CH-1202 Genève",
        "Tél. +41 22 730 12 00 · mission@example.org",
    ],
    enclosure: "Pièce jointe : Letter of credentials",
    enclosures: "Pièces jointes : Letter of credentials Programme of work",
    cc: "Copie : Implementation Support Unit",
    seal: "Sceau de la Mission permanente du Valdoran",
};

const SPANISH: Words = Words {
    lang: "es",
    mission: "la Misión Permanente de Ejemplia",
    city: "Ginebra",
    place_date: "Ginebra, 15 de agosto de 2017",
    address: r#"["Rue de Lausanne 12", "CH-1202 Ginebra"]"#,
    contact: [
        "Rue de Lausanne 12 · CH-1202 Ginebra",
        "Tel. +41 22 730 12 00 · mission@example.org",
    ],
    enclosure: "Anexo: Letter of credentials",
    enclosures: "Anexos: Letter of credentials Programme of work",
    cc: "c.c.: Implementation Support Unit",
    seal: "Sello de la Misión Permanente de Ejemplia",
};

/// A note of `kind` in `words`' language, with `mission` and `meeting` keys added.
fn file(words: &Words, kind: &str, mission: &str, meeting: &str) -> String {
    let Words {
        lang,
        mission: name,
        city,
        ..
    } = words;
    format!(
        r#"language = "{lang}"

[mission]
name = "{name}"
short_name = "{name}"
city = "{city}"
email = "mission@example.org"
{mission}

[signatory]
name = "Ana Müller"
title = "Director"

[[meeting]]
id = "m"
kind = "{kind}"
amends = {{ reference = "REF/0", date = 2017-08-01 }}
title = "Review Conference"
city = "{city}"
start = 2017-09-04
end = 2017-09-06
reference = "REF/1"
date = 2017-08-15
{meeting}

[meeting.recipient]
name = "Recipient Office"
address = ["Palais des Nations"]

[[member]]
role = "head"
change = "head"
title = "Mr."
name = "Jean Dupont"
"#
    )
}

/// Generates `text` in a workspace holding the seal; returns the PDF and the DOCX.
fn generate(ws: &Workspace, text: &str) -> (Pdf, Docx) {
    let seal = root().join("examples/examplestan-seal.png");
    std::fs::copy(seal, ws.path("seal.png")).unwrap();
    let name = format!("note-{}.toml", ws.files_in(".").len());
    ws.write(&name, text);
    let out = format!("out-{name}");
    ws.run(&["generate", &name, "-o", &out]).success();
    let files = ws.files_in(&out);
    let named = |ext: &str| {
        let file = files.iter().find(|f| f.ends_with(ext)).expect("a file");
        ws.read(&format!("{out}/{file}"))
    };
    (Pdf::parse(&named(".pdf")), Docx::parse(&named(".docx")))
}

/// The flattened text of both files.
fn texts(files: &mut (Pdf, Docx)) -> (String, String) {
    (flat(&files.0.text()), flat(&files.1.all_text()))
}

/// Asserts that both texts say `parts` in this order.
#[track_caller]
fn says_in_order(texts: &(String, String), parts: &[&str]) {
    for (format, text) in [("PDF", &texts.0), ("DOCX", &texts.1)] {
        let mut from = 0;
        for part in parts {
            let part = flat(part);
            match text[from..].find(&part) {
                Some(at) => from += at + part.len(),
                None => panic!("{format} lacks {part:?} after byte {from}:\n{text}"),
            }
        }
    }
}

/// The contact lines stand under the letterhead: before the reference in the PDF, in the first
/// page's header of the DOCX, as their own paragraph.
#[track_caller]
fn says_contact(files: &mut (Pdf, Docx), lines: &[&str]) {
    let pdf = files.0.text();
    let reference = pdf.find("Ref").unwrap_or(pdf.len());
    let above = flat(&pdf[..reference]);
    assert!(above.contains(&lines.join(" ")), "PDF: {above}");
    let headers: Vec<String> = files.1.part_names();
    let contact: Vec<String> = headers
        .iter()
        .filter(|name| name.starts_with("word/header"))
        .flat_map(|name| files.1.paragraphs(name))
        .filter(|(style, _)| style == "NoteContact")
        .map(|(_, text)| flat(&text))
        .collect();
    assert_eq!(contact, [lines.join(" ")], "DOCX");
}

#[track_caller]
fn never_says(texts: &(String, String), part: &str) {
    assert!(!texts.0.contains(part), "PDF has {part:?}:\n{}", texts.0);
    assert!(!texts.1.contains(part), "DOCX has {part:?}:\n{}", texts.1);
}

const EVERYTHING: &str = r#"address = ADDRESS
phone = "+41 22 730 12 00"
seal = "seal.png"
initials = "AM""#;

#[test]
fn every_kind_in_every_language_prints_contact_seal_initials_enclosure_and_copy() {
    let ws = Workspace::new();
    for words in [ENGLISH, FRENCH, SPANISH] {
        for kind in KINDS {
            let mission = EVERYTHING.replace("ADDRESS", words.address);
            let meeting =
                "enclosure = \"Letter of credentials\"\ncc = [\"Implementation Support Unit\"]";
            let mut files = generate(&ws, &file(&words, kind, &mission, meeting));
            let text = texts(&mut files);
            let what = format!("{} {kind}", words.lang);
            says_contact(&mut files, &words.contact);
            if kind == "letter" {
                // A letter is signed: no seal; the initials are the reference initials under
                // the signature, before the enclosure and the copy.
                says_in_order(&text, &["Ana Müller", "AM", words.enclosure, words.cc]);
                assert_eq!(files.0.images_on_page(0), 0, "{what}");
                assert!(!files.1.part_names().iter().any(|n| n.contains("media")));
            } else {
                says_in_order(
                    &text,
                    &[
                        words.place_date,
                        "AM",
                        words.enclosure,
                        words.cc,
                        "Recipient Office",
                    ],
                );
                assert_eq!(files.0.images_on_page(0), 1, "{what}: the seal");
                assert!(
                    files.0.alt_texts().iter().any(|alt| alt == words.seal),
                    "{what}: {:?}",
                    files.0.alt_texts()
                );
                let media: Vec<String> = files
                    .1
                    .part_names()
                    .into_iter()
                    .filter(|n| n.starts_with("word/media/"))
                    .collect();
                assert_eq!(media.len(), 1, "{what}: {media:?}");
                let body = files.1.part("word/document.xml");
                assert!(
                    body.contains(&format!("descr=\"{}\"", words.seal)),
                    "{what}: the seal's description"
                );
            }
            never_says(&text, words.enclosures.split(':').next().unwrap_or("?"));
        }
    }
}

#[test]
fn several_enclosures_and_copies_are_listed_under_a_plural_label() {
    let ws = Workspace::new();
    for words in [ENGLISH, FRENCH, SPANISH] {
        for kind in KINDS {
            let meeting = "enclosure = [\"Letter of credentials\", \"Programme of work\"]\ncc = [\"Implementation Support Unit\", \"Office of Legal Affairs\"]";
            let mut files = generate(&ws, &file(&words, kind, "", meeting));
            let text = texts(&mut files);
            let label = words.cc.split(' ').next().unwrap_or("?");
            let label = if words.lang == "fr" { "Copie :" } else { label };
            says_in_order(
                &text,
                &[
                    words.enclosures,
                    label,
                    "Implementation Support Unit",
                    "Office of Legal Affairs",
                ],
            );
        }
    }
}

#[test]
fn an_email_alone_prints_no_contact_block_and_no_seal_prints_no_image() {
    let ws = Workspace::new();
    for words in [ENGLISH, FRENCH, SPANISH] {
        for kind in KINDS {
            let mut files = generate(&ws, &file(&words, kind, "", ""));
            let text = texts(&mut files);
            never_says(&text, "mission@example.org");
            never_says(&text, "Tel.");
            never_says(&text, "Tél.");
            never_says(&text, words.enclosure);
            assert_eq!(files.0.images_on_page(0), 0);
        }
    }
}

#[test]
fn a_telephone_alone_prints_with_the_email() {
    let ws = Workspace::new();
    let mut files = generate(
        &ws,
        &file(&FRENCH, "delegation", "phone = \"+41 22 730 12 00\"", ""),
    );
    says_contact(&mut files, &[FRENCH.contact[1]]);
}

#[test]
fn the_address_may_be_given_per_language() {
    let ws = Workspace::new();
    let mission = r#"address = { en = ["Rue de Lausanne 12", "CH-1202 Geneva"], fr = ["Rue de Lausanne 12", "CH-1202 Genève"] }"#;
    let mut files = generate(&ws, &file(&FRENCH, "delegation", mission, ""));
    says_in_order(&texts(&mut files), &["Rue de Lausanne 12 · CH-1202 Genève"]);
    // A language the table lacks is reported at the table.
    let text = file(
        &SPANISH,
        "delegation",
        &mission.replace("fr = ", "de = "),
        "",
    );
    ws.write("es.toml", &text);
    ws.run(&["generate", "es.toml", "-o", "es"])
        .failure()
        .stderr_has("unknown language `de` in `mission.address`")
        .stderr_has(&format!("es.toml:{}", at(&text, "de = ")));
    let text = file(&SPANISH, "delegation", mission, "");
    ws.write("es.toml", &text);
    ws.run(&["generate", "es.toml", "-o", "es"])
        .failure()
        .stderr_has("`mission.address` has no Spanish text (`es`)")
        .stderr_has(&format!("es.toml:{}", at(&text, "{ en")));
    assert!(ws.files_in("es").is_empty());
}

/// The line and column of byte `offset` in `text`, 1-based, as the CLI reports them.
fn place(text: &str, offset: usize) -> String {
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .chars()
        .count()
        + 1;
    format!("{line}:{column}")
}

/// Where `needle` first starts in `text`.
fn at(text: &str, needle: &str) -> String {
    place(text, text.find(needle).expect("the needle"))
}

#[test]
fn a_missing_or_bad_seal_is_reported_at_its_place() {
    let ws = Workspace::new();
    let png = std::fs::read(root().join("examples/examplestan-seal.png")).unwrap();
    let cases: [(&str, Option<&[u8]>, &str, &str); 3] = [
        (
            "missing.png",
            None,
            "cannot read the seal `",
            "remove `seal` to print no seal",
        ),
        (
            "seal.gif",
            Some(b"GIF89a\x01\x00\x01\x00"),
            "the seal `seal.gif` is not a PNG or JPEG image",
            "convert it to PNG",
        ),
        (
            "cut.png",
            Some(&png[..png.len() - 100]),
            "the seal `cut.png` is damaged",
            "open and save it again",
        ),
    ];
    for (name, bytes, message, hint) in cases {
        if let Some(bytes) = bytes {
            std::fs::write(ws.path(name), bytes).unwrap();
        }
        let text = file(&ENGLISH, "delegation", &format!("seal = \"{name}\""), "");
        ws.write("bad.toml", &text);
        ws.run(&["generate", "bad.toml", "-o", "bad"])
            .failure()
            .stderr_has(message)
            .stderr_has(&format!("bad.toml:{}", at(&text, &format!("\"{name}\""))))
            .stderr_has(hint);
        assert!(ws.files_in("bad").is_empty());
    }
}

#[test]
fn bad_enclosure_and_copy_lines_are_reported_at_their_place() {
    let ws = Workspace::new();
    let nine = format!("cc = [{}]", ["\"Office\""; 9].join(", "));
    let cases = [
        (
            "enclosure = 3",
            "3",
            "`enclosure` must be a string or an array of strings, not an integer",
        ),
        ("cc = []", "[]", "`cc` has no items"),
        ("enclosure = \"  \"", "\"  \"", "`enclosure` is empty"),
        (
            nine.as_str(),
            "[",
            "`cc` has 9 items, more than the 8 a note prints",
        ),
        (
            "cc = [\"Office\", 2]",
            "2]",
            "must be a string, not an integer",
        ),
    ];
    for (line, value, message) in cases {
        let text = file(&ENGLISH, "delegation", "", line);
        let offset = text.find(line).unwrap() + line.find(value).unwrap();
        let place = place(&text, offset);
        ws.write("bad.toml", &text);
        ws.run(&["generate", "bad.toml", "-o", "bad"])
            .failure()
            .stderr_has(message)
            .stderr_has(&format!("bad.toml:{place}"));
    }
}

#[test]
fn the_stationery_example_prints_what_it_promises() {
    let ws = Workspace::new();
    for name in ["stationery.toml", "examplestan-seal.png"] {
        std::fs::copy(root().join("examples").join(name), ws.path(name)).unwrap();
    }
    ws.run(&["generate", "stationery.toml", "-o", "out", "--mail"])
        .success();
    // The printed copy line and the mail's copies are independent.
    let mail = String::from_utf8(ws.read("out/hrc-61.fr.eml")).unwrap();
    assert!(mail.contains("Cc: accreditation@example.org\r\n"), "{mail}");
    assert!(!mail.contains("Section des conf"), "{mail}");
    let french = Pdf::parse(&ws.read("out/hrc-61.fr.pdf"));
    let text = flat(&french.text());
    for part in [
        "Tél. +41 22 730 12 00 · mission.examplestan@example.org",
        "Pièces jointes : Pouvoirs de la délégation Formulaires d’accréditation",
        "Copie : Section des conférences",
        "Représentante permanente (en personne)",
        "M. Şükrü Çelik, Premier Secrétaire (en ligne)",
    ] {
        assert!(text.contains(part), "{part}:\n{text}");
    }
    // The emblem and the seal.
    assert_eq!(french.images_on_page(0), 2);
    let english = flat(&Pdf::parse(&ws.read("out/ccm-14msp.en.pdf")).text());
    assert!(english.contains("Enclosure: Letter of credentials of the new head of delegation"));
    assert!(
        english.contains("Mr. Şükrü Çelik, First Secretary, as adviser (online)"),
        "{english}"
    );
}

/// PDF/A-1b forbids transparency: the seal is flattened as the emblem is, and the file passes
/// PDFBox Preflight.
#[test]
#[ignore = "needs Java and Apache PDFBox Preflight (Debian libpdfbox2-java); run by .ci/run"]
fn a_pdf_a_1b_note_with_a_seal_passes_preflight() {
    let ws = Workspace::new();
    let text = file(
        &FRENCH,
        "delegation",
        &EVERYTHING.replace("ADDRESS", FRENCH.address),
        "enclosure = \"Letter of credentials\"",
    );
    let seal = root().join("examples/examplestan-seal.png");
    std::fs::copy(seal, ws.path("seal.png")).unwrap();
    ws.write("archive.toml", &text);
    ws.run(&["generate", "archive.toml", "-o", "out", "--pdf-a", "1b"])
        .success();
    assert_eq!(Pdf::parse(&ws.read("out/m.fr.pdf")).images_on_page(0), 1);
    let java = require("java");
    let jars = [
        "preflight.jar",
        "pdfbox2.jar",
        "fontbox2.jar",
        "xmpbox.jar",
        "commons-logging.jar",
        "javax.activation.jar",
        "jaxb-api.jar",
    ];
    let classpath: Vec<String> = jars
        .iter()
        .map(|jar| format!("/usr/share/java/{jar}"))
        .collect();
    let out = std::process::Command::new(java)
        .args(["-cp", &classpath.join(":")])
        .arg("org.apache.pdfbox.preflight.Validator_A1b")
        .arg(ws.path("out/m.fr.pdf"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("is a valid PDF/A-1b file"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The seal is a figure with alternative text, which the PDF/UA checker accepts.
#[test]
#[ignore = "needs the pdfua checker (pip install pdfua); run by .ci/run"]
fn a_tagged_note_with_a_seal_passes_pdfua_check() {
    let ws = Workspace::new();
    let text = file(
        &SPANISH,
        "observer",
        &EVERYTHING.replace("ADDRESS", SPANISH.address),
        "cc = [\"Implementation Support Unit\"]",
    );
    let seal = root().join("examples/examplestan-seal.png");
    std::fs::copy(seal, ws.path("seal.png")).unwrap();
    ws.write("tagged.toml", &text);
    ws.run(&["generate", "tagged.toml", "-o", "out"]).success();
    let out = std::process::Command::new(require("pdfua"))
        .arg("check")
        .arg(ws.path("out/m.es.pdf"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("errors=0 warnings=0"),
        "{said}"
    );
}
