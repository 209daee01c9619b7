//! Delegations kept in spreadsheets: `[members]` in a delegation file and `verbale import`, for
//! `.xlsx` (written here with rust_xlsxwriter), `.ods` (a committed LibreOffice file) and CSV in
//! each encoding and delimiter; problems shown at their sheet, row and column.

use rust_xlsxwriter::Workbook;

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{root, Workspace};

/// Five members: name, title, function, role as written in English, French and Spanish.
const PEOPLE: [[&str; 6]; 5] = [
    [
        "Ana Müller-Łódź",
        "H.E. Ms.",
        "Ambassador, Permanent Representative",
        "Head of delegation",
        "Chef de délégation",
        "Jefa de delegación",
    ],
    [
        "Şükrü Çelik",
        "Mr.",
        "First Secretary",
        "Adviser",
        "Conseiller",
        "Asesor",
    ],
    [
        "José Pérez Núñez",
        "Mr.",
        "Counsellor",
        "Representative",
        "Représentant",
        "Representante",
    ],
    [
        "Zoë O'Brien",
        "Ms.",
        "Legal Officer",
        "Expert",
        "Experte",
        "Experta",
    ],
    [
        "Đặng Thị Hồng",
        "Ms.",
        "Attaché",
        "Member",
        "Membre",
        "Miembro",
    ],
];

/// Headers (name, title, function, role) in each language, as people write them.
const HEADERS: [[&str; 4]; 3] = [
    ["Name", "Title", "Function", "Role"],
    ["Nom", "Titre", "Fonction", "Rôle"],
    ["Nombre", "Título", "Cargo", "Función en la delegación"],
];

/// The README example without its members, reading them from `from`.
fn delegation(ws: &Workspace, name: &str, members: &str) -> String {
    let example = std::fs::read_to_string(root().join("examples/7msp.toml")).unwrap();
    let top = &example[..example.find("[[member]]").unwrap()];
    ws.write(name, &format!("{top}{members}"));
    name.to_string()
}

/// The header row and the five members, headers and role words in `language` (0 = en, 1 = fr,
/// 2 = es).
fn rows(language: usize) -> Vec<Vec<String>> {
    let mut rows = vec![HEADERS[language].iter().map(|h| h.to_string()).collect()];
    for person in PEOPLE {
        rows.push(
            [person[0], person[1], person[2], person[3 + language]]
                .iter()
                .map(|c| c.to_string())
                .collect(),
        );
    }
    rows
}

/// An `.xlsx` file with one sheet of `rows`, starting at row `first` (zero-based).
fn xlsx(ws: &Workspace, name: &str, sheet: &str, first: u32, rows: &[Vec<String>]) {
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Ok(number) = cell.parse::<f64>() {
                worksheet
                    .write_number(first + r as u32, c as u16, number)
                    .unwrap();
            } else if !cell.is_empty() {
                worksheet
                    .write_string(first + r as u32, c as u16, cell)
                    .unwrap();
            }
        }
    }
    workbook.save(ws.path(name)).unwrap();
}

/// CSV text of `rows` with `delimiter`, cells quoted.
fn csv(rows: &[Vec<String>], delimiter: &str) -> String {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(delimiter)
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Generates `file` into `out` and returns the PDF and DOCX bytes.
fn generate(ws: &Workspace, file: &str, out: &str) -> (Vec<u8>, Vec<u8>) {
    ws.run(&["generate", file, "-o", out]).success();
    (
        ws.read(&format!("{out}/ccm-7msp.en.pdf")),
        ws.read(&format!("{out}/ccm-7msp.en.docx")),
    )
}

#[track_caller]
fn every_name_in(pdf: &[u8], docx: &[u8]) {
    let pdf = Pdf::parse(pdf).text().replace(['\n', '\u{a0}'], " ");
    let docx = Docx::parse(docx).all_text().replace('\n', " ");
    for person in PEOPLE {
        // Printed as written, but for typographic apostrophes (`O’Brien`).
        let name = person[0].replace('\'', "\u{2019}");
        assert!(pdf.contains(&name), "{name} not in the PDF:\n{pdf}");
        assert!(docx.contains(&name), "{name} not in the DOCX:\n{docx}");
    }
    assert!(
        pdf.contains("Head of delegation H.E. Ms. Ana Müller-Łódź, Ambassador"),
        "{pdf}"
    );
    assert!(
        pdf.contains("Adviser Mr. Şükrü Çelik, First Secretary"),
        "{pdf}"
    );
}

#[test]
fn every_format_and_header_language_gives_the_same_notes_with_every_name() {
    let ws = Workspace::new();
    // A title line and an empty row above the header, as offices keep them.
    let mut english = vec![vec!["Delegation of Examplestan".to_string()], vec![]];
    english.extend(rows(0));
    xlsx(&ws, "delegation.xlsx", "CCM 14MSP", 0, &english);
    let file = delegation(
        &ws,
        "from-xlsx.toml",
        "[members]\nfrom = \"delegation.xlsx\"\nsheet = \"CCM 14MSP\"\n",
    );
    let (pdf, docx) = generate(&ws, &file, "xlsx");
    every_name_in(&pdf, &docx);

    std::fs::write(ws.path("utf8.csv"), csv(&rows(1), ";")).unwrap();
    std::fs::write(
        ws.path("bom.csv"),
        format!("\u{feff}{}", csv(&rows(2), "\t")),
    )
    .unwrap();
    let ods = "delegation-es.ods";
    std::fs::copy(root().join("tests/cli/fixtures").join(ods), ws.path(ods)).unwrap();
    for (name, spreadsheet) in [("utf8", "utf8.csv"), ("bom", "bom.csv"), ("ods", ods)] {
        let members = format!("[members]\nfrom = \"{spreadsheet}\"\n");
        let file = delegation(&ws, &format!("{name}.toml"), &members);
        let (other_pdf, other_docx) = generate(&ws, &file, name);
        assert!(
            other_pdf == pdf,
            "{spreadsheet}: the PDF differs from the .xlsx one"
        );
        assert!(
            other_docx == docx,
            "{spreadsheet}: the DOCX differs from the .xlsx one"
        );
    }
}

/// Excel on Windows saves CSV in Windows-1252: detected, read, and said.
#[test]
fn a_windows_1252_csv_is_read_and_said_to_be() {
    let ws = Workspace::new();
    let text = "Nom;Fonction;Rôle\r\nHélène Lefèvre-Nœl;Ambassadrice;Chef de délégation\r\nFrançois Ségur;Conseiller;Conseiller\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable && std::str::from_utf8(&bytes).is_err());
    std::fs::write(ws.path("excel.csv"), &bytes).unwrap();
    let file = delegation(&ws, "excel.toml", "[members]\nfrom = \"excel.csv\"\n");
    let (pdf, _) = generate(&ws, &file, "out");
    let pdf = Pdf::parse(&pdf).text();
    assert!(
        pdf.contains("Hélène Lefèvre-Nœl, Ambassadrice") && pdf.contains("François Ségur"),
        "{pdf}"
    );
    let import = ws.run(&["import", "excel.csv"]);
    import
        .success()
        .stderr_has("(not UTF-8: read as windows-1252)");
    assert!(
        import.stdout.contains("(read as windows-1252)"),
        "{}",
        import.stdout
    );
}

#[test]
fn import_then_generate_equals_generating_from_the_spreadsheet() {
    let ws = Workspace::new();
    xlsx(&ws, "delegation.xlsx", "CCM 14MSP", 0, &rows(1));
    let from_sheet = delegation(&ws, "sheet.toml", "[members]\nfrom = \"delegation.xlsx\"\n");
    ws.run(&["import", "delegation.xlsx", "-o", "members.toml"])
        .success()
        .stderr_has("read 5 members");
    let members = String::from_utf8(ws.read("members.toml")).unwrap();
    assert!(
        members.contains(
            "[[member]] # row 2\nrole = \"head\"\ntitle = \"H.E. Ms.\"\nname = \"Ana Müller-Łódź\""
        ),
        "{members}"
    );
    let by_hand = delegation(&ws, "hand.toml", &members);
    assert_eq!(
        generate(&ws, &from_sheet, "a"),
        generate(&ws, &by_hand, "b")
    );
    // Writing again is `unchanged`; other contents need --force.
    ws.run(&["import", "delegation.xlsx", "-o", "members.toml"])
        .success();
    ws.write("members.toml", "# mine\n");
    ws.run(&["import", "delegation.xlsx", "-o", "members.toml"])
        .failure()
        .stderr_has("--force");
    assert_eq!(ws.read("members.toml"), b"# mine\n");
    ws.run(&["import", "delegation.xlsx", "-o", "members.toml", "--force"])
        .success();
    assert_eq!(String::from_utf8(ws.read("members.toml")).unwrap(), members);
}

/// A sheet with a bad row of every kind; each problem at its row and column.
#[test]
fn bad_rows_are_reported_at_their_cells() {
    let ws = Workspace::new();
    let mut sheet = rows(0);
    sheet[0].push("Phone".into());
    sheet.push(vec![
        "Kim Lee".into(),
        "Mr.".into(),
        "Attaché".into(),
        "Advisor".into(),
    ]);
    sheet.push(vec![
        "".into(),
        "Ms.".into(),
        "Intern".into(),
        "Member".into(),
    ]);
    sheet.push(vec!["42".into(), "".into(), "".into(), "Member".into()]);
    xlsx(&ws, "delegation.xlsx", "CCM 14MSP", 0, &sheet);
    let file = delegation(&ws, "bad.toml", "[members]\nfrom = \"delegation.xlsx\"\n");
    let run = ws.run(&["generate", &file, "-o", "out"]);
    run.failure()
        .stderr_has("unknown column `Phone`")
        .stderr_has("delegation.xlsx, sheet \"CCM 14MSP\", row 1, column \"Phone\"")
        .stderr_has("unknown role `Advisor`")
        .stderr_has("delegation.xlsx, sheet \"CCM 14MSP\", row 7, column \"Role\"")
        .stderr_has("did you mean `adviser`?")
        .stderr_has("missing field `name`")
        .stderr_has("delegation.xlsx, sheet \"CCM 14MSP\", row 8\n")
        .stderr_has("the name is a number (`42`)")
        .stderr_has("row 9, column \"Name\"")
        .stderr_has("4 problems found");
    assert!(ws.files_in("out").is_empty());
    let json = ws.run(&["check", "--json", &file]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let role = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["message"] == "unknown role `Advisor`")
        .unwrap();
    assert_eq!(role["file"], "delegation.xlsx");
    assert_eq!(
        (role["line"].as_u64(), role["column"].as_u64()),
        (Some(7), Some(4))
    );
    assert_eq!(
        (role["sheet"].as_str(), role["header"].as_str()),
        (Some("CCM 14MSP"), Some("Role"))
    );
    // The same in a batch's report, and with `import`.
    let batch = ws.run(&["batch", "--json", &file, "-o", "batch"]);
    assert!(
        batch.stdout.contains("\"header\": \"Role\""),
        "{}",
        batch.stdout
    );
    ws.run(&["import", "delegation.xlsx"])
        .failure()
        .stderr_has("unknown role `Advisor`")
        .stderr_has("row 7, column \"Role\"");
}

#[test]
fn a_second_head_is_reported_at_its_role_cell() {
    let ws = Workspace::new();
    let mut sheet = rows(2);
    sheet[2][3] = "Jefe de la delegación".into();
    std::fs::write(ws.path("two.csv"), csv(&sheet, ",")).unwrap();
    let file = delegation(&ws, "two.toml", "[members]\nfrom = \"two.csv\"\n");
    ws.run(&["check", &file])
        .failure()
        .stderr_has("the note for `ccm-7msp` has 2 heads of delegation")
        .stderr_has("in two.csv, row 3, column \"Función en la delegación\"");
}

#[test]
fn the_members_table_is_checked() {
    let ws = Workspace::new();
    xlsx(&ws, "delegation.xlsx", "CCM 14MSP", 0, &rows(0));
    std::fs::write(ws.path("plain.csv"), csv(&rows(0), ",")).unwrap();
    let cases = [
        (
            "[members]\nfrom = \"delegation.xlsx\"\nsheet = \"CCM 14MPS\"\n",
            "`delegation.xlsx` has no sheet `CCM 14MPS`",
            "did you mean `CCM 14MSP`?",
        ),
        (
            "[members]\nfrom = \"missing.xlsx\"\n",
            "cannot read `missing.xlsx`",
            "relative to the delegation file",
        ),
        (
            "[members]\nfrom = \"plain.csv\"\nsheet = \"A\"\n",
            "is a CSV file, which has no sheets",
            "remove `sheet`",
        ),
        (
            "[members]\nsheet = \"A\"\n",
            "missing field `from` in `[members]`",
            "add `from",
        ),
        (
            "[members]\nfrom = \"plain.csv\"\n[members.columns]\nName = \"nmae\"\n",
            "unknown field `nmae` for the column `Name`",
            "did you mean `name`?",
        ),
        (
            "[members]\nfrom = \"plain.csv\"\n\n[[member]]\nrole = \"head\"\nname = \"X\"\n",
            "both `[members]` and `[[member]]`",
            "keep one list",
        ),
    ];
    for (index, (members, message, hint)) in cases.iter().enumerate() {
        let file = delegation(&ws, &format!("case{index}.toml"), members);
        ws.run(&["check", &file])
            .failure()
            .stderr_has(message)
            .stderr_has(hint)
            .stderr_has(&format!("case{index}.toml:"));
    }
    // A column the tool does not know can be mapped, or left out on purpose.
    let mut sheet = rows(0);
    sheet[0][2] = "Poste occupé".into();
    sheet[0].push("Phone".into());
    std::fs::write(ws.path("mapped.csv"), csv(&sheet, ",")).unwrap();
    let file = delegation(&ws, "mapped.toml", "[members]\nfrom = \"mapped.csv\"\n\n[members.columns]\n\"Poste occupé\" = \"function\"\nPhone = \"ignore\"\n");
    let preview = ws.run(&["preview", &file]).success().stdout.clone();
    assert!(
        preview.contains("Mr. Şükrü Çelik, First Secretary"),
        "{preview}"
    );
}

/// A participation column in each language, with the words people type; an unknown word is
/// reported at its cell with the values.
#[test]
fn a_participation_column_gives_how_each_member_attends() {
    let ws = Workspace::new();
    for (language, header, words) in [
        (
            0,
            "Participation",
            ["in person", "Online", "online speaker"],
        ),
        (
            1,
            "Modalité",
            ["présentiel", "en ligne", "En ligne, orateur"],
        ),
        (
            2,
            "Modalidad",
            ["Presencial", "virtual", "en línea, orador"],
        ),
    ] {
        let mut sheet = rows(language);
        sheet[0].push(header.into());
        for (row, word) in sheet[1..4].iter_mut().zip(words) {
            row.push(word.into());
        }
        let csv_name = format!("p{language}.csv");
        std::fs::write(ws.path(&csv_name), csv(&sheet, ",")).unwrap();
        let out = format!("m{language}.toml");
        ws.run(&["import", &csv_name, "-o", &out]).success();
        let members = String::from_utf8(ws.read(&out)).unwrap();
        for key in ["in person", "online", "online speaker"] {
            assert!(
                members.contains(&format!("attends = \"{key}\"\n")),
                "{members}"
            );
        }
        let file = delegation(
            &ws,
            &format!("p{language}.toml"),
            &format!("[members]\nfrom = \"{csv_name}\"\n"),
        );
        let (pdf, _) = generate(&ws, &file, &format!("out{language}"));
        let text = Pdf::parse(&pdf).text().replace(['\n', '\u{a0}'], " ");
        assert!(
            text.contains("(in person)") && text.contains("(online, speaker)"),
            "{text}"
        );
    }
    let mut sheet = rows(1);
    sheet[0].push("Modalité".into());
    sheet[2].push("peut-être".into());
    std::fs::write(ws.path("bad.csv"), csv(&sheet, ",")).unwrap();
    let file = delegation(&ws, "bad.toml", "[members]\nfrom = \"bad.csv\"\n");
    ws.run(&["check", &file])
        .failure()
        .stderr_has("unknown `attends` value `peut-être`")
        .stderr_has("in bad.csv, row 3, column \"Modalité\"")
        .stderr_has("`in person`, `online` or `online speaker`");
}

/// A CSV file in UTF-8 but for one line typed in Windows-1252 is not read whole as
/// Windows-1252 (which would turn `Müller` into `MÃ¼ller`): it is refused at that line.
#[test]
fn a_csv_in_two_encodings_is_refused_at_its_first_bad_line() {
    let ws = Workspace::new();
    let mut mixed = "Name,Role\r\nAna Müller,head\r\n".as_bytes().to_vec();
    mixed.extend_from_slice(b"Jos\xE9 P\xE9rez,adviser\r\n");
    std::fs::write(ws.path("mixed.csv"), &mixed).unwrap();
    // A byte that is a character in neither encoding.
    std::fs::write(ws.path("odd.csv"), b"Name,Role\r\nJos\xE9 \x81,head\r\n").unwrap();
    for (csv, message) in [
        (
            "mixed.csv",
            "`mixed.csv` mixes two encodings: it is UTF-8, except at line 3, column 4",
        ),
        (
            "odd.csv",
            "`odd.csv` is neither UTF-8 nor Windows-1252: the byte 0x81 at line 2, column 6",
        ),
    ] {
        let import = ws.run(&["import", csv]);
        import
            .failure()
            .stderr_has(message)
            .stderr_has("save the file as UTF-8");
        assert!(!import.stdout.contains("MÃ¼ller"), "{}", import.stdout);
        let file = delegation(
            &ws,
            &format!("{csv}.toml"),
            &format!("[members]\nfrom = \"{csv}\"\n"),
        );
        ws.run(&["check", &file])
            .failure()
            .stderr_has(message)
            .stderr_has(&format!("{file}:25:8"));
    }
}

/// A sheet without members is an error, not `read 0 members`.
#[test]
fn a_sheet_without_members_is_refused() {
    let ws = Workspace::new();
    std::fs::write(ws.path("empty.csv"), b"").unwrap();
    std::fs::write(ws.path("blank.csv"), b"\r\n;;\r\n \r\n").unwrap();
    std::fs::write(ws.path("header.csv"), b"Name,Role\r\n").unwrap();
    xlsx(&ws, "empty.xlsx", "Members", 0, &[]);
    for (sheet, message, place) in [
        (
            "empty.csv",
            "`empty.csv` is empty",
            "the first line names the columns",
        ),
        (
            "blank.csv",
            "`blank.csv` is empty",
            "the first line names the columns",
        ),
        (
            "header.csv",
            "no member below the header row",
            "header.csv, row 1",
        ),
        (
            "empty.xlsx",
            "the sheet `Members` of `empty.xlsx` is empty",
            "the first row names the columns",
        ),
    ] {
        let import = ws.run(&["import", sheet]);
        import.failure().stderr_has(message).stderr_has(place);
        assert!(
            !import.stderr.contains("read 0 members"),
            "{}",
            import.stderr
        );
        let file = delegation(
            &ws,
            &format!("{sheet}.toml"),
            &format!("[members]\nfrom = \"{sheet}\"\n"),
        );
        ws.run(&["check", &file])
            .failure()
            .stderr_has(message)
            .stderr_has(place);
    }
}
