//! `verbale serve`'s emblem and seal upload (`POST /api/picture`): the picture written beside
//! the delegation file, the field naming it, the notes printing it; a GIF, an oversized file,
//! a name with a folder and a different file of the same name refused with a clear message.

use serde_json::json;

use crate::support::pdf::Pdf;
use crate::support::serve::{Answer, Server};
use crate::support::{root, Workspace};

const FILE: &str = "7msp.toml";

fn upload(server: &Server, file: &str, bytes: &[u8]) -> Answer {
    let origin = server.origin();
    let target = server.with_token(&format!("/api/picture?name={FILE}&file={file}"));
    server.request("POST", &target, &[("Origin", &origin)], Some(bytes))
}

/// The example without its emblem, served.
fn start(ws: &Workspace) -> Server {
    let text = String::from_utf8(ws.read(FILE)).unwrap();
    let line = text.lines().find(|l| l.starts_with("emblem =")).unwrap();
    ws.write(FILE, &text.replace(&format!("{line}\n"), ""));
    Server::start(ws.dir.path(), &[FILE])
}

#[test]
fn an_uploaded_emblem_is_written_beside_the_file_named_in_it_and_printed() {
    let ws = Workspace::new();
    let server = start(&ws);
    let form = server.post(
        "/api/form",
        &json!({ "name": FILE, "text": String::from_utf8(ws.read(FILE)).unwrap() }),
    );
    let html = form.json()["html"].as_str().unwrap().to_string();
    assert!(html.contains("id=\"upload-emblem\"") && html.contains("id=\"upload-seal\""));

    let png = std::fs::read(root().join("examples/examplestan-seal.png")).unwrap();
    let answer = upload(&server, "crest.png", &png);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(ws.read("crest.png"), png);

    let file = server.get("/api/file?name=7msp.toml").json();
    let edited = server.post(
        "/api/edit",
        &json!({ "name": FILE, "text": file["text"], "edits": [{ "path": "mission.emblem", "value": "crest.png" }] }),
    );
    let text = edited.json()["text"].as_str().unwrap().to_string();
    assert!(text.contains("emblem = \"crest.png\""), "{text}");
    let saved = server.post(
        "/api/save",
        &json!({ "name": FILE, "text": text, "version": file["version"] }),
    );
    let version = saved.json()["version"].clone();
    let issued = server.post("/api/issue", &json!({ "name": FILE, "version": version }));
    assert_eq!(issued.status, 200, "{}", issued.text());
    let pdf = Pdf::parse(&ws.read("out/ccm-7msp.en.pdf"));
    assert_eq!(pdf.images_on_page(0), 1, "the emblem is printed");
}

#[test]
fn a_gif_an_oversized_file_a_folder_or_another_file_of_that_name_is_refused() {
    let ws = Workspace::new();
    let server = start(&ws);
    let gif = b"GIF89a\x01\0\x01\0\0\0\0;";
    let answer = upload(&server, "crest.gif", gif);
    assert_eq!(answer.status, 422);
    assert!(
        answer.text().contains("`.png`, `.jpg` or `.jpeg`"),
        "{}",
        answer.text()
    );
    let answer = upload(&server, "crest.png", gif);
    assert_eq!(answer.status, 422);
    assert!(
        answer.json()["error"] == "`crest.png` is not a PNG or JPEG image",
        "{}",
        answer.text()
    );
    assert!(!ws.path("crest.png").exists());

    let mut large = std::fs::read(root().join("examples/examplestan-seal.png")).unwrap();
    large.resize(11 << 20, 0);
    let answer = upload(&server, "crest.png", &large);
    assert_eq!(answer.status, 413);
    assert!(
        answer
            .text()
            .contains("larger than the 10 MB an emblem or seal may have"),
        "{}",
        answer.text()
    );
    large.resize(30 << 20, 0);
    let answer = upload(&server, "crest.png", &large);
    assert_eq!(answer.status, 413);
    assert!(
        answer.text().contains("larger than the 10 MB"),
        "{}",
        answer.text()
    );

    let png = std::fs::read(root().join("examples/examplestan-seal.png")).unwrap();
    let answer = upload(&server, "..%2Fcrest.png", &png);
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(!ws.dir.path().parent().unwrap().join("crest.png").exists());

    let before = ws.read("examplestan-emblem.png");
    let answer = upload(&server, "examplestan-emblem.png", &png);
    assert_eq!(answer.status, 409);
    assert!(
        answer.text().contains("with other contents"),
        "{}",
        answer.text()
    );
    assert_eq!(ws.read("examplestan-emblem.png"), before, "not replaced");
    let target = server.with_token(&format!(
        "/api/picture?name={FILE}&file=examplestan-emblem.png&replace=true"
    ));
    let origin = server.origin();
    let replaced = server.request("POST", &target, &[("Origin", &origin)], Some(&png));
    assert_eq!(replaced.status, 200, "{}", replaced.text());
    assert_eq!(ws.read("examplestan-emblem.png"), png);
}
