//! French and Spanish agreement, as a matrix over kinds and names: plural names (sender, State,
//! recipient) take plural verbs and pronouns, role headings agree with women, articles that
//! belong to a place name stay, apostrophes are typographic, and the author is the bare name.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, Workspace};

/// The names of one note.
struct Names {
    sender: &'static str,
    state: &'static str,
    recipient: &'static str,
    city: &'static str,
    /// Extra keys for `[mission]` and `[meeting.recipient]`.
    mission_extra: &'static str,
    recipient_extra: &'static str,
}

const MEMBERS: &str = r#"
[[member]]
role = "head"
change = "head"
title = "S. E. M."
name = "Jean-Luc O'Neill"

[[member]]
role = "adviser"
change = "add"
title = "Mme"
name = "Aïcha Ouédraogo"
"#;

/// Generates one note; returns the PDF and the DOCX with their text.
fn generate(ws: &Workspace, lang: &str, kind: &str, names: &Names, members: &str) -> (Pdf, Docx) {
    let Names {
        sender,
        state,
        recipient,
        city,
        mission_extra,
        recipient_extra,
    } = names;
    let title = if lang == "fr" {
        "la Conférence d'examen"
    } else {
        "la Conferencia de Examen"
    };
    let text = format!(
        r#"language = "{lang}"

[mission]
name = "{sender}"
short_name = "{sender}"
city = "Genève"
state = "{state}"
{mission_extra}

[signatory]
name = "Ana Müller"
title = "Directrice"

[[meeting]]
id = "m"
kind = "{kind}"
amends = {{ reference = "REF/0", date = 2017-08-01 }}
title = "{title}"
city = "{city}"
start = 2017-09-04
end = 2017-09-06
reference = "REF/1"
date = 2017-08-15

[meeting.recipient]
name = "{recipient}"
address = ["Palais des Nations"]
{recipient_extra}
{members}"#
    );
    let file = format!("{lang}-{kind}-{}.toml", ws.files_in(".").len());
    ws.write(&file, &text);
    let out = format!("out-{file}");
    ws.run(&["generate", &file, "-o", &out]).success();
    (
        Pdf::parse(&ws.read(&format!("{out}/m.{lang}.pdf"))),
        Docx::parse(&ws.read(&format!("{out}/m.{lang}.docx"))),
    )
}

/// Asserts that both files say each part, word for word.
#[track_caller]
fn says(files: &mut (Pdf, Docx), parts: &[&str]) {
    let (pdf, docx) = (flat(&files.0.text()), flat(&files.1.all_text()));
    for part in parts {
        let part = flat(part);
        assert!(pdf.contains(&part), "PDF lacks {part:?}:\n{pdf}");
        assert!(docx.contains(&part), "DOCX lacks {part:?}:\n{docx}");
    }
}

const FR_SINGULAR: Names = Names {
    sender: "la Mission permanente du Valdoran",
    state: "le Valdoran",
    recipient: "la Présidente de la Conférence",
    city: "La Haye",
    mission_extra: "",
    recipient_extra: "",
};
const FR_PLURAL: Names = Names {
    sender: "les Missions permanentes du Benelux",
    state: "les Pays-Bas",
    recipient: "les Coprésidents de la Conférence",
    city: "Le Caire",
    mission_extra: "",
    recipient_extra: "",
};
const FR_ELIDED: Names = Names {
    sender: "l'Ambassade du Valdoran",
    state: "l'Iraq",
    recipient: "l'Office des Nations Unies à Genève",
    city: "Genève",
    mission_extra: "",
    recipient_extra: "",
};
/// No article tells the number: it is stated.
const FR_STATED: Names = Names {
    sender: "Missions permanentes du Benelux",
    state: "Tuvalu et Nauru",
    recipient: "Coprésidents de la Conférence",
    city: "Genève",
    mission_extra: "number = \"plural\"\nstate_number = \"plural\"",
    recipient_extra: "number = \"plural\"",
};

#[test]
fn french_verbs_and_pronouns_agree_with_every_name() {
    let ws = Workspace::new();
    let fr = |kind, names| generate(&ws, "fr", kind, names, MEMBERS);
    let held = |city: &str| format!("qui se tiendra {city} du 4 au 6 septembre 2017");
    let singular_held = held("à La Haye");
    let plural_held = held("au Caire");
    says(&mut fr("delegation", &FR_SINGULAR), &[
        &format!("La Mission permanente du Valdoran présente ses compliments à la Présidente de la Conférence et a l’honneur de lui communiquer la composition de la délégation du Valdoran à la Conférence d’examen, {singular_held}, comme suit :"),
        "La Mission permanente du Valdoran saisit cette occasion pour renouveler à la Présidente de la Conférence les assurances de sa très haute considération.",
    ]);
    says(&mut fr("delegation", &FR_PLURAL), &[
        &format!("Les Missions permanentes du Benelux présentent leurs compliments aux Coprésidents de la Conférence et ont l’honneur de leur communiquer la composition de la délégation des Pays-Bas à la Conférence d’examen, {plural_held}, comme suit :"),
        "Les Missions permanentes du Benelux saisissent cette occasion pour renouveler aux Coprésidents de la Conférence les assurances de leur très haute considération.",
    ]);
    says(&mut fr("delegation", &FR_ELIDED), &[
        "L’Ambassade du Valdoran présente ses compliments à l’Office des Nations Unies à Genève et a l’honneur de lui communiquer la composition de la délégation de l’Iraq à la Conférence d’examen, qui se tiendra à Genève",
    ]);
    says(&mut fr("delegation", &FR_STATED), &[
        "Missions permanentes du Benelux présentent leurs compliments à Coprésidents de la Conférence et ont l’honneur de leur communiquer",
    ]);
    says(&mut fr("observer", &FR_SINGULAR), &[
        &format!("et a l’honneur de l’informer que le Valdoran participera en qualité d’observateur à la Conférence d’examen, {singular_held}, et de lui communiquer la composition de sa délégation d’observateurs, comme suit :"),
    ]);
    says(&mut fr("observer", &FR_PLURAL), &[
        &format!("Les Missions permanentes du Benelux présentent leurs compliments aux Coprésidents de la Conférence et ont l’honneur de les informer que les Pays-Bas participeront en qualité d’observateur à la Conférence d’examen, {plural_held}, et de leur communiquer la composition de leur délégation d’observateurs, comme suit :"),
    ]);
    says(
        &mut fr("observer", &FR_ELIDED),
        &["et a l’honneur de l’informer que l’Iraq participera en qualité d’observateur"],
    );
    says(&mut fr("observer", &FR_STATED), &[
        "et ont l’honneur de les informer que Tuvalu et Nauru participeront en qualité d’observateur",
    ]);
    says(&mut fr("amendment", &FR_SINGULAR), &[
        &format!("et a l’honneur de se référer à sa note verbale no REF/0 du 1er août 2017 relative à la composition de la délégation du Valdoran à la Conférence d’examen, {singular_held}, et de lui communiquer les modifications suivantes :"),
    ]);
    says(&mut fr("amendment", &FR_PLURAL), &[
        &format!("et ont l’honneur de se référer à leur note verbale no REF/0 du 1er août 2017 relative à la composition de la délégation des Pays-Bas à la Conférence d’examen, {plural_held}, et de leur communiquer les modifications suivantes :"),
    ]);
    says(
        &mut fr("amendment", &FR_ELIDED),
        &["relative à la composition de la délégation de l’Iraq à la Conférence d’examen"],
    );
}

const ES_SINGULAR: Names = Names {
    sender: "la Misión Permanente de Ejemplia",
    state: "El Salvador",
    recipient: "la Presidenta de la Conferencia",
    city: "El Cairo",
    mission_extra: "",
    recipient_extra: "",
};
const ES_MASCULINE: Names = Names {
    sender: "el Consulado General de Ejemplia",
    state: "el Perú",
    recipient: "el Presidente de la Conferencia",
    city: "Ginebra",
    mission_extra: "",
    recipient_extra: "",
};
const ES_PLURAL: Names = Names {
    sender: "las Misiones Permanentes del Benelux",
    state: "las Islas Marshall",
    recipient: "los Copresidentes de la Conferencia",
    city: "Ginebra",
    mission_extra: "",
    recipient_extra: "",
};

#[test]
fn spanish_verbs_and_pronouns_agree_with_every_name() {
    let ws = Workspace::new();
    let es = |kind, names| generate(&ws, "es", kind, names, MEMBERS);
    says(&mut es("delegation", &ES_SINGULAR), &[
        "La Misión Permanente de Ejemplia saluda atentamente a la Presidenta de la Conferencia y tiene el honor de comunicarle la composición de la delegación de El Salvador a la Conferencia de Examen, que se celebrará en El Cairo del 4 al 6 de septiembre de 2017, como sigue:",
        "La Misión Permanente de Ejemplia aprovecha la oportunidad para reiterar a la Presidenta de la Conferencia las seguridades de su más alta consideración.",
    ]);
    says(&mut es("delegation", &ES_MASCULINE), &[
        "El Consulado General de Ejemplia saluda atentamente al Presidente de la Conferencia y tiene el honor de comunicarle la composición de la delegación del Perú a la Conferencia de Examen",
    ]);
    says(&mut es("delegation", &ES_PLURAL), &[
        "Las Misiones Permanentes del Benelux saludan atentamente a los Copresidentes de la Conferencia y tienen el honor de comunicarles la composición de la delegación de las Islas Marshall a la Conferencia de Examen",
        "Las Misiones Permanentes del Benelux aprovechan la oportunidad para reiterar a los Copresidentes de la Conferencia las seguridades de su más alta consideración.",
    ]);
    says(&mut es("observer", &ES_SINGULAR), &[
        "y tiene el honor de informarle de que El Salvador participará en calidad de observador en la Conferencia de Examen, que se celebrará en El Cairo del 4 al 6 de septiembre de 2017, y de comunicarle la composición de su delegación observadora, como sigue:",
    ]);
    says(&mut es("observer", &ES_MASCULINE), &[
        "al Presidente de la Conferencia y tiene el honor de informarle de que el Perú participará en calidad de observador",
    ]);
    says(&mut es("observer", &ES_PLURAL), &[
        "Las Misiones Permanentes del Benelux saludan atentamente a los Copresidentes de la Conferencia y tienen el honor de informarles de que las Islas Marshall participarán en calidad de observador en la Conferencia de Examen, que se celebrará en Ginebra del 4 al 6 de septiembre de 2017, y de comunicarles la composición de su delegación observadora, como sigue:",
    ]);
    says(&mut es("amendment", &ES_SINGULAR), &[
        "y tiene el honor de referirse a la nota verbal núm. REF/0 de esta Misión Permanente de Ejemplia, de fecha 1 de agosto de 2017, relativa a la composición de la delegación de El Salvador a la Conferencia de Examen, que se celebrará en El Cairo del 4 al 6 de septiembre de 2017, y de comunicarle las siguientes modificaciones:",
    ]);
    says(&mut es("amendment", &ES_PLURAL), &[
        "saludan atentamente a los Copresidentes de la Conferencia y tienen el honor de referirse a la nota verbal núm. REF/0 de estas Misiones Permanentes del Benelux, de fecha 1 de agosto de 2017, relativa a la composición de la delegación de las Islas Marshall a la Conferencia de Examen, que se celebrará en Ginebra del 4 al 6 de septiembre de 2017, y de comunicarles las siguientes modificaciones:",
    ]);
}

/// A delegation of one head and groups of women only, of men only, and mixed.
fn members(head: &str) -> String {
    format!(
        r#"
[[member]]
role = "head"
change = "head"
{head}
name = "Nadia Haddad"

[[member]]
role = "alternate"
change = "add"
title = "Ms."
name = "Hélène Lefèvre"

[[member]]
role = "adviser"
change = "add"
title = "Mme"
name = "Aïcha Ouédraogo"

[[member]]
role = "adviser"
change = "add"
title = "Sra."
name = "Begoña Ruiz"

[[member]]
role = "expert"
title = "Mr."
name = "Íñigo Ibáñez"

[[member]]
role = "expert"
gender = "f"
name = "Kim Lee"

[[member]]
role = "representative"
gender = "f"
title = "Dr."
name = "Ana Pérez"

[[member]]
role = "deputy"
title = "H.E. Mr."
name = "Carlos Ruiz"
"#
    )
}

#[test]
fn role_headings_agree_with_women_and_mixed_groups_take_the_masculine() {
    let ws = Workspace::new();
    let feminine_head = members("title = \"S. E. Mme\"");
    let masculine_head = members("title = \"Excmo. Sr.\"");
    let stated_head = members("gender = \"f\"\ntitle = \"Dr.\"");
    for kind in ["delegation", "observer", "letter"] {
        says(
            &mut generate(&ws, "fr", kind, &FR_SINGULAR, &feminine_head),
            &[
                "Cheffe de délégation S. E. Mme Nadia Haddad",
                "Chef adjoint de délégation H.E. Mr. Carlos Ruiz",
                "Représentante Dr. Ana Pérez",
                "Représentante suppléante Ms. Hélène Lefèvre",
                "Conseillères Mme Aïcha Ouédraogo",
                "Experts Mr. Íñigo Ibáñez",
            ],
        );
        says(
            &mut generate(&ws, "fr", kind, &FR_SINGULAR, &masculine_head),
            &["Chef de délégation Excmo. Sr. Nadia Haddad"],
        );
        says(
            &mut generate(&ws, "es", kind, &ES_SINGULAR, &feminine_head),
            &[
                "Jefa de delegación S. E. Mme Nadia Haddad",
                "Jefe adjunto de delegación H.E. Mr. Carlos Ruiz",
                "Representante suplente Ms. Hélène Lefèvre",
                "Asesoras Mme Aïcha Ouédraogo",
                "Expertos Mr. Íñigo Ibáñez",
            ],
        );
        says(
            &mut generate(&ws, "es", kind, &ES_SINGULAR, &stated_head),
            &["Jefa de delegación Dr. Nadia Haddad"],
        );
        says(
            &mut generate(&ws, "es", kind, &ES_SINGULAR, &masculine_head),
            &["Jefe de delegación Excmo. Sr. Nadia Haddad"],
        );
        // English headings have no gender.
        says(
            &mut generate(&ws, "en", kind, &FR_SINGULAR, &feminine_head),
            &[
                "Head of delegation S. E. Mme Nadia Haddad",
                "Advisers Mme Aïcha Ouédraogo",
            ],
        );
    }
    says(
        &mut generate(&ws, "fr", "amendment", &FR_SINGULAR, &feminine_head),
        &["Nouvelle cheffe de délégation S. E. Mme Nadia Haddad"],
    );
    says(
        &mut generate(&ws, "fr", "amendment", &FR_SINGULAR, &masculine_head),
        &["Nouveau chef de délégation Excmo. Sr. Nadia Haddad"],
    );
    says(
        &mut generate(&ws, "es", "amendment", &ES_SINGULAR, &feminine_head),
        &["Nueva jefa de delegación S. E. Mme Nadia Haddad"],
    );
    says(
        &mut generate(&ws, "es", "amendment", &ES_SINGULAR, &masculine_head),
        &["Nuevo jefe de delegación Excmo. Sr. Nadia Haddad"],
    );
}

#[test]
fn apostrophes_are_typographic_in_every_language_and_the_author_has_no_article() {
    let ws = Workspace::new();
    for (lang, kind, names, author) in [
        ("fr", "delegation", &FR_ELIDED, "Ambassade du Valdoran"),
        (
            "fr",
            "letter",
            &FR_SINGULAR,
            "Mission permanente du Valdoran",
        ),
        (
            "es",
            "observer",
            &ES_PLURAL,
            "Misiones Permanentes del Benelux",
        ),
        (
            "es",
            "amendment",
            &ES_MASCULINE,
            "Consulado General de Ejemplia",
        ),
    ] {
        let mut files = generate(&ws, lang, kind, names, MEMBERS);
        says(&mut files, &["Jean-Luc O\u{2019}Neill"]);
        let (pdf, docx) = (files.0.text(), files.1.all_text());
        assert!(
            !pdf.contains('\'') && !docx.contains('\''),
            "{lang} {kind}: {pdf}"
        );
        let info = files.0.dictionaries();
        assert!(info.contains(&format!("/Author({author})")), "{info}");
        let core = files.1.part("docProps/core.xml");
        assert!(
            core.contains(&format!("<dc:creator>{author}</dc:creator>")),
            "{core}"
        );
    }
    let mut english = generate(&ws, "en", "delegation", &FR_ELIDED, MEMBERS);
    says(&mut english, &["Jean-Luc O\u{2019}Neill"]);
}

#[test]
fn a_misspelt_number_or_gender_is_named_with_its_place() {
    let ws = Workspace::new();
    let names = Names {
        mission_extra: "state_number = \"plurl\"",
        ..FR_SINGULAR
    };
    let text = |names: &Names, members: &str| {
        let file = format!("bad-{}.toml", ws.files_in(".").len());
        let mut body = String::new();
        body.push_str(&format!(
            "language = \"fr\"\n[mission]\nname = \"{}\"\nshort_name = \"x\"\ncity = \"Genève\"\nstate = \"{}\"\n{}\n",
            names.sender, names.state, names.mission_extra
        ));
        body.push_str("[[meeting]]\nid = \"m\"\ntitle = \"t\"\ncity = \"Genève\"\nstart = 2017-09-04\nend = 2017-09-06\nreference = \"R\"\ndate = 2017-08-15\n[meeting.recipient]\nname = \"le Bureau\"\naddress = [\"a\"]\n");
        body.push_str(members);
        ws.write(&file, &body);
        file
    };
    let file = text(&names, "[[member]]\nrole = \"head\"\nname = \"A\"\n");
    ws.run(&["generate", &file])
        .failure()
        .stderr_has("unknown state_number `plurl`")
        .stderr_has(&format!("{file}:7:16"))
        .stderr_has("did you mean `plural`?");
    let file = text(
        &FR_SINGULAR,
        "[[member]]\nrole = \"head\"\nname = \"A\"\ngender = \"woman\"\n",
    );
    ws.run(&["generate", &file])
        .failure()
        .stderr_has("unknown gender `woman`")
        .stderr_has("the choices are");
}

#[test]
fn a_template_asks_whether_a_name_is_plural() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.path("mine/fr")).unwrap();
    ws.write(
        "mine/fr/delegation.hbs",
        "{{meeting.title}} {{#if (plural meeting.title)}}auront{{else}}aura{{/if}} lieu.\n",
    );
    let names = Names { ..FR_PLURAL };
    for (title, verb) in [("les Réunions d'experts", "auront"), ("la Réunion", "aura")] {
        let text = format!(
            "language = \"fr\"\ntemplates = \"mine\"\n[mission]\nname = \"{}\"\nshort_name = \"x\"\ncity = \"Genève\"\n[[meeting]]\nid = \"m\"\ntitle = \"{title}\"\ncity = \"Genève\"\nstart = 2017-09-04\nend = 2017-09-06\nreference = \"R\"\ndate = 2017-08-15\n[meeting.recipient]\nname = \"le Bureau\"\naddress = [\"a\"]\n[[member]]\nrole = \"head\"\nname = \"A\"\n",
            names.sender
        );
        let file = format!("{verb}.toml");
        ws.write(&file, &text);
        ws.run(&["generate", &file, "-o", verb]).success();
        let mut files = (
            Pdf::parse(&ws.read(&format!("{verb}/m.fr.pdf"))),
            Docx::parse(&ws.read(&format!("{verb}/m.fr.docx"))),
        );
        let title = title.replace('\'', "\u{2019}");
        says(&mut files, &[&format!("{title} {verb} lieu.")]);
    }
}
