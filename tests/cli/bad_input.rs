//! Every kind of bad input: a clear message with file, line and column, a non-zero exit, and no
//! file written.

use crate::support::{Run, Workspace};

/// Runs `generate` on a file and checks that it failed cleanly, writing nothing.
fn rejected(ws: &Workspace, file: &str) -> Run {
    let run = ws.run(&["generate", file, "-o", "out"]);
    run.failure();
    assert!(
        ws.files_in("out").is_empty(),
        "files were written: {:?}",
        ws.files_in("out")
    );
    assert!(
        run.stderr.contains("nothing was written") || run.stderr.contains("error:"),
        "{}",
        run.stderr
    );
    run
}

/// The example with one change, rejected with the given message at `file:line:column`.
#[track_caller]
fn case(from: &str, to: &str, message: &str, location: &str) -> Run {
    let ws = Workspace::new();
    ws.example_with("bad.toml", from, to);
    let run = rejected(&ws, "bad.toml");
    run.stderr_has(message)
        .stderr_has(&format!("bad.toml:{location}"));
    let check = ws.run(&["check", "bad.toml"]);
    check.failure().stderr_has(message);
    run
}

#[test]
fn toml_syntax_error() {
    case(
        "reference = \"GVA/2017/0815\"",
        "reference = \"GVA/2017/0815",
        "invalid TOML",
        "16:",
    );
}

#[test]
fn unknown_field_with_a_suggestion() {
    case(
        "short_name =",
        "shortname =",
        "unknown field `shortname` in `[mission]`",
        "6:1",
    )
    .stderr_has("did you mean `short_name`?");
}

#[test]
fn a_date_written_as_text() {
    case(
        "start = 2017-09-04",
        "start = \"2017-09-04\"",
        "`start` must be a date, not a string",
        "14:9",
    )
    .stderr_has("remove the quotes");
}

#[test]
fn a_wrong_type() {
    case(
        "address = [",
        "address = 12 #",
        "`address` must be an array of strings, not an integer",
        "21:11",
    );
}

#[test]
fn a_missing_required_field() {
    case(
        "city = \"Geneva\"                                                   # place line",
        "# city removed",
        "missing field `city` in `[mission]`",
        "",
    );
}

#[test]
fn an_unknown_role() {
    case(
        "role = \"adviser\"",
        "role = \"advisor\"",
        "unknown role `advisor`",
        "31:8",
    )
    .stderr_has("did you mean `adviser`?");
}

#[test]
fn no_head_of_delegation() {
    case(
        "role = \"head\"     ",
        "role = \"deputy\"   ",
        "has no head of delegation",
        "",
    );
}

#[test]
fn two_heads() {
    case(
        "role = \"adviser\"",
        "role = \"head\"",
        "has 2 heads of delegation",
        "31:8",
    );
}

#[test]
fn end_before_start() {
    case(
        "end = 2017-09-06",
        "end = 2017-09-01",
        "the meeting ends (2017-09-01) before it starts (2017-09-04)",
        "15:7",
    );
}

#[test]
fn a_day_that_does_not_exist() {
    case(
        "date = 2017-08-15",
        "date = 2017-02-30",
        "invalid TOML",
        "17:8",
    );
}

#[test]
fn a_missing_emblem() {
    case(
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"nowhere.png\"",
        "cannot read the emblem",
        "8:10",
    );
}

#[test]
fn an_emblem_that_is_not_an_image() {
    let ws = Workspace::new();
    ws.write("fake.png", "this is text, not a picture");
    ws.example_with(
        "bad.toml",
        "emblem = \"examplestan-emblem.png\"",
        "emblem = \"fake.png\"",
    );
    rejected(&ws, "bad.toml")
        .stderr_has("is not a PNG or JPEG image")
        .stderr_has("bad.toml:8:10");
}

#[test]
fn a_character_the_font_cannot_draw() {
    case(
        "name = \"Şükrü Çelik\"",
        "name = \"王小明\"",
        "the font has no glyph for `王` (U+738B) in `name`",
        "33:8",
    );
}

#[test]
fn a_meeting_id_that_would_escape_the_folder() {
    case(
        "id = \"ccm-7msp\"",
        "id = \"../../etc/x\"",
        "meeting id `../../etc/x` cannot name a file",
        "11:6",
    );
}

#[test]
fn a_member_limited_to_an_unknown_meeting() {
    case(
        "function = \"First Secretary, Ministry of Foreign Affairs\"",
        "function = \"First Secretary\"\nmeetings = [\"ccm-7mps\"]",
        "no meeting has the id `ccm-7mps`",
        "35:13",
    )
    .stderr_has("did you mean `ccm-7msp`?");
}

#[test]
fn a_name_with_a_line_break() {
    case(
        "name = \"Şükrü Çelik\"",
        "name = \"Şükrü\\nÇelik\"",
        "`name` contains the control character U+000A",
        "33:8",
    );
}

#[test]
fn no_member() {
    let ws = Workspace::new();
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let cut = example.find("[[member]]").unwrap();
    ws.write("bad.toml", &example[..cut]);
    rejected(&ws, "bad.toml").stderr_has("no `[[member]]` in the file");
}

#[test]
fn every_problem_is_reported_at_once() {
    let ws = Workspace::new();
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let bad = example
        .replace("role = \"adviser\"", "role = \"hed\"")
        .replace("end = 2017-09-06", "end = 2017-09-01")
        .replace("short_name =", "shortname =");
    ws.write("bad.toml", &bad);
    let run = rejected(&ws, "bad.toml");
    run.stderr_has("unknown role `hed`")
        .stderr_has("before it starts")
        .stderr_has("unknown field `shortname`")
        .stderr_has("missing field `short_name`")
        .stderr_has("4 problems found");
}

#[test]
fn a_file_that_is_not_utf8() {
    let ws = Workspace::new();
    let mut bytes = std::fs::read(ws.path("7msp.toml")).unwrap();
    bytes.extend_from_slice(b"\n# caf\xe9\n");
    std::fs::write(ws.path("latin1.toml"), bytes).unwrap();
    rejected(&ws, "latin1.toml")
        .stderr_has("is not valid UTF-8")
        .stderr_has("line 36, column 6");
}

#[test]
fn an_empty_file() {
    let ws = Workspace::new();
    ws.write("empty.toml", "  \n");
    rejected(&ws, "empty.toml").stderr_has("`empty.toml` is empty");
}

#[test]
fn a_file_that_does_not_exist() {
    let ws = Workspace::new();
    rejected(&ws, "missing.toml").stderr_has("cannot read `missing.toml`");
}

#[test]
fn an_unknown_language() {
    case(
        "language = \"en\"",
        "language = \"de\"",
        "unknown language `de`",
        "2:12",
    )
    .stderr_has("the choices are `en`");
}
