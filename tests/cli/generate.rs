//! `verbale generate` on good input: what the PDF and the DOCX say.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::Workspace;

const OPENING: &str = "The Permanent Mission of the Republic of Examplestan to the United Nations Office and other international organizations in Geneva presents its compliments to the Office for Disarmament Affairs, Geneva Branch, and has the honour to communicate the composition of its delegation to the Seventh Meeting of States Parties to the Convention on Cluster Munitions, to be held in Geneva from 4 to 6 September 2017, as follows:";
const CLOSING: &str = "The Permanent Mission of the Republic of Examplestan avails itself of this opportunity to renew to the Office for Disarmament Affairs, Geneva Branch, the assurances of its highest consideration.";

/// Text with line breaks and no-break spaces made plain spaces, to compare wording.
fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn example_note_says_everything_in_order_in_both_files() {
    let ws = Workspace::new();
    let run = ws.run(&["generate", "7msp.toml", "-o", "out"]);
    run.success();
    assert_eq!(ws.files_in("out"), ["ccm-7msp.en.docx", "ccm-7msp.en.pdf"]);
    assert!(run.stdout.contains("out/ccm-7msp.en.pdf"), "{}", run.stdout);

    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf"));
    assert_eq!(pdf.page_count(), 1);
    let (w, h) = pdf.page_size();
    assert!(
        (w - 595.3).abs() < 0.5 && (h - 841.9).abs() < 0.5,
        "A4, got {w}×{h}"
    );
    let text = flat(&pdf.text());
    let expected = [
        "Permanent Mission of the Republic of Examplestan to the United Nations Office and other international organizations in Geneva",
        "Ref.: GVA/2017/0815",
        OPENING,
        "Head of delegation",
        "H.E. Ms. Ana Müller-Łódź, Ambassador, Permanent Representative",
        "Adviser",
        "Mr. Şükrü Çelik, First Secretary, Ministry of Foreign Affairs",
        CLOSING,
        "Geneva, 15 August 2017",
        "Office for Disarmament Affairs, Geneva Branch United Nations Office at Geneva Palais des Nations, room C.117 CH-1211 Geneva 10",
    ];
    let mut from = 0;
    for part in expected {
        let at = text[from..]
            .find(part)
            .unwrap_or_else(|| panic!("PDF lacks (in order) {part:?}\n{text}"));
        from += at + part.len();
    }

    let mut docx = Docx::parse(&ws.read("out/ccm-7msp.en.docx"));
    let body = docx.paragraphs("word/document.xml");
    let body_text: Vec<(&str, String)> = body.iter().map(|(s, t)| (s.as_str(), flat(t))).collect();
    assert_eq!(
        body_text,
        [
            ("NoteReference", "Ref.: GVA/2017/0815".to_string()),
            ("NoteBody", OPENING.to_string()),
            ("NoteRoleHeading", "Head of delegation".to_string()),
            (
                "NoteMember",
                "H.E. Ms. Ana Müller-Łódź, Ambassador, Permanent Representative".to_string()
            ),
            ("NoteRoleHeading", "Adviser".to_string()),
            (
                "NoteMember",
                "Mr. Şükrü Çelik, First Secretary, Ministry of Foreign Affairs".to_string()
            ),
            ("NoteClosing", CLOSING.to_string()),
            ("NotePlaceDate", "Geneva, 15 August 2017".to_string()),
            ("NoteSeal", String::new()),
        ]
    );
    let all = docx.all_text();
    assert!(all.contains("Office for Disarmament Affairs, Geneva Branch\nUnited Nations Office at Geneva\nPalais des Nations, room C.117\nCH-1211 Geneva 10"), "{all}");
    assert!(all
        .contains("Permanent Mission of the Republic of Examplestan to the United Nations Office"));
    let styles = docx.part("word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-GB\""), "w:lang missing");
    for style in [
        "NoteBody",
        "NoteRoleHeading",
        "NoteReference",
        "NoteAddressee",
        "NotePlaceDate",
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{style}\"")),
            "style {style} missing"
        );
    }
    let document = docx.part("word/document.xml");
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""),
        "A4 section"
    );
    assert!(document.contains("<w:titlePg"), "first page differs");
    let core = docx.part("docProps/core.xml");
    assert!(
        core.contains("<dc:title>Note verbale GVA/2017/0815</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>Permanent Mission of the Republic of Examplestan"),
        "{core}"
    );
    assert!(
        docx.part_names()
            .iter()
            .any(|n| n.starts_with("word/media/")),
        "emblem"
    );
}

#[test]
fn values_that_look_like_markup_print_literally() {
    let ws = Workspace::new();
    let weird = r"*Star* {{x}} <b> _a_ # [l](u) \ `c`";
    ws.example_with(
        "weird.toml",
        "name = \"Şükrü Çelik\"",
        &format!("name = '{weird}'"),
    );
    ws.run(&["generate", "weird.toml", "-o", "out"]).success();
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).text();
    assert!(pdf.contains(weird), "PDF:\n{pdf}");
    let mut docx = Docx::parse(&ws.read("out/ccm-7msp.en.docx"));
    assert!(docx.all_text().contains(weird));
}

#[test]
fn names_in_every_alphabet_survive_into_both_files() {
    let ws = Workspace::new();
    let names = [
        "Nguyễn Thị Minh Khai",
        "Ñúñez Peña",
        "Ελένη Παπαδοπούλου",
        "Ольга Иванова",
        "Zoë Ågren-Øster",
    ];
    let mut text = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    for name in names {
        text.push_str(&format!(
            "\n[[member]]\nrole = \"expert\"\ntitle = \"Dr.\"\nname = \"{name}\"\n"
        ));
    }
    ws.write("names.toml", &text);
    ws.run(&["generate", "names.toml", "-o", "out"]).success();
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).text();
    let docx = Docx::parse(&ws.read("out/ccm-7msp.en.docx")).all_text();
    for name in names {
        assert!(pdf.contains(name), "PDF lacks {name}:\n{pdf}");
        assert!(docx.contains(name), "DOCX lacks {name}");
    }
    assert!(
        flat(&pdf).contains("Experts Dr. Nguyễn"),
        "plural heading:\n{pdf}"
    );
}

fn long_delegation(members: usize) -> String {
    let example =
        std::fs::read_to_string(crate::support::root().join("examples/7msp.toml")).unwrap();
    let roles = [
        "deputy",
        "representative",
        "alternate",
        "adviser",
        "expert",
        "member",
    ];
    let mut text = example;
    for i in 0..members {
        text.push_str(&format!(
            "\n[[member]]\nrole = \"{}\"\ntitle = \"Ms.\"\nname = \"Delegate Number {i:02}\"\nfunction = \"Counsellor, Department of International Organizations and Multilateral Diplomacy\"\n",
            roles[i % roles.len()]
        ));
    }
    text
}

#[test]
fn a_long_delegation_runs_on_with_page_numbers_and_the_addressee_on_page_one() {
    let ws = Workspace::new();
    ws.write("long.toml", &long_delegation(45));
    ws.run(&["generate", "long.toml", "-o", "out"]).success();
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf"));
    let pages = pdf.page_texts();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(
        pages[0].contains("CH-1211 Geneva 10"),
        "addressee on page 1"
    );
    assert!(pages[0].contains("Ref.: GVA/2017/0815"));
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            !page.contains("CH-1211 Geneva 10"),
            "addressee only on page 1"
        );
        assert!(
            !page.contains("Permanent Mission of the Republic of Examplestan to the United"),
            "letterhead only on page 1"
        );
        assert!(
            page.contains(&format!("- {} -", i + 1)),
            "page number on page {}:\n{page}",
            i + 1
        );
    }
    assert!(!pages[0].contains("- 1 -"));
    let last = pages.last().unwrap();
    assert!(
        flat(last).contains("Geneva, 15 August 2017")
            && flat(last).contains("highest consideration."),
        "closing and date together on the last page:\n{last}"
    );
    for i in 0..45 {
        let name = format!("Delegate Number {i:02}");
        assert_eq!(pdf.text().matches(&name).count(), 1, "{name} exactly once");
    }
    for page in &pages[..pages.len() - 1] {
        let lines: Vec<&str> = page.lines().filter(|l| !l.starts_with("- ")).collect();
        let last_line = lines.last().unwrap();
        let headings = [
            "Head of delegation",
            "Deputy heads of delegation",
            "Representatives",
            "Alternate representatives",
            "Advisers",
            "Experts",
            "Members",
        ];
        assert!(
            !headings.contains(last_line),
            "a heading ends a page:\n{page}"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "a"]).success();
    ws.run(&["generate", "7msp.toml", "-o", "b"]).success();
    for name in ["ccm-7msp.en.pdf", "ccm-7msp.en.docx"] {
        assert!(
            ws.read(&format!("a/{name}")) == ws.read(&format!("b/{name}")),
            "{name} differs between runs"
        );
    }
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let ws = Workspace::new();
    ws.run_with_env(
        &["generate", "7msp.toml", "-o", "out"],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    )
    .success();
    let core = Docx::parse(&ws.read("out/ccm-7msp.en.docx")).part("docProps/core.xml");
    assert!(core.contains("2023-11-14T00:00:00Z"), "{core}");
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).dictionaries();
    assert!(pdf.contains("D:20231114"), "PDF creation date");
    ws.run_with_env(
        &["generate", "7msp.toml", "-o", "out2"],
        &[("SOURCE_DATE_EPOCH", "soon")],
    )
    .failure()
    .stderr_has("SOURCE_DATE_EPOCH");
}

#[test]
fn letter_paper_on_request() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out", "--paper", "letter"])
        .success();
    let (w, h) = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).page_size();
    assert_eq!((w.round(), h.round()), (612.0, 792.0));
    let document = Docx::parse(&ws.read("out/ccm-7msp.en.docx")).part("word/document.xml");
    assert!(document.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\""));
    ws.example_with(
        "letter.toml",
        "language = \"en\"",
        "language = \"en\"\npaper = \"letter\"",
    );
    ws.run(&["generate", "letter.toml", "-o", "out2"]).success();
    assert_eq!(
        Pdf::parse(&ws.read("out2/ccm-7msp.en.pdf"))
            .page_size()
            .0
            .round(),
        612.0
    );
}

#[test]
fn each_meeting_gets_its_note_with_only_its_members() {
    let ws = Workspace::new();
    let mut text = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    text = text.replace(
        "function = \"First Secretary, Ministry of Foreign Affairs\"",
        "function = \"First Secretary, Ministry of Foreign Affairs\"\nmeetings = [\"ccm-7msp\"]",
    );
    text.push_str(
        r#"
[[meeting]]
id = "bwc-msp"
title = "Meeting of States Parties to the Biological Weapons Convention"
city = "Geneva"
start = 2017-12-04
end = 2017-12-08
reference = "GVA/2017/0990"
date = 2017-11-20

[meeting.recipient]
name = "Office for Disarmament Affairs, Geneva Branch"
address = ["Palais des Nations", "CH-1211 Geneva 10"]
"#,
    );
    ws.write("two.toml", &text);
    ws.run(&["generate", "two.toml", "-o", "out"]).success();
    assert_eq!(ws.files_in("out").len(), 4);
    let bwc = flat(&Pdf::parse(&ws.read("out/bwc-msp.en.pdf")).text());
    assert!(bwc.contains("from 4 to 8 December 2017"), "{bwc}");
    assert!(bwc.contains("Ref.: GVA/2017/0990") && bwc.contains("Geneva, 20 November 2017"));
    assert!(
        !bwc.contains("Çelik"),
        "a member limited to another meeting"
    );
    assert!(bwc.contains("Ana Müller-Łódź"));
    let ccm = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).text();
    assert!(ccm.contains("Çelik"));
}

#[test]
fn date_ranges_across_months_and_years() {
    let ws = Workspace::new();
    ws.example_with(
        "m.toml",
        "start = 2017-09-04\nend = 2017-09-06",
        "start = 2017-08-30\nend = 2017-09-01",
    );
    ws.run(&["generate", "m.toml", "-o", "m"]).success();
    assert!(flat(&Pdf::parse(&ws.read("m/ccm-7msp.en.pdf")).text())
        .contains("from 30 August to 1 September 2017"));
    ws.example_with(
        "y.toml",
        "start = 2017-09-04\nend = 2017-09-06",
        "start = 2017-12-28\nend = 2018-01-02",
    );
    ws.run(&["generate", "y.toml", "-o", "y"]).success();
    assert!(flat(&Pdf::parse(&ws.read("y/ccm-7msp.en.pdf")).text())
        .contains("from 28 December 2017 to 2 January 2018"));
    ws.example_with("d.toml", "end = 2017-09-06", "end = 2017-09-04");
    ws.run(&["generate", "d.toml", "-o", "d"]).success();
    assert!(flat(&Pdf::parse(&ws.read("d/ccm-7msp.en.pdf")).text())
        .contains("to be held in Geneva on 4 September 2017, as follows:"));
}

#[test]
fn check_validates_without_writing() {
    let ws = Workspace::new();
    let run = ws.run(&["check", "7msp.toml"]);
    run.success();
    assert!(
        run.stdout.contains("ok (1 note, 2 members)"),
        "{}",
        run.stdout
    );
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn a_jpeg_emblem_keeps_its_format() {
    let ws = Workspace::new();
    std::fs::copy(
        crate::support::root().join("tests/cli/fixtures/emblem.jpg"),
        ws.path("emblem.jpg"),
    )
    .unwrap();
    ws.example_with(
        "jpeg.toml",
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"emblem.jpg\"",
    );
    ws.run(&["generate", "jpeg.toml", "-o", "out"]).success();
    let mut docx = Docx::parse(&ws.read("out/ccm-7msp.en.docx"));
    assert!(
        docx.part_names().iter().any(|n| n.ends_with(".jpeg")),
        "{:?}",
        docx.part_names()
    );
    let rels: String = docx
        .part_names()
        .into_iter()
        .filter(|n| n.ends_with(".rels"))
        .map(|n| docx.part(&n))
        .collect();
    assert!(
        rels.contains("media/headerrIdEmblem.jpeg") && !rels.contains(".png\""),
        "{rels}"
    );
    let pdf = ws.read("out/ccm-7msp.en.pdf");
    assert!(
        String::from_utf8_lossy(&pdf).contains("/DCTDecode"),
        "JPEG passed through to the PDF"
    );
}

#[test]
fn institution_and_email_follow_the_function() {
    let ws = Workspace::new();
    ws.example_with(
        "more.toml",
        "function = \"First Secretary, Ministry of Foreign Affairs\"",
        "function = \"First Secretary\"\ninstitution = \"Ministry of Foreign Affairs\"\nemail = \"s.celik@example.org\"",
    );
    ws.run(&["generate", "more.toml", "-o", "out"]).success();
    let expected =
        "Mr. Şükrü Çelik, First Secretary, Ministry of Foreign Affairs (s.celik@example.org)";
    assert!(flat(&Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).text()).contains(expected));
    assert!(flat(&Docx::parse(&ws.read("out/ccm-7msp.en.docx")).all_text()).contains(expected));
}

#[test]
fn two_notes_made_in_one_process_are_identical() {
    let env = verbale::Env::builtin(None).unwrap();
    let path = crate::support::root().join("examples/7msp.toml");
    let loaded = verbale::load(&path, &env, &verbale::Overrides::default()).unwrap();
    let delegation = &loaded.delegation;
    let job = &verbale::plan::jobs(delegation)[0];
    let first =
        verbale::note::render(&env, &env.templates, delegation, job, &Default::default()).unwrap();
    let second =
        verbale::note::render(&env, &env.templates, delegation, job, &Default::default()).unwrap();
    assert!(first.pdf == second.pdf, "PDF differs within one process");
    assert!(first.docx == second.docx, "DOCX differs within one process");
    assert_eq!(first.pages, 1);
}

#[test]
fn an_emblem_kept_by_the_run_gives_the_same_pdf_as_a_fresh_one() {
    let env = verbale::Env::builtin(None).unwrap();
    let path = crate::support::root().join("examples/7msp.toml");
    let kept = verbale::export::pdf::Emblems::default();
    for pdf_a in [None, Some("1b"), Some("2b")] {
        let overrides = verbale::Overrides {
            pdf_a: pdf_a.map(|p| {
                if p == "1b" {
                    verbale::model::PdfA::A1b
                } else {
                    verbale::model::PdfA::A2b
                }
            }),
            ..Default::default()
        };
        let loaded = verbale::load(&path, &env, &overrides).unwrap();
        let job = &verbale::plan::jobs(&loaded.delegation)[0];
        let render = |emblems: &verbale::export::pdf::Emblems| {
            verbale::note::render(&env, &env.templates, &loaded.delegation, job, emblems)
                .unwrap()
                .pdf
        };
        let fresh_emblems = verbale::export::pdf::Emblems::default();
        let fresh = render(&fresh_emblems);
        let first = render(&kept);
        let again = render(&kept);
        assert!(fresh == first && first == again, "{pdf_a:?}");
    }
    assert_eq!(
        kept.len(),
        2,
        "one plain emblem and one flattened for PDF/A-1b"
    );
}

#[test]
fn notes_made_in_one_run_do_not_affect_each_other() {
    // A French note after an English one must still say French, and the English one must be
    // what it is on its own.
    let env = verbale::Env::builtin(None).unwrap();
    let mut made = Vec::new();
    for (file, tag) in [
        ("examples/7msp.toml", "en-GB"),
        ("examples/valdoran-fr.toml", "fr-FR"),
        ("examples/7msp.toml", "en-GB"),
    ] {
        let path = crate::support::root().join(file);
        let loaded = verbale::load(&path, &env, &verbale::Overrides::default()).unwrap();
        let job = &verbale::plan::jobs(&loaded.delegation)[0];
        let note = verbale::note::render(
            &env,
            &env.templates,
            &loaded.delegation,
            job,
            &Default::default(),
        )
        .unwrap();
        let styles = Docx::parse(&note.docx).part("word/styles.xml");
        assert!(
            styles.contains(&format!("<w:lang w:val=\"{tag}\"/>")),
            "{file}: {styles}"
        );
        made.push(note.docx);
    }
    assert!(
        made[0] == made[2],
        "the same note, before and after another language"
    );
}

#[test]
fn archival_pdf_a_profiles() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "a1", "--pdf-a", "1b"])
        .success();
    let pdf = String::from_utf8_lossy(&ws.read("a1/ccm-7msp.en.pdf")).into_owned();
    assert!(pdf.starts_with("%PDF-1.4"), "PDF/A-1 is PDF 1.4");
    assert!(!pdf.contains("/ObjStm"), "PDF 1.4 has no object streams");
    assert!(pdf.contains("<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(pdf.contains("/OutputIntents"), "an output intent");
    assert!(
        !pdf.contains("/SMask"),
        "no transparency in PDF/A-1: the emblem is flattened"
    );
    assert!(Pdf::parse(&ws.read("a1/ccm-7msp.en.pdf"))
        .text()
        .contains("Ana Müller-Łódź"));
    ws.example_with(
        "a2.toml",
        "language = \"en\"",
        "language = \"en\"\npdf_a = \"2b\"",
    );
    ws.run(&["generate", "a2.toml", "-o", "a2"]).success();
    let pdf = String::from_utf8_lossy(&ws.read("a2/ccm-7msp.en.pdf")).into_owned();
    assert!(pdf.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"));
    ws.run(&["generate", "a2.toml", "-o", "a3"]).success();
    assert!(
        ws.read("a2/ccm-7msp.en.pdf") == ws.read("a3/ccm-7msp.en.pdf"),
        "PDF/A output is reproducible too"
    );
    ws.example_with(
        "bad.toml",
        "language = \"en\"",
        "language = \"en\"\npdf_a = \"3u\"",
    );
    ws.run(&["generate", "bad.toml", "-o", "bad"])
        .failure()
        .stderr_has("unknown PDF/A profile `3u`");
}

#[test]
fn the_pdf_is_tagged_and_the_docx_structured_for_assistive_technology() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out"]).success();
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).dictionaries();
    for marker in [
        "/StructTreeRoot",
        "/Lang(en-GB)",
        "/DisplayDocTitle true",
        "/Figure",
        "/H1",
        "/H2",
        "/L",
        "/LBody",
        "/Outlines",
    ] {
        assert!(pdf.contains(marker), "the PDF lacks {marker}");
    }
    assert!(
        pdf.contains("/Alt(Permanent Mission of the Republic of Examplestan"),
        "the emblem has alternative text"
    );
    let mut docx = Docx::parse(&ws.read("out/ccm-7msp.en.docx"));
    let header: String = docx
        .part_names()
        .into_iter()
        .filter(|n| n.starts_with("word/header"))
        .map(|n| docx.part(&n))
        .collect();
    assert!(
        header.contains("descr=\"Permanent Mission of the Republic of Examplestan"),
        "the DOCX emblem has alternative text"
    );
    assert!(
        docx.part("word/styles.xml")
            .contains("<w:outlineLvl w:val=\"1\""),
        "role headings are headings"
    );
    let document = docx.part("word/document.xml");
    assert_eq!(
        document.matches("<w:numId w:val=\"10\"").count(),
        2,
        "both members are list items"
    );
    let numbering = docx.part("word/numbering.xml");
    assert!(
        numbering.contains("<w:abstractNum w:abstractNumId=\"10\""),
        "{numbering}"
    );
    assert!(
        numbering.contains("<w:numFmt w:val=\"none\""),
        "a list without visible numbers"
    );
}
