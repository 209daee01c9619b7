//! Notes in Russian: the formulae with each name in the case the file gives, Russian dates and
//! ranges, a missing case reported at its name, Russian hyphenation, the language tags, and a
//! meeting in four languages under one reference.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{require, Workspace};

/// Text with hyphenated line ends joined and no-break spaces made plain, to compare wording.
fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Russian example with `from` replaced by `to` (the replacement must happen).
fn example_with(ws: &Workspace, name: &str, from: &str, to: &str) {
    let root = crate::support::root().join("examples");
    let example = std::fs::read_to_string(root.join("7msp-ru.toml")).unwrap();
    assert!(example.contains(from), "the example has no {from:?}");
    ws.write(name, &example.replacen(from, to, 1));
}

/// Generates `file`; returns (PDF text, DOCX text, DOCX styles.xml).
fn render(ws: &Workspace, file: &str, args: &[&str]) -> (String, String, String) {
    let out = format!("out-{file}");
    let mut all = vec!["generate", file, "-o", out.as_str()];
    all.extend_from_slice(args);
    ws.run(&all).success();
    let pdf = Pdf::parse(&ws.read(&format!("{out}/ccm-7msp.ru.pdf"))).text();
    let mut docx = Docx::parse(&ws.read(&format!("{out}/ccm-7msp.ru.docx")));
    (pdf, docx.all_text(), docx.part("word/styles.xml"))
}

#[track_caller]
fn says(files: &(String, String, String), parts: &[&str]) {
    let (pdf, docx) = (flat(&files.0), flat(&files.1));
    for part in parts {
        let part = flat(part);
        assert!(pdf.contains(&part), "PDF lacks {part:?}:\n{pdf}");
        assert!(docx.contains(&part), "DOCX lacks {part:?}:\n{docx}");
    }
}

const OPENING: &str = "Постоянное представительство Республики Примерстан при Отделении Организации Объединенных Наций и других международных организациях в Женеве свидетельствует свое уважение Женевскому отделению Управления по вопросам разоружения и имеет честь сообщить, что делегация Республики Примерстан на седьмом Совещании государств — участников Конвенции по кассетным боеприпасам в Женеве с 4 по 6 сентября 2017 года будет иметь следующий состав:";

#[test]
fn the_russian_example_says_its_formulae_with_each_name_in_its_case() {
    let ws = Workspace::new();
    example_with(&ws, "ru.toml", "language = \"ru\"", "language = \"ru\"");
    let files = render(&ws, "ru.toml", &[]);
    says(&files, &[
        "№ GVA/2017/0815",
        OPENING,
        "Глава делегации Его Превосходительство г-н Азамат Нурланович Жумабаев, Посол, Постоянный представитель",
        "Заместитель главы делегации г-жа Айгерим Сериковна Касымова",
        "Эксперты г-н Дмитрий Сергеевич Ким",
        "Постоянное представительство Республики Примерстан пользуется случаем, чтобы возобновить Женевскому отделению Управления по вопросам разоружения уверения в своем весьма высоком уважении.",
        "Женева, 14 августа 2017 года",
        "Женевскому отделению Управления по вопросам разоружения Отделение Организации Объединенных Наций в Женеве",
    ]);
    // UN Russian writes е for ё in its own words.
    assert!(!files.0.contains('ё') && !files.1.contains('ё'));
    // The DOCX runs are tagged Russian, so Word hyphenates and checks them as Russian.
    assert!(files.2.contains("w:val=\"ru-RU\""), "{}", files.2);
}

#[test]
fn the_pdf_is_tagged_russian() {
    let ws = Workspace::new();
    example_with(&ws, "ru.toml", "language = \"ru\"", "language = \"ru\"");
    ws.run(&["generate", "ru.toml", "-o", "out"]).success();
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.ru.pdf"));
    assert!(
        pdf.dictionaries().contains("/Lang(ru-RU)"),
        "no /Lang(ru-RU)"
    );
}

#[test]
fn russian_dates_name_the_month_once_and_the_year_with_goda() {
    let ws = Workspace::new();
    for (i, (start, end, said)) in [
        (
            "2017-08-30",
            "2017-09-01",
            "в Женеве с 30 августа по 1 сентября 2017 года будет",
        ),
        (
            "2017-12-28",
            "2018-01-02",
            "в Женеве с 28 декабря 2017 года по 2 января 2018 года будет",
        ),
        (
            "2017-09-04",
            "2017-09-04",
            "в Женеве 4 сентября 2017 года будет",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("d{i}.toml");
        example_with(
            &ws,
            &name,
            "start = 2017-09-04\nend = 2017-09-06\nreference = \"GVA/2017/0815\"\ndate = 2017-08-14",
            &format!("start = {start}\nend = {end}\nreference = \"GVA/2017/0815\"\ndate = 2017-05-01"),
        );
        let files = render(&ws, &name, &[]);
        says(&files, &[said, "Женева, 1 мая 2017 года"]);
    }
}

#[test]
fn a_missing_case_is_an_error_at_the_name_naming_the_case() {
    let ws = Workspace::new();
    example_with(&ws, "gen.toml", ", gen = \"Республики Примерстан\"", "");
    ws.run(&["generate", "gen.toml", "-o", "out"])
        .failure()
        .stderr_has("`mission.state` has no genitive (`gen`) in Russian, which the note for `ccm-7msp` needs")
        .stderr_has("gen.toml:10:16")
        .stderr_has("hint: give the name in its cases: `state = { ru = { nom = \"Республика Примерстан\", gen = \"…\" } }`; a case is never guessed");
    // A plain string is the nominative alone.
    example_with(
        &ws,
        "city.toml",
        "city = { ru = { nom = \"Женева\", prep = \"Женеве\" } }",
        "city = \"Женева\"",
    );
    ws.run(&["generate", "city.toml", "-o", "out"])
        .failure()
        .stderr_has("`meeting.city` has no prepositional (`prep`) in Russian")
        .stderr_has("city.toml:18:8");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn cases_are_checked_where_they_are_written() {
    let ws = Workspace::new();
    example_with(
        &ws,
        "c.toml",
        "city = { ru = { nom = \"Женева\", prep = \"Женеве\" } }",
        "city = { ru = { nom = \"Женева\", prp = \"Женеве\" }, en = { nom = \"Geneva\" } }",
    );
    ws.run(&["generate", "c.toml", "-o", "out"])
        .failure()
        .stderr_has("unknown case `prp` in `meeting.city`")
        .stderr_has("did you mean `prep`?")
        .stderr_has("`meeting.city` is one text in English: its names take no cases");
    example_with(
        &ws,
        "n.toml",
        "state = { ru = { nom = \"Республика Примерстан\", gen",
        "state = { ru = { gen",
    );
    ws.run(&["generate", "n.toml", "-o", "out"])
        .failure()
        .stderr_has("the cases of `ru` have no nominative");
    assert!(ws.files_in("out").is_empty());
}

/// The cases asked of the file are those the templates in force use: a folder's own closing
/// that puts the recipient in the instrumental makes the file give it.
#[test]
fn the_templates_in_force_decide_which_cases_the_file_gives() {
    let ws = Workspace::new();
    example_with(&ws, "ru.toml", "language = \"ru\"", "language = \"ru\"");
    std::fs::create_dir_all(ws.path("t/ru")).unwrap();
    ws.write(
        "t/ru/closing.hbs",
        "::: closing\n{{mission.short_name}} пользуется случаем, чтобы возобновить {{case meeting.recipient.name \"ins\"}} уверения.\n:::\n",
    );
    ws.run(&["generate", "ru.toml", "--templates", "t", "-o", "out"])
        .failure()
        .stderr_has("`meeting.recipient.name` has no instrumental (`ins`) in Russian")
        .stderr_has("ru.toml:25:15");
    ws.write(
        "t/ru/closing.hbs",
        "::: closing\n{{case meeting.reference \"gen\"}} {{case meeting.city \"abl\"}}\n:::\n",
    );
    ws.run(&["templates", "check", "--templates", "t"])
        .failure()
        .stderr_has("`case` cannot decline `meeting.reference`")
        .stderr_has("unknown case `abl`");
}

/// A long Russian word breaks at a point of the Russian patterns, with a hyphen the text
/// extracts as a soft hyphen. The formulae are never hyphenated, so a template of the
/// mission's own adds a paragraph after the list.
#[test]
fn a_long_russian_word_breaks_with_a_hyphen_where_russian_allows() {
    let ws = Workspace::new();
    example_with(&ws, "ru.toml", "language = \"ru\"", "language = \"ru\"");
    ws.run(&[
        "templates",
        "new",
        "delegation",
        "--from",
        "delegation",
        "--lang",
        "ru",
        "--dir",
        "t",
    ])
    .success();
    let template = String::from_utf8(ws.read("t/ru/delegation.hbs")).unwrap();
    ws.write(
        "t/ru/delegation.hbs",
        &template.replacen(
            "{{> ru/closing}}",
            &format!("{PARAGRAPH}\n\n{{{{> ru/closing}}}}"),
            1,
        ),
    );
    ws.run(&["generate", "ru.toml", "--templates", "t", "-o", "out"])
        .success();
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.ru.pdf")).text();
    // The paragraph's words with the points of the Russian patterns (hyph-ru).
    let legal: Vec<&str> = HYPHENATED.split_whitespace().collect();
    let breaks: Vec<(String, String)> = pdf
        .split("\u{ad}\n")
        .collect::<Vec<_>>()
        .windows(2)
        .map(|pair| {
            let before = pair[0].rsplit(|c: char| !c.is_alphabetic()).next().unwrap();
            let after = pair[1].split(|c: char| !c.is_alphabetic()).next().unwrap();
            (before.to_string(), after.to_string())
        })
        .collect();
    assert!(!breaks.is_empty(), "no word is hyphenated:\n{pdf}");
    for (before, after) in &breaks {
        let word = format!("{before}{after}");
        let point = legal.iter().find(|w| w.replace('-', "") == word);
        let point =
            point.unwrap_or_else(|| panic!("{before}-{after}: not a word of the paragraph"));
        let heads: Vec<String> = point
            .split('-')
            .scan(String::new(), |head, part| {
                head.push_str(part);
                Some(head.clone())
            })
            .collect();
        assert!(
            heads.contains(before),
            "{before}-{after} is not a point of {point}"
        );
    }
}

/// A paragraph a mission might add after the list, and its words hyphenated by hyph-ru.
const PARAGRAPH: &str = "Постоянное представительство будет признательно за содействие в регистрации вышеупомянутых представителей, экспертов и советников, а также за своевременное предоставление соответствующей документации, касающейся организационных вопросов совещания, и просит распространить настоящую ноту среди заинтересованных подразделений Секретариата.";
const HYPHENATED: &str = "по-сто-ян-ное пред-ста-ви-тель-ство при-зна-тельно со-дей-ствие ре-ги-стра-ции вы-ше-упо-мя-ну-тых пред-ста-ви-те-лей экс-пер-тов со-вет-ни-ков свое-вре-мен-ное предо-став-ле-ние со-от-вет-ству-ю-щей до-ку-мен-та-ции ка-са-ю-щейся ор-га-ни-за-ци-он-ных во-про-сов со-ве-ща-ния про-сит рас-про-стра-нить на-сто-я-щую за-ин-те-ре-со-ван-ных под-раз-де-ле-ний";

#[test]
fn a_meeting_in_four_languages_gives_a_note_in_each_under_one_reference() {
    let ws = Workspace::new();
    let root = crate::support::root().join("examples");
    std::fs::copy(root.join("four-languages.toml"), ws.path("four.toml")).unwrap();
    ws.run(&["generate", "four.toml", "-o", "out"]).success();
    let mut files = ws.files_in("out");
    files.sort();
    assert_eq!(
        files,
        [
            "ccm-7msp.en.docx",
            "ccm-7msp.en.pdf",
            "ccm-7msp.es.docx",
            "ccm-7msp.es.pdf",
            "ccm-7msp.fr.docx",
            "ccm-7msp.fr.pdf",
            "ccm-7msp.ru.docx",
            "ccm-7msp.ru.pdf"
        ]
    );
    for (lang, words) in [
        ("en", "Ref.: GVA/2017/0815"),
        ("fr", "Réf. : GVA/2017/0815"),
        ("es", "GVA/2017/0815"),
        ("ru", "№ GVA/2017/0815"),
    ] {
        let text = flat(&Pdf::parse(&ws.read(&format!("out/ccm-7msp.{lang}.pdf"))).text());
        assert!(text.contains(words), "{lang}: {text}");
    }
    let ru = flat(&Pdf::parse(&ws.read("out/ccm-7msp.ru.pdf")).text());
    assert!(
        ru.contains(
            "Советник г-н Тимур Ерланович Ахметов, Первый секретарь, Министерство иностранных дел"
        ),
        "{ru}"
    );
    assert!(
        ru.contains("Глава делегации Ее Превосходительство г-жа Ana Müller-Łódź"),
        "{ru}"
    );
}

#[test]
#[ignore = "needs poppler-utils (pdftotext); run by .ci/run"]
fn pdftotext_reads_the_russian_note_word_for_word() {
    let ws = Workspace::new();
    example_with(&ws, "ru.toml", "language = \"ru\"", "language = \"ru\"");
    ws.run(&["generate", "ru.toml", "-o", "out"]).success();
    let out = std::process::Command::new(require("pdftotext"))
        .args(["out/ccm-7msp.ru.pdf", "-"])
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = flat(&String::from_utf8_lossy(&out.stdout));
    for part in [
        OPENING,
        "уверения в своем весьма высоком уважении.",
        "Женева, 14 августа 2017 года",
        "г-жа Дина Маратовна Абенова, Ведущий специалист, Министерство обороны",
    ] {
        assert!(
            text.contains(&flat(part)),
            "pdftotext lacks {part:?}:\n{text}"
        );
    }
}

/// Every letter of the Russian alphabet, both cases, and the other Cyrillic letters of Kazakh,
/// Uzbek, Ukrainian and Serbian names, print in both files: the fonts draw them all.
#[test]
fn every_cyrillic_letter_prints_in_both_files() {
    let ws = Workspace::new();
    let names = [
        "Съешь Же Ещё Этих Мягких Французских Булок Да Выпей Чаю",
        "СЪЕШЬ ЖЕ ЕЩЁ ЭТИХ МЯГКИХ ФРАНЦУЗСКИХ БУЛОК ДА ВЫПЕЙ ЧАЮ",
        "Әлия Ғабитқызы Ңөүһі Ұлықбек Ўғлий Ҳасан",
        "Євгенія Їжакевич Ґалаґан",
        "Ђорђе Ћирић Љиљана Њего Џаја",
    ];
    let members: String = names
        .iter()
        .map(|name| {
            format!("\n[[member]]\nrole = \"expert\"\ntitle = \"г-н\"\nname = \"{name}\"\n")
        })
        .collect();
    let root = crate::support::root().join("examples");
    let example = std::fs::read_to_string(root.join("7msp-ru.toml")).unwrap();
    ws.write("abc.toml", &format!("{example}{members}"));
    let files = render(&ws, "abc.toml", &[]);
    for name in names {
        says(&files, &[name]);
    }
}
