//! Fuzzes the whole pipeline in process: delegation files mutated from `examples/`, files made
//! up with names from every script the font covers, and files reading their members from a
//! spreadsheet (`.xlsx`, `.ods`, `.csv`) whose XML parts or bytes are mutated, each read,
//! validated, made into PDF and DOCX in memory, and checked. A case fails when anything panics, when a file that validation
//! accepts cannot be made into notes (`check` would pass where `generate` fails), when a PDF
//! cannot be read back, or when a DOCX part is not well-formed XML. One case in five also makes
//! the notes' mail drafts (`generate --mail`), with made-up copies, and fails when an accepted
//! file's mail cannot be made, a line is over RFC 5322's limits, or a mail parser does not read
//! back its subject, addresses and attachments. Failing inputs are saved to
//! `target/fuzz-failures/` to become regression tests.
//!
//!     cargo run --example fuzz -- [--seconds N] [--seed N]
//!
//! CI runs it for two minutes with a fixed seed, so that a run is repeatable; `bench/fuzz.sh`
//! runs it for hours with new seeds.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

#[path = "fuzz/sheets.rs"]
mod sheets;

use mail_parser::MessageParser;
use sheets::Sheets;
use verbale::mail::{Attach, Draft};
use verbale::pipeline::{self, Settings};
use verbale::Env;

/// A small, seeded generator (xorshift*): the same seed gives the same cases.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn piece(&mut self) -> &'static str {
        PIECES[self.below(PIECES.len())]
    }
}

/// Text that has broken things, or might: every script the font covers, the characters
/// validation must refuse, markup and template syntax, long runs.
const PIECES: &[&str] = &[
    "Müller-Łódź",
    "Nguyễn Thị Minh Khai",
    "Ελένη Παπαδοπούλου",
    "Ольга Иванова",
    "Фёдор Щукин-Ёлкин",
    "Әлия Ғабитқызы Нұрланова",
    "г-жа",
    "Его Превосходительство г-н",
    "№",
    "Şükrü Çelik",
    "Ɽ",
    "ɽ",
    "ß",
    "ﬁ",
    "İ",
    "ǅ",
    "Lefèvre!Dubœuf?",
    "« »",
    "l'Office",
    "les Pays-Bas",
    "la Haye",
    "El Salvador",
    "1er",
    "H.E. Ms.",
    "S. E. Mme",
    "Excma. Sra.",
    "\u{a0}",
    "\u{202f}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{202e}",
    "\u{200f}",
    "\u{2028}",
    "\u{2029}",
    "\u{1680}",
    "\u{85}",
    "\\u0001",
    "\u{ffff}",
    "\u{fdd0}",
    "\u{e000}",
    "\u{10ffff}",
    "א",
    "\u{5b0}",
    "\u{fb1e}",
    "ب",
    "中",
    "😀",
    "{{x}}",
    "{{> en/closing}}",
    "*Star*",
    "_a_",
    "`c`",
    "<b>",
    "&amp;",
    "\\",
    "\"",
    "'",
    "\n",
    "\t",
    "[[member]]",
    "[mission]",
    "::: closing",
    ":::",
    "# ",
    "- ",
    "1. ",
    "= ",
    "{",
    "}",
    "[",
    "]",
    "auto",
    "head",
    "adviser",
    "delegation",
    "observer",
    "amendment",
    "letter",
    "fr",
    "es",
    "en",
    "ru",
    "nom",
    "gen",
    "dat",
    "prep",
    "{ ru = { nom = \"Женева\", prep = \"Женеве\" } }",
    "{ nom = \"\" }",
    "ar",
    "gender",
    "\"f\"",
    "تبلغه",
    "٢٠١٧",
    "لل",
    "\u{64b}",
    "Anna مولر 12/7",
    "2017-09-04",
    "2017-02-30",
    "0000-01-01",
    "9999-12-31",
    "CON",
    "nul",
    "x.y",
    "../x",
    "/dev/zero",
    "/etc/passwd",
    "-",
    "_",
    ".",
];

/// Mutates a delegation file's text.
fn mutate(text: &str, random: &mut Random) -> String {
    let mut text = text.to_string();
    for _ in 0..=random.below(4) {
        let at = floor(&text, random.below(text.len() + 1));
        match random.below(8) {
            0 | 1 => text.insert_str(at, random.piece()),
            2 => {
                let end = floor(&text, (at + random.below(40)).min(text.len()));
                text.replace_range(at..end, "");
            }
            3 => {
                // A value replaced: the text between the next pair of quotes.
                if let Some(open) = text[at..].find('"').map(|i| at + i + 1) {
                    if let Some(close) = text[open..].find('"').map(|i| open + i) {
                        let piece = random.piece().repeat(1 + random.below(3));
                        text.replace_range(open..close, &piece);
                    }
                }
            }
            4 => {
                let line: String = text[at..].lines().next().unwrap_or_default().to_string();
                text.insert_str(at, &format!("{line}\n"));
            }
            5 => {
                let long = random.piece().repeat(1 + random.below(400));
                text.insert_str(at, &long);
            }
            6 => {
                let lines: Vec<&str> = text.lines().collect();
                let (a, b) = (random.below(lines.len()), random.below(lines.len()));
                let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                if !lines.is_empty() {
                    lines.swap(a, b);
                }
                text = lines.join("\n");
            }
            _ => {
                let piece = random.piece();
                text = text.replacen(' ', piece, 1 + random.below(3));
            }
        }
    }
    text
}

/// A valid file whose names come from every script the font covers.
fn made_up(random: &mut Random) -> String {
    let names = [
        "Müller-Łódź",
        "Nguyễn Thị Minh Khai",
        "Ελένη Παπαδοπούλου",
        "Ольга Иванова",
        "Фёдор Щукин-Ёлкин",
        "Әлия Ғабитқызы",
        "Şükrü Çelik",
        "Ñúñez O'Brien",
    ];
    let language = *random.pick(&["en", "fr", "es", "ru", "ar"]);
    let kind = *random.pick(&["delegation", "observer"]);
    let mut text = if language == "ru" {
        made_up_russian(random, kind, &names)
    } else if language == "ar" {
        made_up_arabic(random, kind, &names)
    } else {
        format!(
        "language = \"{language}\"\n\n[mission]\nname = \"la Mission permanente de {}\"\nshort_name = \"la Mission\"\ncity = \"Genève\"\n\n\
[[meeting]]\nid = \"m-{}\"\nkind = \"{kind}\"\ntitle = \"la Réunion {}\"\ncity = \"Genève\"\nstart = 2026-09-0{}\nend = 2026-09-09\n\
reference = \"REF/{}\"\ndate = 2026-08-15\n\n[meeting.recipient]\nname = \"le Bureau {}\"\naddress = [\"Palais des Nations\", \"{}\"]\n",
        random.pick(&names), random.below(1000), random.pick(&names), 1 + random.below(8),
        random.below(10_000), random.pick(&names), random.pick(&names),
    )
    };
    let roles = [
        "deputy",
        "representative",
        "alternate",
        "adviser",
        "expert",
        "member",
    ];
    for index in 0..1 + random.below(12) {
        let role = if index == 0 {
            "head"
        } else {
            random.pick(&roles)
        };
        text.push_str(&format!(
            "\n[[member]]\nrole = \"{role}\"\ntitle = \"{}\"\nname = \"{}\"\nfunction = \"{}\"\n",
            random.pick(&[
                "H.E. Ms.",
                "Mr.",
                "Mme",
                "Sr.",
                "Dr.",
                "г-жа",
                "Его Превосходительство г-н",
                "سعادة السيدة",
                "السيد"
            ]),
            if language == "ar" {
                random.pick(&["ليلى حسن", "عبد الرحمن O'Brien", "Ольга Иванова"])
            } else {
                random.pick(&names)
            },
            random.pick(&names).repeat(1 + random.below(3)),
        ));
    }
    text
}

/// The head of an Arabic file: Arabic names of the mission, meeting and recipient (whose gender
/// an Arabic note needs, `m` or `f`, or left out half the time), Latin, Arabic and other
/// names of people (Latin, Greek and Cyrillic are set in Liberation Serif).
fn made_up_arabic(random: &mut Random, kind: &str, names: &[&str]) -> String {
    let arabic = [
        "ليلى أحمد الحسيني",
        "خالد العمري",
        "نور الهدى",
        "يوسف الخطيب",
    ];
    let person = random.pick(&arabic);
    let gender = *random.pick(&[
        "gender = \"m\"\n",
        "gender = \"f\"\n",
        "",
        "gender = \"x\"\n",
    ]);
    format!(
        "language = \"ar\"\n\n[mission]\nname = \"البعثة الدائمة لجمهورية {person}\"\n\
short_name = \"البعثة الدائمة\"\ncity = \"جنيف\"\nstate = \"جمهورية {person}\"\n\n\
[[meeting]]\nid = \"m-{}\"\nkind = \"{kind}\"\ntitle = \"الاجتماع {}\"\ncity = \"جنيف\"\n\
start = 2026-09-0{}\nend = 2026-09-09\nreference = \"REF/{}\"\ndate = 2026-08-15\n\n\
[meeting.recipient]\nname = \"الأمانة {}\"\n{gender}address = [\"قصر الأمم\", \"{}\"]\n",
        random.below(1000),
        random.pick(names),
        1 + random.below(8),
        random.below(10_000),
        random.pick(&arabic),
        random.pick(names),
    )
}

/// The head of a valid Russian file: every name the Russian formulae decline given in the cases
/// they use (`{ ru = { nom = "…", gen = "…" } }`), the names of people from every script.
fn made_up_russian(random: &mut Random, kind: &str, names: &[&str]) -> String {
    let cities = [
        ("Женева", "Женеве"),
        ("Вена", "Вене"),
        ("Нью-Йорк", "Нью-Йорке"),
    ];
    let (city, city_prep) = *random.pick(&cities);
    let person = random.pick(names);
    format!(
        "language = \"ru\"\n\n[mission]\nname = \"Постоянное представительство {person}\"\n\
short_name = \"Представительство\"\ncity = \"{city}\"\n\
state = {{ ru = {{ nom = \"Республика {person}\", gen = \"Республики {person}\" }} }}\n\n\
[[meeting]]\nid = \"m-{}\"\nkind = \"{kind}\"\n\
title = {{ ru = {{ nom = \"Совещание {}\", gen = \"Совещания\", prep = \"Совещании\" }} }}\n\
city = {{ ru = {{ nom = \"{city}\", prep = \"{city_prep}\" }} }}\nstart = 2026-09-0{}\nend = 2026-09-09\n\
reference = \"REF/{}\"\ndate = 2026-08-15\n\n[meeting.recipient]\n\
name = {{ ru = {{ nom = \"Секретариат\", dat = \"Секретариату {}\" }} }}\naddress = [\"Дворец Наций\", \"{}\"]\n",
        random.below(1000),
        random.pick(names),
        1 + random.below(8),
        random.below(10_000),
        random.pick(names),
        random.pick(names),
    )
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Runs one case: `Ok(true)` when validation accepted the file and its notes were made and
/// checked, `Ok(false)` when validation refused it; `Err` says what went wrong.
fn case(env: &Env, folder: &Path, text: &str) -> Result<bool, String> {
    let path = folder.join("fuzz.toml");
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let settings = Settings::default();
        let Ok(loaded) = verbale::load(&path, env, &settings.overrides) else {
            return Ok(false);
        };
        let made = pipeline::render(env, &loaded, &settings)
            .map_err(|e| format!("validation passed, but the notes cannot be made:\n{e}"))?;
        for note in &made.notes {
            let pdf = lopdf::Document::load_mem(&note.pdf)
                .map_err(|e| format!("{}: the PDF cannot be read back: {e}", note.job.stem))?;
            if pdf.get_pages().is_empty() {
                return Err(format!("{}: the PDF has no page", note.job.stem));
            }
            docx_is_well_formed(&note.docx).map_err(|e| format!("{}: {e}", note.job.stem))?;
        }
        Ok(true)
    }));
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("panic: {message}"))
    })
}

/// A made-up file given the mail's addresses, and copies: none, a few or many, with names from
/// the pieces or without.
fn with_mail(text: &str, random: &mut Random) -> String {
    let count = [0, 1, 3, 120][random.below(4)];
    let copies: Vec<String> = (0..count)
        .map(|i| {
            // Many copies with names that pass, so that long lists are made and read back.
            let name = match count {
                120 => random
                    .pick(&["Müller-Łódź", "Nguyễn Thị Minh Khai", "O'Brien"])
                    .repeat(1 + random.below(3)),
                _ => random.piece().repeat(1 + random.below(4)),
            };
            match random.below(3) {
                0 => format!("\"copy{i}@example.org\""),
                1 => toml_string(&format!("{name} <copy{i}@example.org>")),
                _ => toml_string(&format!("Service {name} du protocole <c{i}@example.org>")),
            }
        })
        .collect();
    text.replacen(
        "[mission]\n",
        "[mission]\nemail = \"mission@example.org\"\n",
        1,
    )
    .replacen(
        "\n[meeting.recipient]\n",
        &format!(
            "mail_cc = [{}]\n\n[meeting.recipient]\nemail = \"secretariat@example.org\"\n",
            copies.join(", ")
        ),
        1,
    )
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Runs one case with mail asked for: validation, the notes and their drafts, each draft
/// checked as [`draft_is_sound`] says.
fn mail_case(env: &Env, folder: &Path, text: &str) -> Result<bool, String> {
    let path = folder.join("fuzz-mail.toml");
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let settings = Settings::new(Default::default(), Some(Attach::PdfAndDocx), false);
        let Ok(loaded) = verbale::load(&path, env, &settings.overrides) else {
            return Ok(false);
        };
        let made = pipeline::render(env, &loaded, &settings)
            .map_err(|e| format!("validation passed, but the mail cannot be made:\n{e}"))?;
        for (note, draft) in made.notes.iter().zip(&made.drafts) {
            draft_is_sound(draft).map_err(|e| format!("{}: {e}", note.job.stem))?;
        }
        Ok(true)
    }));
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("panic: {message}"))
    })
}

/// A draft whose lines keep RFC 5322's limits (998 octets; 78 in the headers we fold), that a
/// mail parser reads back as made, and whose sent form is no draft.
fn draft_is_sound(draft: &Draft) -> Result<(), String> {
    let text = String::from_utf8_lossy(&draft.bytes);
    let (head, _) = text.split_once("\r\n\r\n").ok_or("no end of the headers")?;
    for line in text.split("\r\n") {
        if line.len() > 998 {
            return Err(format!("a line of {} octets", line.len()));
        }
    }
    for line in head.split("\r\n").filter(|line| line.contains("=?")) {
        if line.len() > 78 {
            return Err(format!("a header line of {} octets: {line}", line.len()));
        }
    }
    let message = MessageParser::default()
        .parse(&draft.bytes)
        .ok_or("a mail parser cannot read the draft")?;
    let plain = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if message.subject().map(plain) != Some(plain(&draft.subject)) {
        return Err(format!(
            "the subject reads back as {:?}, not {:?}",
            message.subject(),
            draft.subject
        ));
    }
    let to = message.to().and_then(|a| a.first()).ok_or("no To")?;
    let want: lettre::message::Mailbox = draft.to.parse().map_err(|e| format!("To: {e}"))?;
    if to.address() != Some(want.email.as_ref())
        || to.name().map(plain) != want.name.as_deref().map(plain)
    {
        return Err(format!("To reads back as {to:?}, not {}", draft.to));
    }
    let copies = message.cc().map_or(0, |cc| cc.iter().count());
    if copies != draft.cc.len() {
        return Err(format!("{copies} copies read back, not {}", draft.cc.len()));
    }
    if message.attachment_count() != draft.attachments.len() {
        return Err("the attachments do not read back".into());
    }
    let sent = draft
        .to_send(SystemTime::now())
        .map_err(|e| format!("the message to send cannot be made: {e}"))?;
    if sent.windows(9).any(|w| w == b"X-Unsent:") {
        return Err("the message to send is marked unsent".into());
    }
    Ok(())
}

fn docx_is_well_formed(bytes: &[u8]) -> Result<(), String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("DOCX: {e}"))?;
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).map_err(|e| format!("DOCX: {e}"))?;
        let name = part.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml)
            .map_err(|e| format!("{name} is not UTF-8: {e}"))?;
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => return Err(format!("{name} is not well-formed XML: {e}")),
            }
        }
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let mut seconds = 60u64;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok());
        match (arg.as_str(), value) {
            ("--seconds", Some(v)) => seconds = v,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!("usage: fuzz [--seconds N] [--seed N]");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    // A panic is a finding, reported with its input; the default report would interleave.
    std::panic::set_hook(Box::new(|_| {}));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let examples: Vec<String> = std::fs::read_dir(root.join("examples"))
        .map(|entries| {
            let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            paths
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let env = match Env::builtin(None) {
        Ok(env) => env,
        Err(error) => {
            eprintln!("{error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // The cases run beside copies of the examples' emblem and seal, as the examples do.
    let work = root.join("target/fuzz-work");
    let failures = root.join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&work);
    for image in ["examplestan-emblem.png", "examplestan-seal.png"] {
        let _ = std::fs::copy(root.join("examples").join(image), work.join(image));
    }
    let mut random = Random(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut cases, mut accepted, mut found) = (0usize, 0usize, 0usize);
    let (mut sheet_cases, mut sheet_accepted) = (0usize, 0usize);
    let sheets = Sheets::new(&root, examples.first().map_or("", String::as_str));
    while Instant::now() < deadline {
        let mut sheet = None;
        let text = match random.below(8) {
            0 | 1 => made_up(&mut random),
            2 | 3 => {
                let (text, name, bytes) = sheets.case(&mut random);
                let _ = std::fs::write(work.join(name), &bytes);
                sheet = Some((name, bytes));
                text
            }
            _ if examples.is_empty() => made_up(&mut random),
            _ => {
                let example: &String = random.pick(&examples);
                mutate(example, &mut random)
            }
        };
        cases += 1;
        // One case in five makes the mail too, of a made-up file with addresses half the time.
        let mail = random.below(5) == 0;
        let text = match mail && random.below(2) == 0 {
            true => with_mail(&made_up(&mut random), &mut random),
            false => text,
        };
        let outcome = match mail {
            true => mail_case(&env, &work, &text),
            false => case(&env, &work, &text),
        };
        accepted += usize::from(outcome == Ok(true));
        if sheet.is_some() {
            sheet_cases += 1;
            sheet_accepted += usize::from(outcome == Ok(true));
        }
        if let Err(problem) = outcome {
            found += 1;
            let _ = std::fs::create_dir_all(&failures);
            let saved = failures.join(format!("case-{seed}-{cases}.toml"));
            let _ = std::fs::write(&saved, &text);
            if let Some((name, bytes)) = &sheet {
                let _ = std::fs::write(failures.join(format!("case-{seed}-{cases}-{name}")), bytes);
            }
            eprintln!(
                "FAILED case {cases} (saved as {}):\n{problem}\n",
                saved.display()
            );
        }
    }
    println!(
        "fuzz: {cases} cases ({accepted} valid, made and checked; {sheet_cases} with members from a spreadsheet, {sheet_accepted} of them valid), seed {seed}, {found} failed"
    );
    if found > 0 {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}
