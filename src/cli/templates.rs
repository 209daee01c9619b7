//! `verbale templates ...`: list, show, copy, inspect and check templates.

use std::path::PathBuf;

use crate::markup;
use crate::model::Language;
use crate::plan::Job;
use crate::template::{self, Origin, Templates};

/// Arguments of `verbale templates`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// Folder of templates (`<language>/<name>.hbs`) that replace or add to the built-in ones.
    #[arg(long, value_name = "DIR", global = true)]
    templates: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Every template: its name, where it comes from and what it is for.
    List,
    /// Print a template's source.
    Show {
        /// Kind of note (`delegation`, `observer`, ...) or part (`role-heading`).
        name: String,
        /// Language of the template.
        #[arg(long, value_enum, default_value = "en")]
        lang: super::generate::LanguageArg,
    },
    /// Copy a template into a folder of your own, to start a new one or change the wording.
    New {
        /// Name of the new template; `delegation` replaces the built-in one, a new name adds a
        /// kind of note (`kind = "<name>"` in the delegation file).
        name: String,
        /// The template to start from.
        #[arg(long, default_value = "delegation")]
        from: String,
        /// Language of the template.
        #[arg(long, value_enum, default_value = "en")]
        lang: super::generate::LanguageArg,
        /// Your template folder.
        #[arg(long, default_value = "my-templates")]
        dir: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// The data paths a template uses, through `#if`, `#each`, `#with` and partials.
    Vars {
        /// Kind of note or part.
        name: String,
        /// Language of the template.
        #[arg(long, value_enum, default_value = "en")]
        lang: super::generate::LanguageArg,
    },
    /// Compile every template, read it against the data model and render it against the bundled
    /// sample delegation (or `--data FILE`) in its language; exits non-zero on any problem.
    Check {
        /// A delegation file to render the templates with, instead of the bundled sample.
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

/// Runs a `templates` subcommand.
pub fn run(args: Args) -> Result<(), String> {
    let templates = match &args.templates {
        Some(folder) => Templates::with_overrides(folder).map_err(|errors| {
            let mut text: String = errors.iter().map(|e| format!("error: {e}\n")).collect();
            text.push_str(&format!(
                "error: {} problem(s) in `{}`\n",
                errors.len(),
                folder.display()
            ));
            text
        })?,
        None => Templates::builtin().map_err(|e| format!("error: {e}"))?,
    };
    match args.command {
        Command::List => list(&templates),
        Command::Show { name, lang } => {
            let source = find(&templates, &name, lang.into())?;
            print!("{}", source.text);
            Ok(())
        }
        Command::New {
            name,
            from,
            lang,
            dir,
            force,
        } => new(&templates, &name, &from, lang.into(), &dir, force),
        Command::Vars { name, lang } => vars(&templates, &name, lang.into()),
        Command::Check { data } => check(&templates, data.as_deref()),
    }
}

fn find<'a>(
    templates: &'a Templates,
    name: &str,
    language: Language,
) -> Result<&'a template::Source, String> {
    let full = format!("{}/{name}", language.code());
    templates.source(&full).ok_or_else(|| {
        let names: Vec<&str> = templates
            .sources()
            .iter()
            .filter(|s| s.language() == language.code())
            .map(|s| s.base())
            .collect();
        let mut message = format!(
            "error: no template `{full}`\n  = hint: the {} templates are {}",
            language.name(),
            crate::diagnostic::one_of(&names)
        );
        if let Some(close) = crate::diagnostic::did_you_mean(name, &names) {
            message.push_str(&format!("\n  = hint: did you mean `{close}`?"));
        }
        message
    })
}

fn list(templates: &Templates) -> Result<(), String> {
    println!(
        "{:<20} {:<10} {:<34} DESCRIPTION",
        "TEMPLATE", "KIND", "FROM"
    );
    for source in templates.sources() {
        let kind = if source.is_kind() { "note" } else { "part" };
        let from = match &source.origin {
            Origin::Builtin => "built in".to_string(),
            Origin::File(path) => path.display().to_string(),
        };
        println!(
            "{:<20} {:<10} {:<34} {}",
            source.name,
            kind,
            from,
            source.description()
        );
    }
    Ok(())
}

fn new(
    templates: &Templates,
    name: &str,
    from: &str,
    language: Language,
    dir: &std::path::Path,
    force: bool,
) -> Result<(), String> {
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !safe {
        return Err(format!(
            "error: `{name}` cannot name a template\n  = hint: use letters, digits, `-` and `_`"
        ));
    }
    let source = find(templates, from, language)?;
    let folder = dir.join(language.code());
    let path = folder.join(format!("{name}.hbs"));
    if path.exists() && !force {
        return Err(format!(
            "error: `{}` exists already\n  = hint: pass `--force` to replace it",
            path.display()
        ));
    }
    std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(&path, &source.text))
        .map_err(|e| format!("error: cannot write `{}`: {e}", path.display()))?;
    println!("wrote {} (from {})", path.display(), source.location());
    if name == from {
        println!(
            "it replaces the built-in `{}/{name}` when you pass `--templates {}`",
            language.code(),
            dir.display()
        );
    } else {
        println!(
            "use it with `kind = \"{name}\"` in a meeting and `--templates {}`",
            dir.display()
        );
    }
    println!(
        "check it with `verbale templates check --templates {}`",
        dir.display()
    );
    Ok(())
}

fn vars(templates: &Templates, name: &str, language: Language) -> Result<(), String> {
    let source = find(templates, name, language)?;
    let model = template::model_paths();
    let (usages, problems) = template::check_template(templates, &source.name, &model);
    let mut seen = std::collections::BTreeMap::new();
    for usage in &usages {
        seen.entry(usage.path.clone())
            .or_insert_with(Vec::new)
            .push(format!(
                "{}:{}:{}",
                usage.template, usage.position.0, usage.position.1
            ));
    }
    for (path, places) in seen {
        let optional = if model.optional.contains(&path) {
            " (optional)"
        } else {
            ""
        };
        println!("{path}{optional}  [{}]", places.join(", "));
    }
    if !problems.is_empty() {
        eprintln!("{}", render_problems(&problems));
    }
    Ok(())
}

fn render_problems(problems: &[template::Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let place = match &p.file {
                Some(file) => file.display().to_string(),
                None => format!("built-in {}", p.template),
            };
            format!(
                "error: {}\n  --> {place}:{}:{}\n  = hint: {}\n",
                p.message, p.position.0, p.position.1, p.hint
            )
        })
        .collect()
}

fn check(templates: &Templates, data: Option<&std::path::Path>) -> Result<(), String> {
    let model = template::model_paths();
    let env = crate::Env::with_templates(Templates::builtin().map_err(|e| e.to_string())?, None)?;
    let sample = match data {
        Some(path) => {
            crate::load(path, &env, &crate::LoadOptions::default())
                .map_err(|rejected| super::check::summary(&rejected))?
                .delegation
        }
        None => template::sample_delegation()
            .map_err(|e| format!("error: the bundled sample is broken: {e}"))?,
    };
    let mut report = String::new();
    let mut count = 0;
    let mut checked = 0;
    for source in templates.sources().iter().filter(|s| s.is_kind()) {
        checked += 1;
        let (_, problems) = template::check_template(templates, &source.name, &model);
        count += problems.len();
        report.push_str(&render_problems(&problems));
        if !problems.is_empty() {
            continue;
        }
        let Some((_, language)) = Language::ALL
            .iter()
            .find(|(code, _)| *code == source.language())
        else {
            continue;
        };
        // A file given with `--data` may lack what some kinds need; those are skipped, not failed.
        let lacking = match source.base() {
            "amendment" if sample.meetings.first().is_none_or(|m| m.amends.is_none()) => {
                Some("`amends`")
            }
            "letter" if sample.signatory.is_none() => Some("`[signatory]`"),
            _ => None,
        };
        if let Some(lacking) = lacking {
            println!("skipped {}: the data has no {lacking}", source.name);
            continue;
        }
        let job = Job {
            meeting: 0,
            language: *language,
            kind: crate::model::NoteKind::ALL
                .iter()
                .find(|(key, _)| *key == source.base())
                .map_or(crate::model::NoteKind::Delegation, |(_, kind)| *kind),
            template: source.base().to_string(),
            members: (0..sample.members.len()).collect(),
            stem: String::new(),
        };
        let rendered = templates
            .render(&sample, &job)
            .map_err(|e| e.to_string())
            .and_then(|markup| {
                markup::parse(&markup).map(|_| ()).map_err(|e| {
                    format!(
                        "the rendered markup is wrong at its line {}: {}",
                        e.line, e.message
                    )
                })
            });
        if let Err(message) = rendered {
            count += 1;
            report.push_str(&format!(
                "error: rendering {} with the sample: {message}\n",
                source.location()
            ));
        }
    }
    if count > 0 {
        return Err(format!(
            "{report}error: {count} problem(s) in {checked} templates\n"
        ));
    }
    println!("{checked} templates checked: no problems");
    Ok(())
}
