//! `verbale serve`: the local server's guards (token, Host, Origin, allowed paths, upload
//! size), saving (conflicts, unchanged bytes), form edits that keep the file's comments,
//! the preview's pages and problems, and issuing through the pipeline.

use serde_json::json;

use crate::support::serve::Server;
use crate::support::Workspace;

const FILE: &str = "7msp.toml";

fn start(ws: &Workspace) -> Server {
    Server::start(ws.dir.path(), &[FILE])
}

/// The file's text and version, as the page opens it.
fn open(server: &Server) -> (String, String) {
    let answer = server.get("/api/file?name=7msp.toml");
    assert_eq!(answer.status, 200, "{}", answer.text());
    let file = answer.json();
    (
        file["text"].as_str().unwrap().to_string(),
        file["version"].as_str().unwrap().to_string(),
    )
}

#[test]
fn a_request_without_the_token_is_refused() {
    let ws = Workspace::new();
    let server = start(&ws);
    let none = server.request("GET", "/", &[], None);
    assert_eq!(none.status, 403);
    assert!(none.text().contains("token"), "{}", none.text());
    let wrong = server.request("GET", "/?token=0123", &[], None);
    assert_eq!(wrong.status, 403);
    assert_eq!(server.request("GET", "/api/files", &[], None).status, 403);

    let page = server.get("/");
    assert_eq!(page.status, 200);
    let cookie = page.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    let value = cookie.split(';').next().unwrap();
    let by_cookie = server.request("GET", "/api/files", &[("Cookie", value)], None);
    assert_eq!(by_cookie.status, 200);
    assert_eq!(by_cookie.json()["files"][0]["name"], "7msp.toml");
}

#[test]
fn another_host_is_refused() {
    let ws = Workspace::new();
    let server = start(&ws);
    let target = server.with_token("/");
    let port = server.host.rsplit(':').next().unwrap().to_string();
    for host in [format!("localhost:{port}"), "evil.example".to_string()] {
        let answer = server.request("GET", &target, &[("Host", &host)], None);
        assert_eq!(answer.status, 403, "Host: {host}");
    }
}

#[test]
fn a_change_from_another_origin_is_refused() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (text, version) = open(&server);
    let body =
        json!({ "name": FILE, "text": "language = \"fr\"\n", "version": version }).to_string();
    let target = server.with_token("/api/save");
    for origin in [Some("http://evil.example"), None] {
        let mut headers = vec![("Content-Type", "application/json")];
        headers.extend(origin.map(|o| ("Origin", o)));
        let answer = server.request("POST", &target, &headers, Some(body.as_bytes()));
        assert_eq!(answer.status, 403, "Origin: {origin:?}");
    }
    assert_eq!(String::from_utf8(ws.read(FILE)).unwrap(), text);
}

#[test]
fn a_file_outside_the_ones_given_is_refused() {
    let ws = Workspace::new();
    ws.write("other.toml", "language = \"en\"\n");
    let server = start(&ws);
    for name in [
        "other.toml",
        "../7msp.toml",
        "/etc/passwd",
        "examplestan-emblem.png",
    ] {
        let answer = server.get(&format!("/api/file?name={name}"));
        assert_eq!(answer.status, 404, "{name}: {}", answer.text());
    }
    let answer = server.post(
        "/api/save",
        &json!({ "name": "other.toml", "text": "x = 1\n", "version": "" }),
    );
    assert_eq!(answer.status, 404);
    assert_eq!(ws.read("other.toml"), b"language = \"en\"\n");
    for file in ["..%2F7msp.toml", "7msp.toml", "examplestan-emblem.png"] {
        let answer = server.get(&format!("/download/{file}?name=7msp.toml"));
        assert_eq!(answer.status, 404, "{file}");
    }
}

#[test]
fn an_oversized_upload_is_refused() {
    let ws = Workspace::new();
    let server = start(&ws);
    // One byte more than a delegation file may have (4 MB), as `check` refuses it.
    let text = format!("# {}\n", "x".repeat(4 << 20));
    let answer = server.post(
        "/api/render",
        &json!({ "name": FILE, "text": text, "seq": 1 }),
    );
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert!(
        answer.text().contains("larger than 4 MB"),
        "{}",
        answer.text()
    );
    // Larger than any JSON-escaped file: refused before it is read.
    let huge = "x".repeat(9 << 20);
    let answer = server.post(
        "/api/render",
        &json!({ "name": FILE, "text": huge, "seq": 2 }),
    );
    assert_eq!(answer.status, 413);
}

#[test]
fn saving_over_a_file_changed_on_disk_is_a_conflict() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (text, version) = open(&server);
    let changed = text.replace("Geneva", "Vienna");
    ws.write(FILE, &changed);
    let mine = text.replace("Şükrü Çelik", "Mine");
    let answer = server.post(
        "/api/save",
        &json!({ "name": FILE, "text": mine, "version": version }),
    );
    assert_eq!(answer.status, 409, "{}", answer.text());
    assert!(answer.json()["error"]
        .as_str()
        .unwrap()
        .contains("changed on disk"));
    assert_eq!(String::from_utf8(ws.read(FILE)).unwrap(), changed);
}

#[test]
fn saving_unchanged_gives_the_same_bytes() {
    let ws = Workspace::new();
    let before = ws.read(FILE);
    let server = start(&ws);
    let (text, version) = open(&server);
    let answer = server.post(
        "/api/save",
        &json!({ "name": FILE, "text": text, "version": version }),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["version"], version.as_str());
    assert_eq!(ws.read(FILE), before);
    // No temporary file is left beside it.
    assert_eq!(ws.files_in("."), ["7msp.toml", "examplestan-emblem.png"]);
}

/// The text after the form sets `path` to `value`.
fn edited(server: &Server, text: &str, path: &str, value: &str) -> String {
    edited_in(server, FILE, text, path, value)
}

#[test]
fn a_form_edit_keeps_the_comments() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (text, _) = open(&server);
    let after = edited(&server, &text, "member[0].name", "Zoë Ngata");
    assert_eq!(after, text.replace("Ana Müller-Łódź", "Zoë Ngata"));
    let after = edited(&server, &text, "mission.short_name", "The Mission");
    assert!(
        after.contains("short_name = \"The Mission\"   # used in the closing formula"),
        "{after}"
    );
    assert!(after.starts_with("# Language of the notes"));
}

#[test]
fn the_pages_text_has_the_edited_name() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (text, _) = open(&server);
    let after = edited(&server, &text, "member[0].name", "Zoë Ngata");
    let answer = server.post(
        "/api/render",
        &json!({ "name": FILE, "text": after, "seq": 1 }),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let made = answer.json();
    assert_eq!(made["problems"].as_array().unwrap().len(), 0, "{made}");
    let note = &made["notes"][0];
    assert_eq!(note["stem"], "ccm-7msp.en");
    let page = &note["pages"][0];
    assert!(
        page["text"].as_str().unwrap().contains("Zoë Ngata"),
        "{}",
        page["text"]
    );
    assert!(page["svg"].as_str().unwrap().starts_with("<svg"));
    // Where the time went, for the benchmark.
    assert!(
        made["timing"]["render"].as_f64().unwrap() > 0.0,
        "{}",
        made["timing"]
    );
    assert!(answer
        .header("server-timing")
        .unwrap()
        .contains("draw;dur="));
}

#[test]
fn a_problem_is_shown_with_checks_words_at_its_field() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (text, _) = open(&server);
    let bad = edited(&server, &text, "member[0].role", "hed");
    let answer = server.post(
        "/api/render",
        &json!({ "name": FILE, "text": bad, "seq": 1 }),
    );
    let made = answer.json();
    let problem = &made["problems"][0];
    assert_eq!(problem["message"], "unknown role `hed`", "{made}");
    assert_eq!(problem["hints"][0], "did you mean `head`?");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(25), Some(8))
    );
    assert_eq!(problem["field"], "member[0].role");
    assert_eq!(made["notes"].as_array().unwrap().len(), 0);
}

#[test]
fn issuing_writes_the_notes_and_serves_them_for_download() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (_, version) = open(&server);
    let answer = server.post("/api/issue", &json!({ "name": FILE, "version": version }));
    assert_eq!(answer.status, 200, "{}", answer.text());
    let issued = answer.json();
    let names: Vec<&str> = issued["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ccm-7msp.en.pdf", "ccm-7msp.en.docx"]);
    let url = issued["files"][0]["url"].as_str().unwrap();
    let pdf = server.get(url);
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf.body, ws.read("out/ccm-7msp.en.pdf"));
}

#[test]
fn a_dropped_spreadsheet_adds_its_members_or_shows_problems_at_their_cells() {
    let ws = Workspace::new();
    let server = start(&ws);
    let (text, _) = open(&server);
    let origin = server.origin();
    let upload = |file: &str, bytes: &[u8]| {
        let target = server.with_token(&format!("/api/import?name=7msp.toml&file={file}"));
        server.request("POST", &target, &[("Origin", &origin)], Some(bytes))
    };
    let bad = upload("members.csv", b"Name,Role,Title\nJane Roe,hed,Ms.\n");
    assert_eq!(bad.status, 422, "{}", bad.text());
    let problem = &bad.json()["problems"][0];
    assert_eq!(problem["message"], "unknown role `hed`");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        (&problem["file"], &problem["header"]),
        (&json!("members.csv"), &json!("Role"))
    );

    let good = upload("members.csv", b"Name,Role,Title\nJane Roe,expert,Ms.\n");
    assert_eq!(good.status, 200, "{}", good.text());
    let members = good.json()["members"].as_str().unwrap().to_string();
    let edit = json!({ "name": FILE, "text": text, "op": "append_members", "members": members });
    let after = server.post("/api/edit", &edit).json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        after.starts_with(&text),
        "the file's own text is kept: {after}"
    );
    assert!(after.contains("name = \"Jane Roe\""), "{after}");

    // Larger than `verbale import` reads (16 MB).
    let huge = vec![b'x'; (16 << 20) + 1];
    assert_eq!(upload("members.csv", &huge).status, 413);
}

#[test]
fn a_template_changed_on_disk_renders_again() {
    let ws = Workspace::new();
    let template =
        std::fs::read_to_string(crate::support::root().join("templates/en/delegation.hbs"))
            .unwrap();
    std::fs::create_dir_all(ws.path("mine/en")).unwrap();
    let write = |from: &str, to: &str| {
        assert!(template.contains(from));
        ws.write("mine/en/delegation.hbs", &template.replacen(from, to, 1));
    };
    write(
        "presents its compliments",
        "presents its warmest compliments",
    );
    let server = Server::start(ws.dir.path(), &[FILE, "--templates", "mine"]);
    let (text, _) = open(&server);
    let page_text = |seq: u64| {
        let made = server
            .post(
                "/api/render",
                &json!({ "name": FILE, "text": text, "seq": seq }),
            )
            .json();
        (
            made["notes"][0]["pages"][0]["text"]
                .as_str()
                .unwrap_or("")
                .replace('\n', " "),
            made,
        )
    };
    let stamp = server.get("/api/watch").json()["stamp"].clone();
    assert!(stamp.is_string());
    assert!(page_text(1).0.contains("warmest compliments"));

    // A file's modification time may keep its second: the size changes too.
    write(
        "presents its compliments",
        "presents its very best compliments",
    );
    assert_ne!(server.get("/api/watch").json()["stamp"], stamp);
    assert!(page_text(2).0.contains("very best compliments"));

    write("{{/if}} and has", "{{/iff}} and has");
    let (_, made) = page_text(3);
    let problem = &made["problems"][0];
    assert!(
        problem["file"]
            .as_str()
            .unwrap()
            .ends_with("delegation.hbs"),
        "{made}"
    );
    assert_eq!(problem["line"], 12, "{made}");
}

#[test]
fn a_new_file_starts_from_a_blank_form_in_the_folder_given() {
    let ws = Workspace::new();
    let server = Server::start(ws.dir.path(), &["."]);
    assert_eq!(server.get("/api/files").json()["folder"], true);
    let made = server.post("/api/new", &json!({ "name": "ccm-2027.toml" }));
    assert_eq!(made.status, 200, "{}", made.text());
    let blank = String::from_utf8(ws.read("ccm-2027.toml")).unwrap();
    assert!(blank.contains("[[member]]"), "{blank}");
    let opened = server.get("/api/file?name=ccm-2027.toml").json();
    assert_eq!(opened["text"], blank.as_str());
    let form = server
        .post(
            "/api/form",
            &json!({ "name": "ccm-2027.toml", "text": blank }),
        )
        .json();
    assert!(form["html"]
        .as_str()
        .unwrap()
        .contains("name=\"member[0].name\""));
    // Never over a file, never outside the folder, never beside a single file given.
    assert_eq!(
        server
            .post("/api/new", &json!({ "name": "7msp.toml" }))
            .status,
        409
    );
    assert_eq!(
        server
            .post("/api/new", &json!({ "name": "../x.toml" }))
            .status,
        422
    );
    let single = start(&ws);
    assert_eq!(
        single.post("/api/new", &json!({ "name": "y.toml" })).status,
        403
    );
    assert!(!ws.path("y.toml").exists());
}

#[test]
fn issuing_takes_the_registers_number_for_an_automatic_reference() {
    let ws = Workspace::new();
    let text = crate::register::delegation(&[("a", "2026-01-10", "auto")]);
    ws.write("d.toml", &text);
    let server = Server::start(ws.dir.path(), &["d.toml"]);
    let render = |seq: u64| {
        let made = server.post(
            "/api/render",
            &json!({ "name": "d.toml", "text": text, "seq": seq }),
        );
        made.json()["notes"][0]["pages"][0]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The page shows the number the register would give; none is taken.
    assert!(render(1).contains("GVA/2026/0001"));
    assert!(!ws.path("register.sqlite").exists());

    let version = server.get("/api/file?name=d.toml").json()["version"].clone();
    let answer = server.post(
        "/api/issue",
        &json!({ "name": "d.toml", "version": version }),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let numbered = &answer.json()["numbered"][0];
    assert_eq!(
        (&numbered["note"], &numbered["reference"]),
        (&json!("a.en"), &json!("GVA/2026/0001"))
    );
    assert!(crate::register::pdf_text(&ws, "out/a.en.pdf").contains("GVA/2026/0001"));
    let listed = crate::register::listed(&ws, &["--register", "register.sqlite"]);
    assert_eq!(listed[0].0, "GVA/2026/0001");
    assert!(
        render(2).contains("GVA/2026/0001"),
        "the note keeps its number"
    );
}

#[test]
fn the_registers_notes_are_listed_and_a_dropped_note_verified() {
    let ws = Workspace::new();
    let text = crate::register::delegation(&[("a", "2026-01-10", "auto")]);
    ws.write("d.toml", &text);
    let server = Server::start(ws.dir.path(), &["d.toml"]);
    let listed = server.get("/api/register?name=d.toml").json();
    assert_eq!(listed["notes"].as_array().unwrap().len(), 0, "{listed}");

    let version = server.get("/api/file?name=d.toml").json()["version"].clone();
    let issued = server.post(
        "/api/issue",
        &json!({ "name": "d.toml", "version": version }),
    );
    assert_eq!(issued.status, 200, "{}", issued.text());
    let listed = server.get("/api/register?name=d.toml").json();
    assert_eq!(
        listed["notes"][0]["note"]["reference"], "GVA/2026/0001",
        "{listed}"
    );
    assert_eq!(listed["notes"][0]["latest"]["version"], 1);

    let origin = server.origin();
    let target = server.with_token("/api/verify?name=d.toml");
    let verify = |bytes: &[u8]| {
        server
            .request("POST", &target, &[("Origin", &origin)], Some(bytes))
            .json()
    };
    let pdf = ws.read("out/a.en.pdf");
    let found = verify(&pdf);
    assert_eq!(
        found["found"][0]["note"]["reference"], "GVA/2026/0001",
        "{found}"
    );
    let mut altered = pdf.clone();
    altered.extend_from_slice(b"\n% altered\n");
    assert_eq!(verify(&altered)["found"].as_array().unwrap().len(), 0);
}

#[test]
fn a_text_is_written_by_language_from_the_form() {
    let ws = Workspace::new();
    let example =
        std::fs::read_to_string(crate::support::root().join("examples/bilingual.toml")).unwrap();
    let given = "function = { en = \"Ambassador, Permanent Representative\", fr = \"Ambassadrice, Représentante permanente\" }";
    assert!(example.contains(given));
    let text = example.replacen(given, "function = \"Ambassador\"", 1);
    ws.write("b.toml", &text);
    let server = Server::start(ws.dir.path(), &["b.toml"]);
    let form = server
        .post("/api/form", &json!({ "name": "b.toml", "text": text }))
        .json();
    assert!(form["html"]
        .as_str()
        .unwrap()
        .contains("data-path=\"member[0].function\""));

    let op = json!({ "name": "b.toml", "text": text, "op": "by_language", "path": "member[0].function" });
    let split = server.post("/api/edit", &op).json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        split.contains("function = { en = \"Ambassador\", fr = \"Ambassador\" }"),
        "{split}"
    );
    let french = edited_in(
        &server,
        "b.toml",
        &split,
        "member[0].function.fr",
        "Ambassadrice",
    );
    let made = server
        .post(
            "/api/render",
            &json!({ "name": "b.toml", "text": french, "seq": 1 }),
        )
        .json();
    let pages: Vec<(String, String)> = made["notes"]
        .as_array()
        .unwrap_or_else(|| panic!("{made}"))
        .iter()
        .map(|n| {
            (
                n["stem"].as_str().unwrap().to_string(),
                n["pages"][0]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let fr = pages
        .iter()
        .find(|(stem, _)| stem.ends_with(".fr"))
        .expect("a French note");
    assert!(fr.1.contains("Ambassadrice"), "{}", fr.1);
}

/// The text after the form sets `path` to `value` in the file `name`.
fn edited_in(server: &Server, name: &str, text: &str, path: &str, value: &str) -> String {
    let edit = json!({ "name": name, "text": text, "edits": [{ "path": path, "value": value }] });
    let answer = server.post("/api/edit", &edit);
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()["text"].as_str().unwrap().to_string()
}
