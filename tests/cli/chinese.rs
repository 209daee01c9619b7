//! Notes in Chinese: the font found on the machine or refused with one clear error before
//! anything is written, and lines that break under the kinsoku rules.

use crate::languages::{require_chinese_font, unspaced};
use crate::support::{require, root, Workspace};

/// The Chinese example, copied into the workspace with its emblem.
fn example(ws: &Workspace) {
    for file in ["7msp-zh.toml", "examplestan-emblem.png"] {
        std::fs::copy(root().join("examples").join(file), ws.path(file)).unwrap();
    }
}

#[test]
fn without_a_chinese_font_nothing_is_written() {
    let ws = Workspace::new();
    example(&ws);
    // The system's folders hidden, and `--font-dir` naming a folder that is not there.
    let run = ws.run_with_env(
        &[
            "generate",
            "7msp-zh.toml",
            "-o",
            "out",
            "--font-dir",
            "no-such-fonts",
        ],
        &[("VERBALE_FONT_PATH", "")],
    );
    run.failure()
        .stderr_has("no simplified Chinese font (Noto Serif CJK SC) for the notes in Chinese; searched `no-such-fonts`")
        .stderr_has("= hint: install the Debian package `fonts-noto-cjk`")
        .stderr_has("or give `--font-dir DIR`")
        .stderr_has("nothing was written");
    assert!(ws.files_in("out").is_empty(), "{:?}", ws.files_in("out"));
}

#[test]
fn a_file_in_english_needs_no_chinese_font() {
    let ws = Workspace::new();
    std::fs::copy(root().join("examples/7msp.toml"), ws.path("7msp.toml")).unwrap();
    std::fs::copy(
        root().join("examples/examplestan-emblem.png"),
        ws.path("examplestan-emblem.png"),
    )
    .unwrap();
    ws.run_with_env(
        &["generate", "7msp.toml", "-o", "out"],
        &[("VERBALE_FONT_PATH", "")],
    )
    .success();
}

#[test]
#[ignore = "needs fonts-noto-cjk; run by .ci/run"]
fn the_font_is_found_in_font_dir() {
    require_chinese_font();
    let ws = Workspace::new();
    example(&ws);
    ws.run_with_env(
        &[
            "generate",
            "7msp-zh.toml",
            "-o",
            "out",
            "--font-dir",
            "/usr/share/fonts/opentype/noto",
        ],
        &[("VERBALE_FONT_PATH", "")],
    )
    .success();
    assert_eq!(ws.files_in("out"), ["ccm-7msp.zh.docx", "ccm-7msp.zh.pdf"]);
}

/// Marks that never start a line, and marks that never end one.
const NEVER_FIRST: &str = "，。、：；！？）》」』";
const NEVER_LAST: &str = "（《「『";

/// Opening formulae whose marks fall at every place of a line, by a mission's name one
/// character longer each time: no line of the PDF starts with a closing mark or ends with an
/// opening one, and the text is whole.
#[test]
#[ignore = "needs fonts-noto-cjk and poppler-utils; run by .ci/run"]
fn lines_break_under_the_kinsoku_rules() {
    require_chinese_font();
    let pdftotext = require("pdftotext");
    let ws = Workspace::new();
    example(&ws);
    let source = std::fs::read_to_string(ws.path("7msp-zh.toml")).unwrap();
    let title = "《集束弹药公约》（「第七次」）缔约国会议：『议程』、筹备；报告！问题？结论。";
    let mut checked = 0;
    for extra in 0..24 {
        let name = format!("例{}斯坦", "国".repeat(extra));
        let text = source
            .replace("例斯坦", &name)
            .replace("《集束弹药公约》第七次缔约国会议", title);
        let file = format!("k{extra}.toml");
        ws.write(&file, &text);
        let out = format!("k{extra}");
        ws.run(&["generate", &file, "-o", &out]).success();
        let pdf = ws.path(&format!("{out}/ccm-7msp.zh.pdf"));
        let output = std::process::Command::new(&pdftotext)
            .args(["-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let lines = String::from_utf8_lossy(&output.stdout).into_owned();
        for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(
                !NEVER_FIRST.contains(first),
                "{extra}: a line starts with {first}: {line}\n{lines}"
            );
            assert!(
                !NEVER_LAST.contains(last),
                "{extra}: a line ends with {last}: {line}\n{lines}"
            );
            checked += 1;
        }
        assert!(
            unspaced(&lines).contains(&unspaced(title)),
            "{extra}: {lines}"
        );
    }
    assert!(checked > 24 * 10, "{checked} lines");
}

/// One meeting in five languages under one reference: a note in each, the Chinese one in
/// Chinese.
#[test]
#[ignore = "needs fonts-noto-cjk and poppler-utils; run by .ci/run"]
fn one_meeting_in_five_languages() {
    require_chinese_font();
    let pdftotext = require("pdftotext");
    let ws = Workspace::new();
    for file in ["five-languages.toml", "examplestan-emblem.png"] {
        std::fs::copy(root().join("examples").join(file), ws.path(file)).unwrap();
    }
    ws.run(&["generate", "five-languages.toml", "-o", "out"])
        .success();
    let names: Vec<String> = ["en", "fr", "es", "ru", "zh"]
        .iter()
        .flat_map(|l| [format!("ccm-7msp.{l}.docx"), format!("ccm-7msp.{l}.pdf")])
        .collect();
    let mut found = ws.files_in("out");
    found.sort();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(found, expected);
    let output = std::process::Command::new(&pdftotext)
        .arg(ws.path("out/ccm-7msp.zh.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = unspaced(&String::from_utf8_lossy(&output.stdout));
    for part in [
        "编号：GVA/2017/0815",
        "例斯坦共和国常驻联合国日内瓦办事处和瑞士其他国际组织代表团向联合国裁军事务厅日内瓦办事处致意，并谨通知：出席将于2017年9月4日至6日在日内瓦举行的《集束弹药公约》第七次缔约国会议的例斯坦共和国代表团组成如下：",
        "AnaMüller大使阁下，特命全权大使、常驻代表",
        "Тимур Ерланович Ахметов先生，一等秘书，外交部",
        "2017年8月14日于日内瓦",
    ] {
        assert!(text.contains(&unspaced(part)), "{part}: {text}");
    }
}

/// The five-language example, copied into the workspace with its emblem, with `find` replaced.
fn five_languages_with(ws: &Workspace, find: &str, replace: &str) {
    let text = std::fs::read_to_string(root().join("examples/five-languages.toml")).unwrap();
    assert!(text.contains(find), "{find}");
    ws.write("five.toml", &text.replacen(find, replace, 1));
    std::fs::copy(
        root().join("examples/examplestan-emblem.png"),
        ws.path("examplestan-emblem.png"),
    )
    .unwrap();
}

#[test]
fn an_ideograph_in_a_text_given_in_russian_is_refused_at_its_field() {
    let ws = Workspace::new();
    five_languages_with(
        &ws,
        "ru = \"Постоянное представительство Республики Примерстан\"",
        "ru = \"Постоянное представительство 中\"",
    );
    ws.run_with_env(&["check", "five.toml"], &[("VERBALE_FONT_PATH", "")])
        .failure()
        .stderr_has("the font has no glyph for `中` (U+4E2D) in `short_name`")
        .stderr_has("five.toml:10:");
}

#[test]
#[ignore = "needs fonts-noto-cjk and poppler-utils; run by .ci/run"]
fn a_name_given_once_is_checked_against_every_notes_font() {
    require_chinese_font();
    let pdftotext = require("pdftotext");
    let ws = Workspace::new();
    // `Ł` is in Liberation Serif, not in Noto Serif CJK SC: the Chinese note sets it in
    // Liberation Serif, and the name reads whole in every note.
    five_languages_with(&ws, "name = \"Ana Müller\"", "name = \"Ana Müller-Łódź\"");
    ws.run(&["generate", "five.toml", "-o", "out"]).success();
    let output = std::process::Command::new(&pdftotext)
        .arg(ws.path("out/ccm-7msp.zh.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Ana Müller-Łódź大使阁下"), "{text}");
    // An ideograph given once is printed in the notes in the other languages too, whose font
    // has none: it is refused at the name, before anything is written.
    five_languages_with(&ws, "name = \"Ana Müller\"", "name = \"Ana 王\"");
    ws.run(&["generate", "five.toml", "-o", "out2"])
        .failure()
        .stderr_has("the font has no glyph for `王` (U+738B) in `name`")
        .stderr_has("five.toml:34:8");
    assert!(ws.files_in("out2").is_empty(), "{:?}", ws.files_in("out2"));
}
