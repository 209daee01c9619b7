//! Input as a hostile user would write it: nothing crashes, hangs or grows without bound, `check`
//! refuses exactly what `generate` would, and every refusal is placed in the file.

use crate::support::pdf::Pdf;
use crate::support::{Run, Workspace};

/// `check` and `generate` both refuse the file, at `line:column`, with `message`; nothing is
/// written.
#[track_caller]
fn refused(ws: &Workspace, file: &str, message: &str, place: &str) {
    let check = ws.run(&["check", file]);
    check.failure().stderr_has(message);
    let generate = ws.run(&["generate", file, "-o", "out"]);
    generate
        .failure()
        .stderr_has(message)
        .stderr_has(&format!("{file}:{place}"));
    assert!(ws.files_in("out").is_empty(), "{:?}", ws.files_in("out"));
}

#[test]
fn characters_a_note_cannot_carry_are_refused_where_they_stand() {
    let cases = [
        ('\u{05D0}', "right-to-left text"),
        ('\u{05B0}', "right-to-left text"),
        ('\u{FB1E}', "right-to-left text"),
        ('\u{202E}', "bidirectional control character"),
        ('\u{200F}', "bidirectional control character"),
        ('\u{2028}', "line or paragraph separator"),
        ('\u{2029}', "line or paragraph separator"),
        ('\u{FEFF}', "byte order mark"),
        ('\u{1680}', "a space that the font cannot print"),
        ('\u{0001}', "control character"),
        ('\u{0085}', "control character"),
        ('\u{FFFF}', "noncharacter"),
        ('\u{FDD0}', "noncharacter"),
        ('\u{E000}', "no glyph"),
    ];
    for (c, message) in cases {
        // TOML itself refuses C0 controls written as they are; an escape puts one in a string.
        let c = if c.is_ascii_control() {
            format!("\\u{:04X}", u32::from(c))
        } else {
            c.to_string()
        };
        let ws = Workspace::new();
        // At the start of a name, of an address line, and of the recipient's name.
        ws.example_with("name.toml", "name = \"Ana", &format!("name = \"{c}Ana"));
        refused(&ws, "name.toml", message, "27:8");
        ws.example_with(
            "address.toml",
            "\"Palais des Nations",
            &format!("\"{c}Palais des Nations"),
        );
        refused(&ws, "address.toml", message, "21:47");
        for pdf_a in ["1b", "2b"] {
            let run = ws.run(&["check", "name.toml", "--pdf-a", pdf_a]);
            run.failure().stderr_has(message);
        }
    }
}

#[test]
fn a_text_longer_than_a_note_can_hold_is_refused() {
    let ws = Workspace::new();
    let long = "word ".repeat(1800);
    ws.example_with(
        "long.toml",
        "function = \"Ambassador, Permanent Representative\"",
        &format!("function = \"{long}\""),
    );
    refused(
        &ws,
        "long.toml",
        "more than the 300 a note can hold",
        "28:12",
    );
}

#[test]
fn names_are_printed_as_written_in_french_notes() {
    let ws = Workspace::new();
    ws.example_in_three_languages(
        "fr.toml",
        "name = \"Ana Müller-Łódź\"",
        "name = \"Lefèvre!Dubœuf?\"",
    );
    ws.run(&["generate", "fr.toml", "--lang", "fr", "-o", "out"])
        .success();
    let text = Pdf::parse(&ws.read("out/ccm-7msp.fr.pdf")).text();
    assert!(text.contains("Lefèvre!Dubœuf?"), "{text}");
    assert!(
        text.contains("Réf.\u{202F}:"),
        "the template's own colon keeps its space: {text}"
    );
    let docx = crate::support::docx::Docx::parse(&ws.read("out/ccm-7msp.fr.docx")).all_text();
    assert!(docx.contains("Lefèvre!Dubœuf?"), "{docx}");
}

#[test]
fn an_emblem_that_is_not_a_regular_file_is_refused_at_once() {
    let ws = Workspace::new();
    ws.example_with(
        "zero.toml",
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"/dev/zero\"",
    );
    refused(&ws, "zero.toml", "not a regular file", "8:10");
    let fifo = ws.path("pipe.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|status| status.success()) {
        ws.example_with(
            "fifo.toml",
            "emblem = \"examplestan-emblem.png\"",
            "emblem = \"pipe.png\"",
        );
        refused(&ws, "fifo.toml", "not a regular file", "8:10");
    }
}

#[test]
fn a_damaged_or_outsized_emblem_is_refused_by_check_too() {
    let ws = Workspace::new();
    let png = ws.read("examplestan-emblem.png");
    std::fs::write(ws.path("cut.png"), &png[..png.len() - 200]).unwrap();
    ws.example_with(
        "cut.toml",
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"cut.png\"",
    );
    refused(&ws, "cut.toml", "is damaged", "8:10");

    // A PNG header that declares 30,000 × 30,000 pixels.
    let mut huge = png[..33].to_vec();
    huge[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    std::fs::write(ws.path("huge.png"), &huge).unwrap();
    ws.example_with(
        "huge.toml",
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"huge.png\"",
    );
    refused(&ws, "huge.toml", "30000 × 30000 pixels", "8:10");
}

#[test]
fn a_cmyk_jpeg_emblem_is_refused_for_archival_notes_only() {
    let ws = Workspace::new();
    // A JPEG's start with a frame header declaring four channels (CMYK).
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x14, 0x08, 0x00, 0x10, 0x00, 0x10, 0x04,
    ];
    for id in 1..=4u8 {
        jpeg.extend([id, 0x11, 0x00]);
    }
    std::fs::write(ws.path("cmyk.jpg"), &jpeg).unwrap();
    ws.example_with(
        "cmyk.toml",
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"cmyk.jpg\"",
    );
    let run = ws.run(&["check", "cmyk.toml", "--pdf-a", "2b"]);
    run.failure()
        .stderr_has("CMYK")
        .stderr_has("cmyk.toml:8:10");
}

#[test]
fn thousands_of_problems_give_a_short_report() {
    let ws = Workspace::new();
    let mut text = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    for i in 0..3000 {
        text.push_str(&format!("\n[[member]]\nrole = \"hed{i}\"\nname = \"N\"\n"));
    }
    ws.write("many.toml", &text);
    let run = ws.run(&["check", "many.toml"]);
    run.failure()
        .stderr_has("more problems are not listed")
        .stderr_has("3000 problems found");
    assert!(run.stderr.len() < 40_000, "{} bytes", run.stderr.len());
    let json = ws.run(&["check", "many.toml", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["errors"].as_array().unwrap().len(), 51);
}

#[test]
fn a_file_that_is_not_utf8_is_placed_in_the_json_report() {
    let ws = Workspace::new();
    let mut bytes = ws.read("7msp.toml");
    bytes.extend_from_slice(b"\n# caf\xe9\n");
    std::fs::write(ws.path("latin1.toml"), bytes).unwrap();
    let run: Run = ws.run(&["check", "latin1.toml", "--json"]);
    run.failure();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"][0]["line"], 36);
    assert_eq!(report["errors"][0]["column"], 6);
}

#[test]
fn meeting_ids_name_files_every_system_can_open() {
    for id in ["CON", "nul", "com1", "LPT9", "aux.notes"] {
        let ws = Workspace::new();
        ws.example_with("id.toml", "id = \"ccm-7msp\"", &format!("id = \"{id}\""));
        refused(&ws, "id.toml", "names a device on Windows", "11:6");
    }
    let ws = Workspace::new();
    ws.example_with("ok.toml", "id = \"ccm-7msp\"", "id = \"console-2026\"");
    ws.run(&["check", "ok.toml"]).success();
    let long = "m".repeat(150);
    ws.example_with(
        "long.toml",
        "id = \"ccm-7msp\"",
        &format!("id = \"{long}\""),
    );
    refused(
        &ws,
        "long.toml",
        "more than the 100 a file name can take",
        "11:6",
    );

    let ws = Workspace::new();
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let meeting_start = example.find("[[meeting]]").unwrap();
    let member_start = example.find("[[member]]").unwrap();
    let second =
        example[meeting_start..member_start].replace("id = \"ccm-7msp\"", "id = \"CCM-7MSP\"");
    let text = format!(
        "{}{second}{}",
        &example[..member_start],
        &example[member_start..]
    );
    ws.write("case.toml", &text);
    let run = ws.run(&["check", "case.toml"]);
    run.failure()
        .stderr_has("meeting id `CCM-7MSP` is used twice")
        .stderr_has("differ only in case");
}

#[test]
fn a_letter_whose_lower_case_is_longer_or_shorter_does_not_upset_hyphenation() {
    let ws = Workspace::new();
    let name = "la Oficina de asuntosⱤdesarmamientosⱤinternacionales y desarmamientoɽɽɽ";
    ws.example_in_three_languages(
        "es.toml",
        "es = \"la Oficina de Asuntos de Desarme (Subdivisión de Ginebra)\"",
        &format!("es = \"{name}\""),
    );
    ws.run(&["generate", "es.toml", "--lang", "es", "-o", "out"])
        .success();
    let text = Pdf::parse(&ws.read("out/ccm-7msp.es.pdf")).text();
    assert!(
        text.replace('\n', " ")
            .contains("asuntosⱤdesarmamientosⱤinternacionales"),
        "{text}"
    );
}

#[test]
fn templates_that_include_themselves_are_refused_at_the_include() {
    let ws = Workspace::new();
    // A part made from a kind of note includes itself.
    ws.run(&[
        "templates",
        "new",
        "closing",
        "--from",
        "delegation",
        "-o",
        "mine",
    ])
    .success();
    for args in [
        vec!["check", "7msp.toml", "--templates", "mine"],
        vec!["generate", "7msp.toml", "--templates", "mine", "-o", "out"],
        vec!["templates", "check", "--templates", "mine"],
    ] {
        ws.run(&args)
            .failure()
            .stderr_has("comes back to itself")
            .stderr_has("en/closing.hbs:16:1");
    }
    assert!(ws.files_in("out").is_empty());

    let deep = "{{#if mission.state}}".repeat(20_000);
    std::fs::create_dir_all(ws.path("deep/en")).unwrap();
    ws.write("deep/en/delegation.hbs", &deep);
    ws.run(&["check", "7msp.toml", "--templates", "deep"])
        .failure()
        .stderr_has("nested more than 32 deep")
        .stderr_has("delegation.hbs:1:");
}

#[test]
fn keys_nested_too_deep_are_placed() {
    let ws = Workspace::new();
    let key = vec!["a"; 100].join(".");
    ws.example_with(
        "deep.toml",
        "language = \"en\"",
        &format!("language = \"en\"\n{key} = 1"),
    );
    let run = ws.run(&["check", "deep.toml"]);
    run.failure()
        .stderr_has("recursion")
        .stderr_has("deep.toml:3:1");
}

#[test]
fn an_address_longer_than_its_block_is_refused() {
    let ws = Workspace::new();
    let lines: Vec<String> = (0..80).map(|i| format!("\"Line {i}\"")).collect();
    ws.example_with(
        "address.toml",
        "address = [\"United Nations Office at Geneva\", \"Palais des Nations, room C.117\", \"CH-1211 Geneva 10\"]",
        &format!("address = [{}]", lines.join(", ")),
    );
    refused(
        &ws,
        "address.toml",
        "more than the 8 an address block holds",
        "21:11",
    );
}

/// A delegation file reading its members from `sheet`.
fn members_from(ws: &Workspace, name: &str, sheet: &str) {
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let top = &example[..example.find("[[member]]").unwrap()];
    ws.write(name, &format!("{top}[members]\nfrom = \"{sheet}\"\n"));
}

/// `import` refuses the sheet, and so do `check` and `generate` of a file reading it, with
/// `message` and `place`; nothing is written.
#[track_caller]
fn sheet_refused(ws: &Workspace, sheet: &str, message: &str, place: &str) {
    ws.run(&["import", sheet])
        .failure()
        .stderr_has(message)
        .stderr_has(place);
    let file = format!("{sheet}.toml");
    members_from(ws, &file, sheet);
    for args in [vec!["check", &file], vec!["generate", &file, "-o", "out"]] {
        ws.run(&args)
            .failure()
            .stderr_has(message)
            .stderr_has(place);
    }
    assert!(ws.files_in("out").is_empty(), "{:?}", ws.files_in("out"));
}

/// An archive of `parts`, deflated.
fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// An `.ods` file whose first sheet holds `rows` (`table:table-row` elements).
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>\
         <office:spreadsheet><table:table table:name=\"Members\">{rows}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    zipped(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ])
}

/// An ODS row of text cells.
fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<table:table-cell office:value-type=\"string\"><text:p>{c}</text:p></table:table-cell>"))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// The `.xlsx` file of a header and one member, as Excel would write it.
fn xlsx(far: bool) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header, member) in [(0, "Name", "Ana Müller"), (1, "Role", "head")] {
        sheet.write_string(0, column, header).unwrap();
        sheet.write_string(1, column, member).unwrap();
    }
    if far {
        sheet.write_string(1_048_575, 16_383, "stray").unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

/// The parts of an archive, with `part` replaced (or added).
fn with_part(archive: &[u8], part: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().to_string(), content)
        })
        .filter(|(name, _)| name != part)
        .collect();
    parts.push((part.to_string(), bytes.to_vec()));
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zipped(&parts)
}

#[test]
fn a_sheet_is_sized_by_the_cells_it_holds_not_by_its_declared_dimension() {
    let ws = Workspace::new();
    // A1 and XFD1048576: a grid of 17 billion cells, two of which hold something.
    let far = xlsx(true);
    assert!(far.len() < 10_000, "{}", far.len());
    std::fs::write(ws.path("far.xlsx"), far).unwrap();
    sheet_refused(
        &ws,
        "far.xlsx",
        "a column without a header holds a value",
        "far.xlsx, sheet \"Sheet1\", row 1048576",
    );
    // The same in an `.ods`, a million empty rows written as one.
    let rows = format!(
        "{}{}<table:table-row table:number-rows-repeated=\"1048573\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
         <table:table-row><table:table-cell table:number-columns-repeated=\"16383\"/><table:table-cell office:value-type=\"string\"><text:p>stray</text:p></table:table-cell></table:table-row>",
        ods_row(&["Name", "Role"]),
        ods_row(&["Ana Müller", "head"]),
    );
    std::fs::write(ws.path("far.ods"), ods(&rows)).unwrap();
    sheet_refused(
        &ws,
        "far.ods",
        "a column without a header holds a value",
        "far.ods, sheet \"Members\", row 1048576",
    );
    // A row of one value repeated over every column, a million times.
    let wide = format!(
        "{}<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
        ods_row(&["Name", "Role"]),
    );
    std::fs::write(ws.path("wide.ods"), ods(&wide)).unwrap();
    sheet_refused(
        &ws,
        "wide.ods",
        "has more than 200000 cells that hold something",
        "passed at row 14",
    );
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused() {
    let ws = Workspace::new();
    // One shared string of 40 MB of one letter: a small file on disk.
    let mut strings = b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>".to_vec();
    strings.resize(strings.len() + (40 << 20), b'a');
    strings.extend_from_slice(b"</t></si></sst>");
    let bomb = with_part(&xlsx(false), "xl/sharedStrings.xml", &strings);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    std::fs::write(ws.path("bomb.xlsx"), bomb).unwrap();
    sheet_refused(
        &ws,
        "bomb.xlsx",
        "`bomb.xlsx` unpacks to more than 32 MB",
        "its part `xl/sharedStrings.xml` alone is larger",
    );
    // The same for an `.ods`'s one cell.
    let mut cell = ods_row(&["Name"]).into_bytes();
    cell.resize(cell.len() + (40 << 20), b'a');
    let content = String::from_utf8(cell).unwrap();
    std::fs::write(ws.path("bomb.ods"), ods(&content)).unwrap();
    sheet_refused(
        &ws,
        "bomb.ods",
        "`bomb.ods` unpacks to more than 32 MB",
        "`content.xml` alone is larger",
    );
    // Parts each under the limit, together over the whole's.
    let pad = vec![b' '; 30 << 20];
    let mut padded = xlsx(false);
    for part in ["docProps/a.xml", "docProps/b.xml", "docProps/c.xml"] {
        padded = with_part(&padded, part, &pad);
    }
    std::fs::write(ws.path("padded.xlsx"), padded).unwrap();
    sheet_refused(
        &ws,
        "padded.xlsx",
        "`padded.xlsx` unpacks to more than 64 MB",
        "passed at its part `docProps/c.xml`",
    );
}

/// Runs `verbale ARGS`, killing it after `seconds`: a run that waits for ever fails the test.
fn run_within(ws: &Workspace, args: &[&str], seconds: u64) -> Run {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_verbale"))
        .args(args)
        .current_dir(ws.path("."))
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`verbale {}` still ran after {seconds} s", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The example, numbered by the register.
fn numbered(ws: &Workspace, name: &str, pattern: &str) {
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let text = example
        .replacen(
            "email = \"mission.examplestan@example.org\"",
            &format!(
                "email = \"mission.examplestan@example.org\"\nreference_pattern = \"{pattern}\""
            ),
            1,
        )
        .replacen("reference = \"GVA/2017/0815\"", "reference = \"auto\"", 1);
    ws.write(name, &text);
}

#[test]
fn verify_reads_only_regular_files() {
    let ws = Workspace::new();
    numbered(&ws, "auto.toml", "GVA/{year}/{seq:04}");
    ws.run(&["generate", "auto.toml", "-o", "out"]).success();
    let made = std::process::Command::new("mkfifo")
        .arg(ws.path("pipe.pdf"))
        .status()
        .unwrap();
    assert!(made.success());
    for file in ["pipe.pdf", "/dev/zero", "out"] {
        run_within(&ws, &["register", "verify", file], 20)
            .failure()
            .stderr_has(&format!("cannot read `{file}`: it is"));
    }
    ws.run(&["register", "verify", "out/ccm-7msp.en.pdf"])
        .success()
        .stdout_has("GVA/2017/0001");
}

#[test]
fn a_reference_pattern_with_a_character_a_note_cannot_carry_is_refused_at_its_line() {
    for (pattern, message, place) in [
        (
            "GVA/\\u0000{year}/{seq:04}",
            "`reference_pattern` contains the control character U+0000",
            "10:21",
        ),
        (
            "GVA/\u{E000}{year}/{seq:04}",
            "`reference_pattern` contains `\u{E000}` (U+E000), for which the font has no glyph",
            "10:26",
        ),
        (
            "GVA/\u{202E}{year}/{seq:04}",
            "`reference_pattern` contains a bidirectional control character",
            "10:26",
        ),
    ] {
        let ws = Workspace::new();
        numbered(&ws, "pattern.toml", pattern);
        refused(&ws, "pattern.toml", message, place);
        assert!(!ws.path("register.sqlite").exists());
    }
}
