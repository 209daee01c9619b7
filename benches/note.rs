//! Stage by stage cost of one note (the 8-member benchmark note, PDF + DOCX).
//!
//!     cargo bench --bench note

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use verbale::export::pdf::Emblems;
use verbale::{input, layout, note, parse, plan, validate, Env};

fn stages(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/delegation-8.toml");
    let env = Env::builtin(None).expect("built-in templates and fonts");
    let source = input::load(&path).expect("the benchmark file");
    let covers = |_, ch: char| env.fonts.covers(ch);
    let overrides = verbale::Overrides::default();
    let delegation = verbale::load(&path, &env, &overrides)
        .expect("a valid file")
        .delegation;
    let templates = &env.templates;
    let job = plan::jobs(&delegation).remove(0);
    let document = note::document(&env, templates, &delegation, &job).expect("a document");
    let laid_out = layout::layout(&document, &env.fonts);

    let emblems = Emblems::default();
    c.bench_function("parse", |b| {
        b.iter(|| parse::parse(&source).expect("parses"))
    });
    c.bench_function("validate", |b| {
        b.iter(|| {
            validate::validate(
                parse::parse(&source).expect("parses"),
                &source,
                &covers,
                &overrides,
                &[],
            )
            .expect("valid")
        })
    });
    c.bench_function("render template", |b| {
        b.iter(|| env.templates.render(&delegation, &job).expect("renders"))
    });
    c.bench_function("document (template + markup)", |b| {
        b.iter(|| note::document(&env, templates, &delegation, &job).expect("a document"))
    });
    c.bench_function("layout", |b| {
        b.iter(|| layout::layout(&document, &env.fonts))
    });
    c.bench_function("pdf export", |b| {
        b.iter(|| {
            verbale::export::pdf::export(&document, &laid_out, &env.fonts, &Emblems::default())
                .expect("a PDF")
        })
    });
    c.bench_function("docx export", |b| {
        b.iter(|| verbale::export::docx::export(&document, &laid_out).expect("a DOCX"))
    });
    c.bench_function("whole note", |b| {
        b.iter(|| note::render(&env, templates, &delegation, &job, &emblems).expect("a note"))
    });
    c.bench_function("environment (fonts + templates, once per run)", |b| {
        b.iter(|| Env::builtin(None).expect("env"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
