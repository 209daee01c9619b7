//! Notes in Arabic: every kind of note in Arabic words (the formulae, the dates with paired month
//! names, the role headings in their gender and number), the recipient's gender as data and
//! never a guess, Arabic text only where a note in Arabic prints it, and the six UN languages
//! under one reference.

use crate::languages::{require_chinese_font, TRILINGUAL};
use crate::support::docx::Docx;
use crate::support::{flat, require, root, Workspace};

/// A note in Arabic; `KIND` and `GENDER` (the recipient's `gender` line) are replaced.
const ARABIC: &str = r#"
language = "ar"

[mission]
name = "البعثة الدائمة لجمهورية مثالستان لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف"
short_name = "البعثة الدائمة لجمهورية مثالستان"
state = "جمهورية مثالستان"
city = "جنيف"

[signatory]
name = "ليلى الحسيني"
title = "المديرة"

[[meeting]]
id = "m"
kind = "KIND"
amends = { reference = "GVA/2017/0815", date = 2017-08-01 }
title = "الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية"
city = "جنيف"
start = 2017-09-04
end = 2017-09-06
reference = "GVA/2017/0901"
date = 2017-08-14

[meeting.recipient]
name = "RECIPIENT"
GENDER
address = ["قصر الأمم", "CH-1211 Geneva 10"]

[[member]]
role = "head"
change = "head"
title = "سعادة السيدة"
name = "ليلى أحمد الحسيني"
function = "السفيرة، الممثلة الدائمة"
replaces = "سعادة السيد خالد العمري"

[[member]]
role = "alternate"
title = "السيدة"
name = "مريم يوسف سالم"
function = "سكرتيرة أولى"

[[member]]
role = "alternate"
title = "السيدة"
name = "نور الهدى عبد الله"

[[member]]
role = "adviser"
change = "add"
title = "السيد"
name = "Jean-Pierre Dubois"
function = "مستشار"
email = "jp.dubois@example.org"
attends = "online speaker"

[[member]]
role = "adviser"
title = "السيدة"
name = "سلمى النجار"

[[member]]
role = "expert"
change = "remove"
title = "الدكتور"
name = "يوسف الخطيب"
"#;

const OFFICE: &str = "مكتب شؤون نزع السلاح، فرع جنيف";
const SECRETARIAT: &str = "الأمانة العامة للمؤتمر";

/// The Arabic file for `kind`, to `recipient` of `gender` (a whole line, or nothing).
fn arabic(kind: &str, recipient: &str, gender: &str) -> String {
    ARABIC
        .replace("KIND", kind)
        .replace("RECIPIENT", recipient)
        .replace("GENDER", gender)
}

/// Generates `text` as `name` with `args`; the note's DOCX paragraphs (style, text made plain).
fn docx_paragraphs(ws: &Workspace, name: &str, text: &str, args: &[&str]) -> Vec<(String, String)> {
    ws.write(&format!("{name}.toml"), text);
    let out = format!("out-{name}");
    let file = format!("{name}.toml");
    let mut all = vec!["generate", file.as_str(), "-o", out.as_str()];
    all.extend_from_slice(args);
    ws.run(&all).success();
    let mut docx = Docx::parse(&ws.read(&format!("{out}/m.ar.docx")));
    docx.text_parts()
        .iter()
        .flat_map(|part| docx.paragraphs(part))
        .map(|(style, text)| (style, flat(&text)))
        .collect()
}

/// The paragraphs' texts as one.
fn joined(paragraphs: &[(String, String)]) -> String {
    let texts: Vec<&str> = paragraphs.iter().map(|(_, t)| t.as_str()).collect();
    texts.join("\n")
}

#[track_caller]
fn says(what: &str, text: &str, parts: &[&str]) {
    for part in parts {
        let part = flat(part);
        assert!(text.contains(&part), "{what}: DOCX lacks {part:?}:\n{text}");
    }
}

#[test]
fn every_kind_of_note_in_arabic_words() {
    let ws = Workspace::new();
    let opening = "تهدي البعثة الدائمة لجمهورية مثالستان لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف أطيب تحياتها إلى مكتب شؤون نزع السلاح، فرع جنيف، وتتشرف";
    let held = "إلى الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية، في جنيف في الفترة من 4 إلى 6 أيلول/سبتمبر 2017،";
    let closing = "وتغتنم البعثة الدائمة لجمهورية مثالستان هذه الفرصة لتعرب مجدداً لمكتب شؤون نزع السلاح، فرع جنيف، عن أسمى آيات تقديرها.";
    let cases: [(&str, Vec<String>); 4] = [
        ("delegation", vec![
            format!("{opening} بأن تبلغه بأن وفد جمهورية مثالستان {held} سيتألف على النحو التالي:"),
            closing.into(),
            "جنيف، 14 آب/أغسطس 2017".into(),
            "الرقم: GVA/2017/0901".into(),
            // The head is a woman; two women alternates; a mixed group of advisers.
            "رئيسة الوفد".into(),
            "سعادة السيدة ليلى أحمد الحسيني، السفيرة، الممثلة الدائمة".into(),
            "الممثلات المناوبات".into(),
            "المستشارون".into(),
            "السيد Jean-Pierre Dubois، مستشار (jp.dubois@example.org؛ عن بُعد، متحدث)".into(),
            "مكتب شؤون نزع السلاح، فرع جنيف قصر الأمم CH-1211 Geneva 10".into(),
        ]),
        ("observer", vec![
            format!("{opening} بأن تبلغه بأن حكومة جمهورية مثالستان ستشارك بصفة مراقب في الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية، في جنيف في الفترة من 4 إلى 6 أيلول/سبتمبر 2017، وبأن وفدها سيتألف على النحو التالي:"),
            closing.into(),
        ]),
        ("amendment", vec![
            format!("{opening}، بالإشارة إلى مذكرتها الشفوية رقم GVA/2017/0815 المؤرخة 1 آب/أغسطس 2017 بشأن تشكيل وفد جمهورية مثالستان {held} بأن تبلغه بالتعديلات التالية:"),
            "رئيسة الوفد الجديدة".into(),
            "سعادة السيدة ليلى أحمد الحسيني، السفيرة، الممثلة الدائمة، خلفاً لسعادة السيد خالد العمري".into(),
            "الأعضاء المنضمون إلى الوفد".into(),
            "السيد Jean-Pierre Dubois، مستشار، بصفة مستشار".into(),
            "الأعضاء المنسحبون من الوفد".into(),
            "الدكتور يوسف الخطيب".into(),
            closing.into(),
        ]),
        ("letter", vec![
            "جنيف، 14 آب/أغسطس 2017".into(),
            "تحية طيبة وبعد،".into(),
            format!("أتشرف بأن أبلغكم بأن وفد البعثة الدائمة لجمهورية مثالستان {held} سيتألف على النحو التالي:"),
            "وتفضلوا بقبول فائق الاحترام والتقدير.".into(),
            "ليلى الحسيني المديرة".into(),
        ]),
    ];
    for (kind, parts) in cases {
        let text = arabic(kind, OFFICE, "gender = \"m\"");
        let paragraphs = docx_paragraphs(&ws, kind, &text, &[]);
        let all = joined(&paragraphs);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        says(kind, &all, &parts);
        for english in [
            "Head of delegation",
            "presents its compliments",
            "September",
            "Ref.:",
            "Adviser",
        ] {
            assert!(!all.contains(english), "{kind}: {english:?} in\n{all}");
        }
    }
}

#[test]
fn the_recipients_gender_decides_the_pronoun() {
    let ws = Workspace::new();
    for (kind, to_him, to_her) in [
        (
            "delegation",
            "وتتشرف بأن تبلغه بأن",
            "وتتشرف بأن تبلغها بأن",
        ),
        ("observer", "وتتشرف بأن تبلغه بأن", "وتتشرف بأن تبلغها بأن"),
        (
            "amendment",
            "بأن تبلغه بالتعديلات التالية:",
            "بأن تبلغها بالتعديلات التالية:",
        ),
    ] {
        let him = joined(&docx_paragraphs(
            &ws,
            &format!("{kind}-m"),
            &arabic(kind, OFFICE, "gender = \"m\""),
            &[],
        ));
        says(kind, &him, &[to_him]);
        assert!(!him.contains("تبلغها"), "{kind}: {him}");
        let her = joined(&docx_paragraphs(
            &ws,
            &format!("{kind}-f"),
            &arabic(kind, SECRETARIAT, "gender = \"f\""),
            &[],
        ));
        says(
            kind,
            &her,
            &[
                "أطيب تحياتها إلى الأمانة العامة للمؤتمر، وتتشرف",
                to_her,
                // لـ joined to the article: للأمانة.
                "لتعرب مجدداً للأمانة العامة للمؤتمر عن أسمى آيات تقديرها.",
            ],
        );
        assert!(!her.contains("تبلغه "), "{kind}: {her}");
    }
}

#[test]
fn a_note_in_arabic_needs_the_recipients_gender_at_its_table() {
    let ws = Workspace::new();
    let text = arabic("delegation", OFFICE, "");
    ws.write("nogender.toml", &text);
    let line = text
        .lines()
        .position(|l| l == "[meeting.recipient]")
        .unwrap()
        + 1;
    ws.run(&["generate", "nogender.toml", "-o", "out"])
        .failure()
        .stderr_has("missing field `gender` in `[meeting.recipient]`, which the note for `m` in Arabic needs")
        .stderr_has(&format!("nogender.toml:{line}:1"))
        .stderr_has("تبلغه or تبلغها")
        .stderr_has("add `gender = \"m\"` for a masculine name (مكتب …، فرع …) or `gender = \"f\"` for a feminine one (الأمانة …، اللجنة …)")
        .stderr_has("nothing was written");
    assert!(ws.files_in("out").is_empty(), "{:?}", ws.files_in("out"));
    // A wrong value is named with the choices.
    ws.write(
        "wrong.toml",
        &arabic("delegation", OFFICE, "gender = \"n\""),
    );
    ws.run(&["check", "wrong.toml"])
        .failure()
        .stderr_has("unknown gender `n`");
    // A note in English needs no gender.
    let english = std::fs::read_to_string(root().join("examples/7msp.toml")).unwrap();
    assert!(!english.contains("gender = "), "7msp.toml states a gender");
    std::fs::copy(
        root().join("examples/examplestan-emblem.png"),
        ws.path("examplestan-emblem.png"),
    )
    .unwrap();
    ws.write("7msp.toml", &english);
    ws.run(&["check", "7msp.toml"]).success();
}

#[test]
fn arabic_text_given_once_is_refused_where_an_english_note_would_print_it() {
    let ws = Workspace::new();
    let text = arabic("delegation", OFFICE, "gender = \"m\"")
        .replace("language = \"ar\"", "language = \"en\"");
    ws.write("en.toml", &text);
    let line = text
        .lines()
        .position(|l| l.starts_with("short_name = "))
        .unwrap()
        + 1;
    ws.run(&["check", "en.toml"])
        .failure()
        .stderr_has("`short_name` contains Arabic (`ا`")
        .stderr_has("which only a note in Arabic can print")
        .stderr_has(&format!("en.toml:{line}:14"))
        .stderr_has("give the text by language");
    // Given by language, the English note prints its own text and the Arabic note the Arabic.
    let mut matrix = TRILINGUAL.replace("KIND", "delegation");
    matrix = matrix.replace(
        "name = \"Ελένη Παπαδοπούλου\"",
        "name = \"Eleni Papadopoulou\"",
    );
    matrix = matrix.replace("name = \"Ольга Иванова\"", "name = \"Olga Ivanova\"");
    ws.write("both.toml", &matrix);
    ws.run(&["generate", "both.toml", "-o", "both", "--lang", "en"])
        .success();
    ws.run(&["generate", "both.toml", "-o", "both", "--lang", "ar"])
        .success();
}

#[test]
fn hebrew_is_refused_at_its_field() {
    let ws = Workspace::new();
    let text = arabic("delegation", OFFICE, "gender = \"m\"")
        .replace("name = \"سلمى النجار\"", "name = \"שרה כהן\"");
    ws.write("he.toml", &text);
    let line = text
        .lines()
        .position(|l| l == "name = \"שרה כהן\"")
        .unwrap()
        + 1;
    ws.run(&["generate", "he.toml", "-o", "out"])
        .failure()
        .stderr_has("`name` contains")
        .stderr_has("it sets Arabic, in notes in Arabic, and no other right-to-left script")
        .stderr_has(&format!("he.toml:{line}:8"));
    assert!(ws.files_in("out").is_empty());
}

/// The matrix of kinds over languages, in Arabic: the six-language file's texts, its names in
/// Latin letters.
#[test]
fn every_kind_in_arabic_from_the_languages_matrix() {
    let ws = Workspace::new();
    let held = "إلى الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية، في جنيف في الفترة من 30 آب/أغسطس إلى 1 أيلول/سبتمبر 2017،";
    let opening = "تهدي البعثة الدائمة لمثالستان لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف أطيب تحياتها إلى مكتب شؤون نزع السلاح، فرع جنيف، وتتشرف";
    let closing = "وتغتنم البعثة الدائمة لمثالستان هذه الفرصة لتعرب مجدداً لمكتب شؤون نزع السلاح، فرع جنيف، عن أسمى آيات تقديرها.";
    let expected: [(&str, Vec<String>); 4] = [
        ("delegation", vec![format!("{opening} بأن تبلغه بأن وفدها {held} سيتألف على النحو التالي:"), closing.into(), "جنيف، 1 آب/أغسطس 2017".into(), "رئيسة الوفد".into(), "المستشار".into(), "السيدة Eleni Papadopoulou".into()]),
        ("observer", vec![format!("{opening} بأن تبلغه بأن حكومتها ستشارك بصفة مراقب في الاجتماع السابع"), closing.into()]),
        ("amendment", vec![format!("بالإشارة إلى مذكرتها الشفوية رقم GVA/2017/0815 المؤرخة 1 آب/أغسطس 2017 بشأن تشكيل وفدها {held} بأن تبلغه بالتعديلات التالية:"), "رئيسة الوفد الجديدة".into(), "Olga Ivanova، بصفة مستشار".into()]),
        ("letter", vec!["تحية طيبة وبعد،".into(), format!("أتشرف بأن أبلغكم بأن وفد البعثة الدائمة لمثالستان {held} سيتألف على النحو التالي:"), "وتفضلوا بقبول فائق الاحترام والتقدير.".into(), "Ana Müller المديرة".into()]),
    ];
    for (kind, parts) in expected {
        let text = TRILINGUAL
            .replace("KIND", kind)
            .replace("Ana Müller-Łódź", "Ana Müller")
            .replace("Ελένη Παπαδοπούλου", "Eleni Papadopoulou")
            .replace("Ольга Иванова", "Olga Ivanova");
        let all = joined(&docx_paragraphs(
            &ws,
            &format!("matrix-{kind}"),
            &text,
            &["--lang", "ar"],
        ));
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        says(kind, &all, &parts);
    }
}

/// The Arabic example: every word of its opening in the text pdftotext extracts, in logical
/// order word by word (poppler misplaces neutral marks at direction changes: only words are
/// compared).
#[test]
#[ignore = "needs poppler-utils; run by .ci/run"]
fn the_arabic_example_extracts_its_words() {
    let pdftotext = require("pdftotext");
    let ws = Workspace::new();
    for file in ["7msp-ar.toml", "examplestan-emblem.png"] {
        std::fs::copy(root().join("examples").join(file), ws.path(file)).unwrap();
    }
    ws.run(&["generate", "7msp-ar.toml", "-o", "out"]).success();
    let output = std::process::Command::new(&pdftotext)
        .arg(ws.path("out/ccm-7msp.ar.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    for word in [
        "تهدي",
        "تحياتها",
        "تبلغه",
        "سيتألف",
        "رئيسة",
        "الوفد",
        "أيلول",
        "سبتمبر",
        "Jean-Pierre",
        "تقديرها",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
}

/// One meeting in the six UN languages under one reference: a note in each, the Arabic one in
/// Arabic words.
#[test]
#[ignore = "needs fonts-noto-cjk; run by .ci/run"]
fn one_meeting_in_six_languages() {
    require_chinese_font();
    let ws = Workspace::new();
    for file in ["six-languages.toml", "examplestan-emblem.png"] {
        std::fs::copy(root().join("examples").join(file), ws.path(file)).unwrap();
    }
    ws.run(&["generate", "six-languages.toml", "-o", "out"])
        .success();
    let mut expected: Vec<String> = ["en", "fr", "es", "ar", "zh", "ru"]
        .iter()
        .flat_map(|l| [format!("ccm-7msp.{l}.docx"), format!("ccm-7msp.{l}.pdf")])
        .collect();
    expected.sort();
    let mut found = ws.files_in("out");
    found.sort();
    assert_eq!(found, expected);
    let mut docx = Docx::parse(&ws.read("out/ccm-7msp.ar.docx"));
    let text = flat(&docx.all_text());
    says("ar", &text, &[
        "الرقم: GVA/2017/0815",
        "تهدي البعثة الدائمة لجمهورية مثالستان لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف أطيب تحياتها إلى مكتب شؤون نزع السلاح، فرع جنيف، وتتشرف بأن تبلغه بأن وفد جمهورية مثالستان إلى الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية، في جنيف في الفترة من 4 إلى 6 أيلول/سبتمبر 2017، سيتألف على النحو التالي:",
        "سعادة السيدة Ana Müller، السفيرة، الممثلة الدائمة",
        "السيد Timur Akhmetov، سكرتير أول، وزارة الخارجية",
        "جنيف، 14 آب/أغسطس 2017",
    ]);
    let mut english = Docx::parse(&ws.read("out/ccm-7msp.en.docx"));
    says(
        "en",
        &flat(&english.all_text()),
        &["Ref.: GVA/2017/0815", "H.E. Ms. Ana Müller"],
    );
}

/// Role and attendance words written in Arabic in a spreadsheet, with or without their vowel
/// marks, are read as their keys, and an Arabic note made from the sheet heads its list in
/// Arabic.
#[test]
fn a_spreadsheet_may_write_roles_and_attendance_in_arabic() {
    let ws = Workspace::new();
    ws.write(
        "people.csv",
        "Name,Title,Role,Attends\n\
         ليلى الحسيني,سعادة السيدة,رئيسة الوفد,حضورياً\n\
         Jean-Pierre Dubois,السيد,المستشار,عن بعد\n\
         سلمى النجار,السيدة,مستشارة,عن بُعد، متحدثة\n",
    );
    ws.run(&["import", "people.csv", "-o", "members.toml"])
        .success()
        .stderr_has("read 3 members");
    let members = String::from_utf8(ws.read("members.toml")).unwrap();
    for part in [
        "role = \"head\"\ntitle = \"سعادة السيدة\"\nname = \"ليلى الحسيني\"",
        "attends = \"in person\"",
        "role = \"adviser\"\ntitle = \"السيد\"\nname = \"Jean-Pierre Dubois\"",
        "attends = \"online\"",
        "attends = \"online speaker\"",
    ] {
        assert!(members.contains(part), "{part}:\n{members}");
    }
    let head = ARABIC.split("[[member]]").next().unwrap();
    let text = format!("{head}[members]\nfrom = \"people.csv\"\n")
        .replace("KIND", "delegation")
        .replace("RECIPIENT", OFFICE)
        .replace("GENDER", "gender = \"m\"");
    let all = joined(&docx_paragraphs(&ws, "sheet", &text, &[]));
    says(
        "sheet",
        &all,
        &[
            "رئيسة الوفد",
            "سعادة السيدة ليلى الحسيني (حضورياً)",
            "المستشارون",
            "السيدة سلمى النجار (عن بُعد، متحدثة)",
        ],
    );
}
