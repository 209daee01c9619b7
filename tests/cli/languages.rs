//! Notes in English, French, Spanish and Russian, and every kind of note: the formulae word for word, the
//! agreed articles, the dates, and every name, in both files.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::Workspace;

/// Text with line breaks, no-break spaces and typographic apostrophes made plain, to compare
/// wording.
fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Generates `file` (copied from `examples/`) with extra arguments; returns (PDF text, DOCX text).
fn render(ws: &Workspace, file: &str, args: &[&str]) -> (String, String) {
    let source = crate::support::root().join("examples").join(file);
    std::fs::copy(&source, ws.path(file)).unwrap();
    let out = format!("out-{file}-{}", args.join("-"));
    let mut all = vec!["generate", file, "-o", out.as_str()];
    all.extend_from_slice(args);
    ws.run(&all).success();
    let mut pdf = String::new();
    let mut docx = String::new();
    for name in ws.files_in(&out) {
        let bytes = ws.read(&format!("{out}/{name}"));
        if name.ends_with(".pdf") {
            pdf = Pdf::parse(&bytes).text();
        } else {
            docx = Docx::parse(&bytes).all_text();
        }
    }
    (pdf, docx)
}

#[track_caller]
fn says(files: &(String, String), parts: &[&str]) {
    let (pdf, docx) = (flat(&files.0), flat(&files.1));
    for part in parts {
        let part = flat(part);
        assert!(pdf.contains(&part), "PDF lacks {part:?}:\n{pdf}");
        assert!(docx.contains(&part), "DOCX lacks {part:?}:\n{docx}");
    }
}

#[test]
fn a_french_note_agrees_its_articles() {
    let ws = Workspace::new();
    let files = render(&ws, "valdoran-fr.toml", &[]);
    says(&files, &[
        "Réf. : VAL/GE/2017/114",
        "La Mission permanente du Valdoran auprès de l'Office des Nations Unies et des autres organisations internationales à Genève présente ses compliments au Bureau des affaires de désarmement (Service de Genève) et a l'honneur de lui communiquer la composition de la délégation du Valdoran à la septième Assemblée des États parties à la Convention sur les armes à sous-munitions, qui se tiendra à Genève du 4 au 6 septembre 2017, comme suit :",
        "Chef de délégation S. E. M. Jean-Baptiste Ngoma, Ambassadeur, Représentant permanent",
        "Représentante suppléante Mme Hélène Lefèvre-Dubœuf",
        "Conseillers M. François Çakır",
        "Mme Aïcha Ouédraogo",
        "La Mission permanente du Valdoran saisit cette occasion pour renouveler au Bureau des affaires de désarmement (Service de Genève) les assurances de sa très haute considération.",
        "Genève, le 1er août 2017",
        "Bureau des affaires de désarmement (Service de Genève) Office des Nations Unies à Genève",
    ]);
    // French spacing: a narrow no-break space before the colon.
    assert!(files.0.contains("comme suit\u{202f}:"), "PDF: {}", files.0);
    assert!(files.1.contains("comme suit\u{202f}:"));
}

#[test]
fn a_spanish_note_agrees_its_articles() {
    let ws = Workspace::new();
    let files = render(&ws, "ejemplia-es.toml", &[]);
    says(&files, &[
        "Ref.: MPE/GIN/2017/0432",
        "La Misión Permanente de la República de Ejemplia ante la Oficina de las Naciones Unidas y otros organismos internacionales en Ginebra saluda atentamente a la Oficina de Asuntos de Desarme (Subdivisión de Ginebra) y tiene el honor de comunicarle la composición de su delegación a la Séptima Reunión de los Estados Partes en la Convención sobre Municiones en Racimo, que se celebrará en Ginebra del 4 al 6 de septiembre de 2017, como sigue:",
        "Jefa de delegación Excma. Sra. María José Núñez Peña",
        "Representante Sr. Íñigo Ibáñez",
        "Experta Sra. Begoña Ruiz",
        "La Misión Permanente de la República de Ejemplia aprovecha la oportunidad para reiterar a la Oficina de Asuntos de Desarme (Subdivisión de Ginebra) las seguridades de su más alta consideración.",
        "Ginebra, 15 de agosto de 2017",
    ]);
}

#[test]
fn an_observer_note_never_says_state_party() {
    let ws = Workspace::new();
    let en = render(&ws, "observer.toml", &[]);
    says(&en, &[
        "and has the honour to inform it that the Kingdom of Norvania will participate as an observer in the Seventh Meeting of States Parties to the Convention on Cluster Munitions, to be held in Geneva from 4 to 6 September 2017, and to communicate the composition of its observer delegation, as follows:",
        "Henrik Ødegård",
    ]);
    let fr = render(&ws, "observer.toml", &["--lang", "fr"]);
    says(&fr, &[
        "et a l'honneur de l'informer que le Royaume de Norvanie participera en qualité d'observateur à la septième Assemblée",
        "La Mission permanente du Royaume de Norvanie saisit cette occasion pour renouveler au Bureau",
    ]);
    for text in [&en.0, &fr.0] {
        let text = flat(text).to_lowercase();
        assert!(
            !text.contains("state party")
                && !text.contains("État partie".to_lowercase().as_str())
                && !text.contains("etat partie")
        );
    }
}

#[test]
fn an_amendment_cites_the_earlier_note_and_lists_each_change() {
    let ws = Workspace::new();
    let files = render(&ws, "amendment.toml", &[]);
    says(&files, &[
        "has the honour to refer to its note verbale No. GVA/2017/0815 of 15 August 2017 concerning the composition of its delegation to the Seventh Meeting",
        "and to inform it of the following changes:",
        "Additions Ms. Nguyễn Thị Lan, Second Secretary",
        "Withdrawals Mr. Şükrü Çelik, First Secretary, Ministry of Foreign Affairs",
        "New head of delegation Mr. Dmitri Volkov-Ørsted, Chargé d'affaires a.i.",
    ]);
}

#[test]
fn a_letter_is_first_person_and_signed() {
    let ws = Workspace::new();
    let files = render(&ws, "letter.toml", &[]);
    says(&files, &[
        "Geneva, 16 August 2017",
        "Office for Disarmament Affairs, Geneva Branch United Nations Office at Geneva",
        "CH-1211 Geneva 10 Subject: Delegation to the Seventh Meeting of States Parties Dear Sir or Madam,",
        "I have the honour to communicate the composition of the delegation of the International Campaign for Humanitarian Disarmament to the Seventh Meeting",
        "Members Mr. Tomás Ó Briain, Policy Adviser",
        "Accept, Sir/Madam, the assurances of my highest consideration. Dr. Amara Okafor-Lindqvist Director",
    ]);
    let pdf = flat(&files.0);
    assert!(
        !pdf.contains("presents its compliments") && !pdf.contains("avails itself"),
        "no third-person formulae"
    );
}

/// A file that names everything in six languages (Russian names in the cases the templates
/// use, the recipient's gender for Arabic), to render every kind in every language.
pub const TRILINGUAL: &str = r#"
language = "en"

[mission]
name = { en = "Permanent Mission of Examplestan to the United Nations Office and other international organizations in Geneva", fr = "la Mission permanente de l’Exemplestan auprès de l’Office des Nations Unies et des autres organisations internationales à Genève", es = "la Misión Permanente de Ejemplistán ante la Oficina de las Naciones Unidas y otros organismos internacionales en Ginebra", ru = "Постоянное представительство Примерстана при Отделении Организации Объединенных Наций и других международных организациях в Женеве", zh = "示例国常驻联合国日内瓦办事处和瑞士其他国际组织代表团", ar = "البعثة الدائمة لمثالستان لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف" }
short_name = { en = "Permanent Mission of Examplestan", fr = "la Mission permanente de l’Exemplestan", es = "la Misión Permanente de Ejemplistán", ru = { nom = "Постоянное представительство Примерстана", gen = "Постоянного представительства Примерстана" }, zh = "示例国常驻代表团", ar = "البعثة الدائمة لمثالستان" }
city = { en = "Geneva", fr = "Genève", es = "Ginebra", ru = "Женева", zh = "日内瓦", ar = "جنيف" }

[signatory]
name = "Ana Müller-Łódź"
title = { en = "Director", fr = "Directrice", es = "Directora", ru = "Директор", zh = "主任", ar = "المديرة" }

[[meeting]]
id = "m"
kind = "KIND"
amends = { reference = "GVA/2017/0815", date = 2017-08-01 }
title = { en = "Seventh Meeting of States Parties to the Convention on Cluster Munitions", fr = "la septième Assemblée des États parties à la Convention sur les armes à sous-munitions", es = "la Séptima Reunión de los Estados Partes en la Convención sobre Municiones en Racimo", ru = { nom = "седьмое Совещание государств — участников Конвенции по кассетным боеприпасам", gen = "седьмого Совещания государств — участников Конвенции по кассетным боеприпасам", prep = "седьмом Совещании государств — участников Конвенции по кассетным боеприпасам" }, zh = "《集束弹药公约》第七次缔约国会议", ar = "الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية" }
city = { en = "Geneva", fr = "Genève", es = "Ginebra", ru = { nom = "Женева", prep = "Женеве" }, zh = "日内瓦", ar = "جنيف" }
start = 2017-08-30
end = 2017-09-01
reference = "REF/1"
date = 2017-08-01

[meeting.recipient]
name = { en = "Office for Disarmament Affairs, Geneva Branch", fr = "le Bureau des affaires de désarmement (Service de Genève)", es = "la Oficina de Asuntos de Desarme (Subdivisión de Ginebra)", ru = { nom = "Женевское отделение Управления по вопросам разоружения", dat = "Женевскому отделению Управления по вопросам разоружения" }, zh = "联合国裁军事务厅日内瓦办事处", ar = "مكتب شؤون نزع السلاح، فرع جنيف" }
gender = "m"
address = { en = ["Palais des Nations", "CH-1211 Geneva 10"], fr = ["Palais des Nations", "CH-1211 Genève 10"], es = ["Palais des Nations", "CH-1211 Ginebra 10"], ru = ["Дворец Наций", "CH-1211 Женева 10"], zh = ["万国宫", "CH-1211 Geneva 10"], ar = ["قصر الأمم", "CH-1211 Geneva 10"] }

[[member]]
role = "head"
change = "head"
title = { en = "Ms.", fr = "Mme", es = "Sra.", ru = "г-жа", zh = "女士", ar = "السيدة" }
name = "Ελένη Παπαδοπούλου"

[[member]]
role = "adviser"
change = "add"
name = "Ольга Иванова"
"#;

#[test]
fn every_kind_in_every_language() {
    let ws = Workspace::new();
    let expected: [(&str, &str, &[&str]); 16] = [
        ("delegation", "en", &["presents its compliments to the Office for Disarmament Affairs, Geneva Branch, and has the honour to communicate the composition of its delegation to the Seventh Meeting", "from 30 August to 1 September 2017", "avails itself of this opportunity to renew to the Office for Disarmament Affairs, Geneva Branch, the assurances of its highest consideration.", "Geneva, 1 August 2017", "Head of delegation", "Adviser"]),
        ("delegation", "fr", &["La Mission permanente de l'Exemplestan auprès de l'Office des Nations Unies et des autres organisations internationales à Genève présente ses compliments au Bureau des affaires de désarmement (Service de Genève) et a l'honneur de lui communiquer la composition de sa délégation à la septième Assemblée", "du 30 août au 1er septembre 2017", "saisit cette occasion pour renouveler au Bureau des affaires de désarmement (Service de Genève) les assurances de sa très haute considération.", "Genève, le 1er août 2017", "Cheffe de délégation", "Conseiller"]),
        ("delegation", "es", &["saluda atentamente a la Oficina de Asuntos de Desarme (Subdivisión de Ginebra) y tiene el honor de comunicarle la composición de su delegación a la Séptima Reunión", "del 30 de agosto al 1 de septiembre de 2017", "aprovecha la oportunidad para reiterar a la Oficina de Asuntos de Desarme (Subdivisión de Ginebra) las seguridades de su más alta consideración.", "Ginebra, 1 de agosto de 2017", "Jefa de delegación", "Asesor"]),
        ("observer", "en", &["will participate as an observer in the Seventh Meeting", "its observer delegation"]),
        ("observer", "fr", &["participera en qualité d'observateur à la septième Assemblée", "sa délégation d'observateurs"]),
        ("observer", "es", &["participará en calidad de observador en la Séptima Reunión", "su delegación observadora"]),
        ("amendment", "en", &["refer to its note verbale No. GVA/2017/0815 of 1 August 2017", "Additions", "New head of delegation"]),
        ("amendment", "fr", &["se référer à sa note verbale no GVA/2017/0815 du 1er août 2017", "Ajouts", "Nouvelle cheffe de délégation"]),
        ("amendment", "es", &["referirse a la nota verbal núm. GVA/2017/0815 de esta Misión Permanente de Ejemplistán, de fecha 1 de agosto de 2017", "Incorporaciones", "Nueva jefa de delegación"]),
        ("letter", "en", &["Dear Sir or Madam,", "I have the honour to communicate the composition of the delegation of the Permanent Mission of Examplestan", "Accept, Sir/Madam, the assurances of my highest consideration.", "Director"]),
        ("letter", "fr", &["Madame, Monsieur,", "J'ai l'honneur de vous communiquer la composition de la délégation de la Mission permanente de l'Exemplestan à la septième Assemblée", "Veuillez agréer, Madame, Monsieur, l'assurance de ma très haute considération.", "Directrice"]),
        ("letter", "es", &["Señora, Señor:", "Tengo el honor de comunicarle la composición de la delegación de la Misión Permanente de Ejemplistán a la Séptima Reunión", "Aprovecho la oportunidad para reiterarle las seguridades de mi más alta consideración.", "Directora"]),
        ("delegation", "ru", &["Постоянное представительство Примерстана при Отделении Организации Объединенных Наций и других международных организациях в Женеве свидетельствует свое уважение Женевскому отделению Управления по вопросам разоружения и имеет честь сообщить, что делегация на седьмом Совещании государств — участников Конвенции по кассетным боеприпасам в Женеве с 30 августа по 1 сентября 2017 года будет иметь следующий состав:", "Постоянное представительство Примерстана пользуется случаем, чтобы возобновить Женевскому отделению Управления по вопросам разоружения уверения в своем весьма высоком уважении.", "Женева, 1 августа 2017 года", "Глава делегации", "Советник", "Женевскому отделению Управления по вопросам разоружения Дворец Наций"]),
        ("observer", "ru", &["и имеет честь сообщить, что его правительство примет участие в работе седьмого Совещания государств — участников Конвенции по кассетным боеприпасам в Женеве с 30 августа по 1 сентября 2017 года в качестве наблюдателя и что делегация наблюдателей будет иметь следующий состав:", "уверения в своем весьма высоком уважении."]),
        ("amendment", "ru", &["свидетельствует свое уважение Женевскому отделению Управления по вопросам разоружения и, ссылаясь на свою вербальную ноту № GVA/2017/0815 от 1 августа 2017 года о составе делегации на седьмом Совещании государств — участников Конвенции по кассетным боеприпасам в Женеве с 30 августа по 1 сентября 2017 года, имеет честь сообщить о следующих изменениях:", "Новый глава делегации г-жа Ελένη Παπαδοπούλου", "Включаются в состав делегации Ольга Иванова, в качестве советника"]),
        ("letter", "ru", &["Женева, 1 августа 2017 года", "Женевскому отделению Управления по вопросам разоружения Дворец Наций", "Уважаемые дамы и господа!", "Имею честь сообщить, что делегация Постоянного представительства Примерстана на седьмом Совещании государств — участников Конвенции по кассетным боеприпасам в Женеве с 30 августа по 1 сентября 2017 года будет иметь следующий состав:", "Примите уверения в моем весьма высоком уважении. Ana Müller-Łódź Директор"]),
    ];
    for (kind, lang, parts) in expected {
        let name = format!("{kind}-{lang}.toml");
        ws.write(&name, &TRILINGUAL.replace("KIND", kind));
        let out = format!("out-{kind}-{lang}");
        ws.run(&["generate", &name, "-o", &out, "--lang", lang])
            .success();
        let pdf = Pdf::parse(&ws.read(&format!("{out}/m.{lang}.pdf"))).text();
        let docx = Docx::parse(&ws.read(&format!("{out}/m.{lang}.docx"))).all_text();
        says(&(pdf.clone(), docx), parts);
        for name in ["Ελένη Παπαδοπούλου", "Ольга Иванова"] {
            assert!(pdf.contains(name), "{kind} {lang} lacks {name}");
        }
    }
}

/// The Chinese fonts of the machine (Debian's `fonts-noto-cjk`), which the Chinese tests need:
/// a loud failure, never a skip, when they are missing.
pub fn require_chinese_font() {
    let font = std::path::Path::new("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc");
    assert!(
        font.is_file(),
        "{} is missing; `.ci/run` installs `fonts-noto-cjk` (this test needs it and must not pass without it)",
        font.display()
    );
}

/// Text with every space and line break taken out: Chinese has no spaces, and a line ends
/// between any two characters.
pub fn unspaced(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

/// Every kind of note in Chinese: the formulae word for word in the DOCX paragraphs and in the
/// PDF text as pdftotext extracts it.
#[test]
#[ignore = "needs fonts-noto-cjk and poppler-utils; run by .ci/run"]
fn every_kind_in_chinese() {
    require_chinese_font();
    let pdftotext = crate::support::require("pdftotext");
    let ws = Workspace::new();
    let held = "出席将于2017年8月30日至9月1日在日内瓦举行的《集束弹药公约》第七次缔约国会议";
    let expected: [(&str, Vec<String>); 4] = [
        ("delegation", vec![
            format!("示例国常驻联合国日内瓦办事处和瑞士其他国际组织代表团向联合国裁军事务厅日内瓦办事处致意，并谨通知：{held}的代表团组成如下："),
            "示例国常驻代表团顺致最崇高的敬意。".into(),
            "2017年8月1日于日内瓦".into(),
            "代表团团长".into(),
            "顾问".into(),
            "Ελενη Παπαδοπουλου女士".into(),
            "联合国裁军事务厅日内瓦办事处万国宫CH-1211Geneva10".into(),
        ]),
        ("observer", vec![
            "并谨通知：本国政府将以观察员身份出席将于2017年8月30日至9月1日在日内瓦举行的《集束弹药公约》第七次缔约国会议，观察员代表团组成如下：".into(),
            "示例国常驻代表团顺致最崇高的敬意。".into(),
        ]),
        ("amendment", vec![
            format!("谨提及本代表团2017年8月1日关于{held}的代表团组成的第GVA/2017/0815号照会，并谨通知变动如下："),
            "新任代表团团长".into(),
            "Ελενη Παπαδοπουλου女士".into(),
            "增补成员".into(),
            "Ольга Иванова，任顾问".into(),
        ]),
        ("letter", vec![
            "尊敬的先生/女士：".into(),
            format!("谨通知：{held}的代表团组成如下："),
            "顺致崇高的敬意。Ana Müller-Łódź主任".into(),
        ]),
    ];
    for (kind, parts) in expected {
        let name = format!("{kind}-zh.toml");
        // Noto Serif CJK has no Ł nor accented Greek, and a Chinese note is set in it alone.
        ws.write(
            &name,
            &TRILINGUAL
                .replace("KIND", kind)
                .replace("Ana Müller-Łódź", "Ana Müller")
                .replace("Ελένη Παπαδοπούλου", "Ελενη Παπαδοπουλου"),
        );
        let out = format!("out-{kind}-zh");
        ws.run(&["generate", &name, "-o", &out, "--lang", "zh"])
            .success();
        let pdf_path = ws.path(&format!("{out}/m.zh.pdf"));
        let text = std::process::Command::new(&pdftotext)
            .arg(&pdf_path)
            .arg("-")
            .output()
            .unwrap();
        let pdf = unspaced(&String::from_utf8_lossy(&text.stdout));
        let docx = unspaced(&Docx::parse(&ws.read(&format!("{out}/m.zh.docx"))).all_text());
        for part in &parts {
            let part = unspaced(&part.replace("Ana Müller-Łódź", "Ana Müller"));
            assert!(pdf.contains(&part), "{kind}: PDF lacks {part:?}:\n{pdf}");
            assert!(docx.contains(&part), "{kind}: DOCX lacks {part:?}:\n{docx}");
        }
    }
}

/// The recipient with each French article, and none; the sender with each singular one (a
/// plural sender would need a plural verb, which the formulae do not have).
#[test]
fn french_articles_matrix() {
    let ws = Workspace::new();
    let cases = [
        (
            "le Comité national",
            "au Comité national",
            "Le Comité national saisit",
        ),
        (
            "la Mission permanente",
            "à la Mission permanente",
            "La Mission permanente saisit",
        ),
        (
            "l'Office fédéral",
            "à l'Office fédéral",
            "L'Office fédéral saisit",
        ),
        ("les Services réunis", "aux Services réunis", ""),
        ("Cuba", "à Cuba", "Cuba saisit"),
    ];
    for (i, (name, to, subject)) in cases.iter().enumerate() {
        let text = TRILINGUAL
            .replace("KIND", "delegation")
            .replace(
                "fr = \"le Bureau des affaires de désarmement (Service de Genève)\"",
                &format!("fr = \"{name}\""),
            )
            .replace(
                "fr = \"la Mission permanente de l’Exemplestan\"",
                &format!("fr = \"{name}\""),
            );
        let file = format!("art-{i}.toml");
        ws.write(&file, &text);
        let out = format!("art-{i}");
        ws.run(&["generate", &file, "-o", &out, "--lang", "fr"])
            .success();
        let pdf = flat(&Pdf::parse(&ws.read(&format!("{out}/m.fr.pdf"))).text());
        assert!(
            pdf.contains(&format!("présente ses compliments {to} et a l'honneur")),
            "{name}: {pdf}"
        );
        assert!(
            pdf.contains(&format!(
                "cette occasion pour renouveler {to} les assurances"
            )),
            "{name}: {pdf}"
        );
        if !subject.is_empty() {
            assert!(
                pdf.contains(&format!("{subject} cette occasion")),
                "{name}: {pdf}"
            );
        }
    }
}

#[test]
fn spanish_articles_matrix() {
    let ws = Workspace::new();
    let cases = [
        (
            "el Comité Nacional",
            "al Comité Nacional",
            "El Comité Nacional aprovecha",
        ),
        (
            "la Misión Permanente",
            "a la Misión Permanente",
            "La Misión Permanente aprovecha",
        ),
        ("los Servicios Unidos", "a los Servicios Unidos", ""),
        ("las Oficinas Unidas", "a las Oficinas Unidas", ""),
        ("Cuba", "a Cuba", "Cuba aprovecha"),
    ];
    for (i, (name, to, subject)) in cases.iter().enumerate() {
        let text = TRILINGUAL
            .replace("KIND", "delegation")
            .replace(
                "es = \"la Oficina de Asuntos de Desarme (Subdivisión de Ginebra)\"",
                &format!("es = \"{name}\""),
            )
            .replace(
                "es = \"la Misión Permanente de Ejemplistán\"",
                &format!("es = \"{name}\""),
            );
        let file = format!("es-{i}.toml");
        ws.write(&file, &text);
        let out = format!("es-{i}");
        ws.run(&["generate", &file, "-o", &out, "--lang", "es"])
            .success();
        let pdf = flat(&Pdf::parse(&ws.read(&format!("{out}/m.es.pdf"))).text());
        assert!(
            pdf.contains(&format!("saluda atentamente {to} y tiene el honor")),
            "{name}: {pdf}"
        );
        assert!(
            pdf.contains(&format!(
                "la oportunidad para reiterar {to} las seguridades"
            )),
            "{name}: {pdf}"
        );
        if !subject.is_empty() {
            assert!(
                pdf.contains(&format!("{subject} la oportunidad")),
                "{name}: {pdf}"
            );
        }
    }
}

#[test]
fn a_missing_translation_is_an_error_naming_field_and_language() {
    let ws = Workspace::new();
    std::fs::copy(
        crate::support::root().join("examples/observer.toml"),
        ws.path("observer.toml"),
    )
    .unwrap();
    let run = ws.run(&["generate", "observer.toml", "--lang", "es", "-o", "out"]);
    run.failure()
        .stderr_has(
            "`mission.name` has no Spanish text (`es`), which the note for `ccm-7msp` needs",
        )
        .stderr_has("observer.toml:6:8")
        .stderr_has("never falls back");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn kinds_need_what_they_cite_or_who_signs() {
    let ws = Workspace::new();
    ws.example_with(
        "a.toml",
        "id = \"ccm-7msp\"",
        "id = \"ccm-7msp\"\nkind = \"amendment\"",
    );
    ws.run(&["generate", "a.toml", "-o", "out"])
        .failure()
        .stderr_has("an amendment must say which note it amends")
        .stderr_has("a.toml:10:1");
    ws.example_with(
        "l.toml",
        "id = \"ccm-7msp\"",
        "id = \"ccm-7msp\"\nkind = \"letter\"",
    );
    ws.run(&["generate", "l.toml", "-o", "out"])
        .failure()
        .stderr_has("is a letter, but the file has no `[signatory]`")
        .stderr_has("l.toml:12:8");
    ws.example_with(
        "k.toml",
        "id = \"ccm-7msp\"",
        "id = \"ccm-7msp\"\nkind = \"observor\"",
    );
    ws.run(&["generate", "k.toml", "-o", "out"])
        .failure()
        .stderr_has("unknown kind `observor`")
        .stderr_has("did you mean `observer`?");
    ws.example_with(
        "c.toml",
        "role = \"adviser\"",
        "role = \"adviser\"\nchange = \"added\"",
    );
    ws.run(&["generate", "c.toml", "-o", "out"])
        .failure()
        .stderr_has("unknown change `added`");
    ws.example_with(
        "t.toml",
        "name = \"Office for Disarmament Affairs, Geneva Branch\"",
        "name = { en = \"Office\", de = \"Büro\" }",
    );
    ws.run(&["generate", "t.toml", "-o", "out"])
        .failure()
        .stderr_has("unknown language `de` in `meeting.recipient.name`");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn a_meeting_can_have_its_own_language() {
    let ws = Workspace::new();
    let text = TRILINGUAL
        .replace("KIND", "delegation")
        .replace("id = \"m\"", "id = \"m\"\nlanguage = \"es\"");
    ws.write("own.toml", &text);
    ws.run(&["generate", "own.toml", "-o", "out"]).success();
    assert_eq!(ws.files_in("out"), ["m.es.docx", "m.es.pdf"]);
}

/// Copies `file` from `examples/` (with the emblem and seal it names) into the workspace.
fn copy_example(ws: &Workspace, file: &str) {
    for name in [file, "examplestan-seal.png"] {
        let source = crate::support::root().join("examples").join(name);
        std::fs::copy(&source, ws.path(name)).unwrap();
    }
}

#[test]
fn a_note_in_another_language_refuses_each_text_given_once() {
    let ws = Workspace::new();
    let run = ws.run(&["generate", "7msp.toml", "--lang", "fr", "-o", "out"]);
    let note = "has no French text (`fr`), which the note for `ccm-7msp` needs";
    // Each text given once, at its place, with the field written by language; never the
    // names, e-mail addresses or references, which are the same in every language.
    let fields = [
        ("mission.name", "5:8", "name"),
        ("mission.short_name", "6:14", "short_name"),
        ("mission.city", "7:8", "city"),
        ("meeting.title", "12:9", "title"),
        ("meeting.city", "13:8", "city"),
        ("meeting.recipient.name", "20:8", "name"),
        ("member.title", "26:9", "title"),
        ("member.function", "28:12", "function"),
        ("member.title", "32:9", "title"),
        ("member.function", "34:12", "function"),
    ];
    for (field, at, key) in fields {
        run.stderr_has(&format!("`{field}` {note}"))
            .stderr_has(&format!("7msp.toml:{at}"))
            .stderr_has(&format!("`{key} = {{ en = \"…\", fr = \"…\" }}`"));
    }
    run.failure()
        .stderr_has("`meeting.recipient.address` has no French text")
        .stderr_has("7msp.toml:21:11")
        .stderr_has("`address = { en = [\"…\"], fr = [\"…\"] }`")
        .stderr_has("given once, so in English (the file's `language`)")
        .stderr_has("11 problems found");
    assert!(!run.stderr.contains("`member.name`") && !run.stderr.contains("email"));
    assert!(ws.files_in("out").is_empty());
    // The English note is the file's own language: nothing to give by language.
    ws.run(&["generate", "7msp.toml", "-o", "out"]).success();
}

#[test]
fn a_meetings_texts_given_once_are_in_the_meetings_language() {
    let ws = Workspace::new();
    copy_example(&ws, "stationery.toml");
    // The file is French; the amendment says `language = "en"` and gives its texts once, in
    // English: fine for its own note, refused for a French one.
    ws.run(&["check", "stationery.toml"]).success();
    let run = ws.run(&["check", "stationery.toml", "--lang", "fr"]);
    run.failure()
        .stderr_has(
            "`meeting.title` has no French text (`fr`), which the note for `ccm-14msp` needs",
        )
        .stderr_has("stationery.toml:40:9")
        .stderr_has("given once, so in English (the meeting's `language`)")
        .stderr_has("`meeting.enclosure` has no French text")
        .stderr_has("`meeting.cc` has no French text")
        .stderr_has("`meeting.recipient.address` has no French text")
        .stderr_has("6 problems found");
    // The French note's texts, given once in French, are refused for an English note.
    ws.run(&["check", "stationery.toml", "--lang", "en"])
        .failure()
        .stderr_has("`meeting.title` has no English text (`en`), which the note for `hrc-61` needs")
        .stderr_has("given once, so in French (the file's `language`)");
}

#[test]
fn a_meeting_in_several_languages_needs_each_text_in_each() {
    let ws = Workspace::new();
    let text = TRILINGUAL
        .replace("KIND", "delegation")
        .replace("id = \"m\"", "id = \"m\"\nlanguages = [\"en\", \"fr\"]")
        .replace(
            "[[member]]\nrole = \"adviser\"\nchange = \"add\"\n",
            "[[member]]\nrole = \"adviser\"\nchange = \"add\"\nfunction = \"Legal Adviser\"\ninstitution = \"Ministry of Justice\"\n",
        );
    ws.write("both.toml", &text);
    let run = ws.run(&["generate", "both.toml", "-o", "out"]);
    run.failure()
        .stderr_has("`member.function` has no French text (`fr`), which the note for `m` needs")
        .stderr_has("`member.institution` has no French text (`fr`)")
        .stderr_has("`function = { en = \"…\", fr = \"…\" }`")
        .stderr_has("2 problems found");
    assert!(ws.files_in("out").is_empty());
    let text = text
        .replace(
            "function = \"Legal Adviser\"",
            "function = { en = \"Legal Adviser\", fr = \"Conseiller juridique\" }",
        )
        .replace(
            "institution = \"Ministry of Justice\"",
            "institution = { en = \"Ministry of Justice\", fr = \"Ministère de la justice\" }",
        );
    ws.write("both.toml", &text);
    ws.run(&["generate", "both.toml", "-o", "out"]).success();
    let french = flat(&Pdf::parse(&ws.read("out/m.fr.pdf")).text());
    assert!(
        french.contains("Ольга Иванова, Conseiller juridique, Ministère de la justice"),
        "{french}"
    );
    assert!(
        !french.contains("Ministry") && !french.contains("Legal"),
        "{french}"
    );
}
