//! `verbale templates ...`: list, show, copy, inspect and check templates.

use std::path::PathBuf;

use crate::markup;
use crate::model::{Delegation, Language};
use crate::plan::Job;
use crate::template::{self, Origin, TemplateError, Templates};
use crate::Error;

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
        #[arg(long, default_value = "en", value_parser = super::Choice(&Language::ALL))]
        lang: Language,
    },
    /// Copy a template into a folder of your own, to start a new one or change the wording.
    New {
        /// Name of the new template; the name of a built-in template or part (`delegation`,
        /// `closing`) replaces it, a new name adds a kind of note (`kind = "<name>"` in the
        /// delegation file).
        name: String,
        /// The template to start from [default: NAME when there is a template of that name,
        /// else `delegation`].
        #[arg(long, value_name = "NAME")]
        from: Option<String>,
        /// Language of the template.
        #[arg(long, default_value = "en", value_parser = super::Choice(&Language::ALL))]
        lang: Language,
        /// Your template folder.
        #[arg(
            short,
            long,
            value_name = "DIR",
            default_value = "my-templates",
            alias = "dir"
        )]
        output: PathBuf,
        #[arg(long, help = super::FORCE)]
        force: bool,
    },
    /// The data paths a template uses, through `#if`, `#each`, `#with` and partials.
    Vars {
        /// Kind of note or part.
        name: String,
        /// Language of the template.
        #[arg(long, default_value = "en", value_parser = super::Choice(&Language::ALL))]
        lang: Language,
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
pub fn run(args: Args) -> Result<(), Error> {
    // `templates check` lists the problems itself: no closing line telling to run it.
    let checking = matches!(args.command, Command::Check { .. });
    let templates = match &args.templates {
        Some(folder) => Templates::with_overrides(folder).map_err(|errors| Error::Templates {
            folder: Some(folder.clone()).filter(|_| !checking),
            errors,
        })?,
        None => Templates::builtin().map_err(|error| Error::Templates {
            folder: None,
            errors: vec![error],
        })?,
    };
    match args.command {
        Command::List => list(&templates),
        Command::Show { name, lang } => {
            let source = find(&templates, &name, lang)?;
            print!("{}", source.text);
            Ok(())
        }
        Command::New {
            name,
            from,
            lang,
            output,
            force,
        } => {
            // A name that is already a template (`closing`) is copied, so the copy replaces it;
            // copying `delegation` under a part's name would include itself.
            let from = from.unwrap_or_else(|| {
                let exists = templates
                    .source(&format!("{}/{name}", lang.code()))
                    .is_some();
                if exists {
                    name.clone()
                } else {
                    "delegation".into()
                }
            });
            new(&templates, &name, &from, lang, &output, force)
        }
        Command::Vars { name, lang } => vars(&templates, &name, lang),
        Command::Check { data } => check(&templates, data.as_deref()),
    }
}

fn find<'a>(
    templates: &'a Templates,
    name: &str,
    language: Language,
) -> Result<&'a template::Source, Error> {
    let full = format!("{}/{name}", language.code());
    templates.source(&full).ok_or_else(|| Error::NoTemplate {
        name: full.clone(),
        known: templates
            .sources()
            .iter()
            .filter(|s| s.language() == language.code())
            .map(|s| s.base().to_string())
            .collect(),
    })
}

fn list(templates: &Templates) -> Result<(), Error> {
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
) -> Result<(), Error> {
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !safe {
        return Err(Error::BadTemplateName {
            name: name.to_string(),
        });
    }
    let source = find(templates, from, language)?;
    let folder = dir.join(language.code());
    let path = folder.join(format!("{name}.hbs"));
    if path.exists() && !force {
        return Err(Error::Exists { path });
    }
    std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(&path, &source.text))
        .map_err(|source| {
            Error::Output(crate::output::OutputError::Io {
                path: path.clone(),
                source,
            })
        })?;
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

fn vars(templates: &Templates, name: &str, language: Language) -> Result<(), Error> {
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
        let error = Error::Templates {
            folder: None,
            errors: problems.iter().map(from_analysis).collect(),
        };
        eprint!("{}", error.render());
    }
    Ok(())
}

/// A problem the template analysis found, as every template problem is reported.
fn from_analysis(problem: &template::TemplateProblem) -> TemplateError {
    TemplateError {
        template: problem.template.clone(),
        file: problem.file.clone(),
        position: Some(problem.position),
        message: problem.message.clone(),
        hint: Some(problem.hint.clone()),
    }
}

/// `templates check`: every note and mail template analysed against the data model, then,
/// when the analysis finds nothing, rendered with the sample (or `--data`).
fn check(templates: &Templates, data: Option<&std::path::Path>) -> Result<(), Error> {
    let model = template::model_paths();
    let sample = check_data(data)?;
    let mut errors = Vec::new();
    let mut checked = 0;
    for source in templates.sources().iter().filter(|s| s.is_kind()) {
        checked += 1;
        check_kind(templates, source, &model, &sample, &mut errors);
    }
    for source in templates.sources().iter().filter(|s| s.is_mail()) {
        checked += 1;
        check_mail(templates, source, &model, &sample, &mut errors);
    }
    if !errors.is_empty() {
        // No folder: its closing line would tell to run this very command.
        return Err(Error::Templates {
            folder: None,
            errors: template::each_once(errors),
        });
    }
    println!("{checked} templates checked: no problems");
    Ok(())
}

/// The delegation `templates check` renders with: the file of `--data`, else the bundled sample.
fn check_data(data: Option<&std::path::Path>) -> Result<Delegation, Error> {
    let env = crate::Env::builtin(None)?;
    Ok(match data {
        Some(path) => crate::load(path, &env, &crate::model::Overrides::default())?.delegation,
        None => template::sample_delegation().map_err(|(source, diagnostics)| Error::Invalid {
            file: source.path.clone(),
            source: Some(source),
            diagnostics,
            hidden: 0,
        })?,
    })
}

/// Checks a note template: its analysis, then its rendering with `sample` and the parsing of
/// the markup it gives. Problems go to `errors`; a kind the data cannot fill is skipped.
fn check_kind(
    templates: &Templates,
    source: &template::Source,
    model: &template::Model,
    sample: &Delegation,
    errors: &mut Vec<TemplateError>,
) {
    let (_, mut problems) = template::check_template(templates, &source.name, model);
    problems.extend(templates.case_problems(&source.name));
    errors.extend(problems.iter().map(from_analysis));
    if !problems.is_empty() {
        return;
    }
    let Some((_, language)) = Language::ALL
        .iter()
        .find(|(code, _)| *code == source.language())
    else {
        return;
    };
    if let Some(lacking) = lacking(source.base(), sample).or_else(|| no_cases(*language, sample)) {
        println!("skipped {}: the data has no {lacking}", source.name);
        return;
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
    let rendered = templates.render(sample, &job).and_then(|markup| {
        markup::parse(&markup)
            .map(|_| ())
            .map_err(|e| TemplateError {
                template: source.name.clone(),
                file: None,
                position: None,
                message: format!(
                    "rendered with the sample, its markup is wrong at line {}: {}",
                    e.line, e.fault
                ),
                hint: None,
            })
    });
    if let Err(error) = rendered {
        errors.push(error);
    }
}

/// What the data lacks that the kind `base` needs, in backticks; `None` when it can be rendered.
fn lacking(base: &str, sample: &Delegation) -> Option<&'static str> {
    // A file given with `--data` may lack what some kinds need; those are skipped, not failed.
    match base {
        "amendment" if sample.meetings.first().is_none_or(|m| m.amends.is_none()) => {
            Some("`amends`")
        }
        "letter" if sample.signatory.is_none() => Some("`[signatory]`"),
        _ => None,
    }
}

/// What the data lacks to render a language whose names take cases: a file given with
/// `--data` in another language gives no name in its cases, so its Russian rendering is skipped.
fn no_cases(language: Language, sample: &Delegation) -> Option<&'static str> {
    let declined = sample
        .declensions
        .iter()
        .any(|d| d.language == language && d.forms.len() > 1);
    (language.declines() && !declined)
        .then_some("name in its cases (`ru = { nom = \"…\", gen = \"…\" }`)")
}

/// Checks a mail template: its analysis, then its rendering with `sample`'s first note.
/// Problems go to `errors`.
fn check_mail(
    templates: &Templates,
    source: &template::Source,
    model: &template::Model,
    sample: &Delegation,
    errors: &mut Vec<TemplateError>,
) {
    let (_, mut problems) = template::check_template(templates, &source.name, model);
    problems.extend(templates.case_problems(&source.name));
    errors.extend(problems.iter().map(from_analysis));
    let language = Language::ALL.iter().find(|(c, _)| *c == source.language());
    let language = language.filter(|(_, language)| no_cases(*language, sample).is_none());
    if let (true, Some((_, language))) = (problems.is_empty(), language) {
        let mut job = crate::plan::jobs(sample).remove(0);
        job.language = *language;
        if let Err(error) = templates.render_mail(sample, &job) {
            errors.push(error);
        }
    }
}
