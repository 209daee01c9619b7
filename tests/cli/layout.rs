//! Typesetting on hard input: long titles, a 60-letter word, a 45-member delegation. Nothing is
//! set outside the margins, no line is overfull, and justified lines stretch within the limit.

use verbale::layout::{self, style::MARGIN, Item, MAX_STRETCH};

fn delegation(extra: &str) -> String {
    let example =
        std::fs::read_to_string(crate::support::root().join("examples/7msp.toml")).unwrap();
    format!("{example}\n{extra}")
}

/// Lays out every note of a delegation file written to a temporary folder.
fn laid_out(text: &str) -> Vec<verbale::layout::Layout> {
    let ws = crate::support::Workspace::new();
    let path = ws.write("d.toml", text);
    let env = verbale::Env::builtin(None).unwrap();
    let loaded = verbale::load(&path, &env, &verbale::Overrides::default()).unwrap();
    verbale::plan::jobs(&loaded.delegation)
        .iter()
        .map(|job| {
            let document =
                verbale::note::document(&env, &env.templates, &loaded.delegation, job).unwrap();
            layout::layout(&document, &env.fonts)
        })
        .collect()
}

#[track_caller]
fn within_margins(layout: &verbale::layout::Layout) {
    for (number, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let (left, right) = match item {
                Item::Text(run) => (run.x, run.x + run.width()),
                Item::Emblem { x, width, .. } | Item::Seal { x, width, .. } => (*x, x + width),
            };
            assert!(
                left >= MARGIN - 0.01,
                "page {}: starts at {left} < {MARGIN}",
                number + 1
            );
            assert!(
                right <= layout.width - MARGIN + 0.05,
                "page {}: ends at {right} > {}",
                number + 1,
                layout.width - MARGIN
            );
        }
    }
    for paragraph in &layout.report {
        assert!(paragraph.worst_ratio <= 4.0 * MAX_STRETCH, "{paragraph:?}");
    }
}

#[test]
fn a_300_character_function_stays_within_the_margins() {
    let function = "Senior Counsellor for Multilateral Disarmament, Arms Control and Non-Proliferation Affairs, Directorate-General for International Security, Humanitarian Demining and Victim Assistance, Ministry of Foreign Affairs, International Cooperation and Development of the Republic".to_string() + " of Examplestan";
    assert!(function.len() >= 260);
    let text = delegation(&format!("[[member]]\nrole = \"expert\"\ntitle = \"Dr.\"\nname = \"Long Function\"\nfunction = \"{function}\"\n"));
    for layout in laid_out(&text) {
        within_margins(&layout);
    }
}

#[test]
fn a_name_of_one_60_letter_word_is_cut_not_overfull() {
    let word = "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh";
    assert_eq!(word.len(), 60);
    let long = format!("{word}{word}");
    let text = delegation(&format!(
        "[[member]]\nrole = \"expert\"\nname = \"{long}\"\n"
    ))
    .replace(
        "name = \"Permanent Mission of the Republic of Examplestan to",
        &format!(
            "state = \"{long}\"\nname = \"Permanent Mission of the Republic of Examplestan to"
        ),
    );
    for layout in laid_out(&text) {
        within_margins(&layout);
        let all: String = layout
            .pages
            .iter()
            .map(|p| p.text())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            all.replace(['\n', '\u{ad}'], "").contains(&long),
            "the whole word survives"
        );
    }
}

#[test]
fn a_45_member_delegation_is_set_within_the_margins_with_hyphenation_limits() {
    let mut extra = String::new();
    for i in 0..45 {
        extra.push_str(&format!("[[member]]\nrole = \"adviser\"\ntitle = \"Ms.\"\nname = \"Adviser {i}\"\nfunction = \"Counsellor, Department of International Organizations\"\n"));
    }
    let layouts = laid_out(&delegation(&extra));
    let layout = &layouts[0];
    assert!(layout.pages.len() >= 2);
    within_margins(layout);
    let body = layout
        .report
        .iter()
        .find(|p| p.kind == verbale::document::BlockKind::Body)
        .unwrap();
    assert!(body.worst_ratio <= MAX_STRETCH, "{body:?}");
    assert!(body.hyphenated <= body.lines / 2);
}
