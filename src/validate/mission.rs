//! The mission.

use crate::model::{Local, Mission, Number};
use crate::parse::{Field, LocalText, RawLocal, RawMission, Sp};

use super::{Needed, Validator};

impl Validator<'_> {
    pub(super) fn mission(&mut self, raw: &RawMission, needed: &[Needed]) -> Option<Mission> {
        let place = "in `[mission]`";
        let local = |v: &mut Self, field: &LocalText, key: &str, required: bool| {
            v.local(
                field,
                key,
                &format!("mission.{key}"),
                &raw.span,
                place,
                needed,
                required,
            )
        };
        let name = local(self, &raw.name, "name", true);
        let short_name = local(self, &raw.short_name, "short_name", true);
        let city = local(self, &raw.city, "city", true);
        let state = local(self, &raw.state, "state", false);
        let emblem = match raw.emblem.given() {
            Some(path) => Some(self.image(path)?),
            None => None,
        };
        let email = self.sender(&raw.email, &raw.span);
        let reference_pattern = raw
            .reference_pattern
            .given()
            .and_then(|pattern| self.reference_pattern(pattern));
        let number = self.stated(&raw.number, "number", &Number::ALL);
        let state_number = self.stated(&raw.state_number, "state_number", &Number::ALL);
        let address = self.mission_address(&raw.address, needed);
        let phone = self.optional(&raw.phone, "phone");
        let seal = match raw.seal.given() {
            Some(path) => Some(self.picture(path, "seal", "2.5 cm")?),
            None => None,
        };
        let initials = self.optional(&raw.initials, "initials");
        Some(Mission {
            address: address.ok()?,
            phone,
            seal,
            initials,
            email,
            number,
            state_number,
            name: name.ok()??,
            short_name: short_name.ok()??,
            city: city.ok()??,
            state: state.ok()?,
            emblem,
            reference_pattern,
        })
    }

    /// `[mission] address`: lines once or per language, as a recipient's address.
    /// `Err` means a problem was reported.
    fn mission_address(
        &mut self,
        field: &Field<RawLocal<Vec<Sp<String>>>>,
        needed: &[Needed],
    ) -> Result<Option<Local<Vec<String>>>, ()> {
        let given = match field {
            Field::Absent => return Ok(None),
            Field::Invalid => return Err(()),
            Field::Given(given) => given,
        };
        self.local_lines(given, "mission.address", needed, Self::lines)
            .map(Some)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use crate::input::Source;
    use crate::model::ImageFormat;
    use crate::validate::tests::{check, run, BASE};

    #[test]
    fn names_and_city() {
        check(&[
            (
                "name = \"Permanent Mission of Examplestan\"\n",
                "",
                "missing field `name` in `[mission]`",
                "3:1",
                "add `name = \"...\"`",
            ),
            (
                "short_name = \"Mission of Examplestan\"\n",
                "",
                "missing field `short_name` in `[mission]`",
                "3:1",
                "",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "\n[[meeting]]",
                "missing field `city` in `[mission]`",
                "3:1",
                "",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = \"Geneva\"\nstate = \"\"\n\n[[meeting]]",
                "`state` is empty",
                "7:9",
                "remove the line if it is optional",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = \"Geneva\"\nstate = { fr = \"l'Examplestan\" }\n\n[[meeting]]",
                "`mission.state` has no English text (`en`)",
                "7:9",
                "",
            ),
            (
                "short_name = \"Mission of Examplestan\"",
                "short_name = { en = 3 }",
                "`en` must be a string, not an integer",
                "5:21",
                "",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = \"Geneva\"\nemblme = \"emblem.png\"\n\n[[meeting]]",
                "unknown field `emblme` in `[mission]`",
                "7:1",
                "did you mean `emblem`?",
            ),
        ]);
    }

    /// The problems of the base file with `emblem = "<name>"`, the file being `contents`
    /// beside the delegation file.
    fn emblem_problems(name: &str, contents: Option<&[u8]>) -> Vec<(String, String)> {
        let dir = tempfile::tempdir().unwrap();
        if let Some(bytes) = contents {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let text = BASE.replace(
            "city = \"Geneva\"\n\n[[meeting]]",
            &format!("city = \"Geneva\"\nemblem = \"{name}\"\n\n[[meeting]]"),
        );
        let source = Source::in_memory(dir.path().join("delegation.toml"), text);
        match run(&source, None, &[]) {
            Ok(_) => vec![],
            Err(problems) => problems.into_iter().map(|p| (p.message, p.at)).collect(),
        }
    }

    #[test]
    fn the_emblem_is_a_readable_png_or_jpeg() {
        let missing = emblem_problems("emblem.png", None);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(
            missing[0].0.starts_with("cannot read the emblem `"),
            "{missing:?}"
        );
        assert_eq!(missing[0].1, "7:10");
        assert_eq!(
            emblem_problems("emblem.gif", Some(b"GIF89a\x01\x00\x01\x00")),
            [(
                "the emblem `emblem.gif` is not a PNG or JPEG image".to_string(),
                "7:10".to_string()
            )]
        );
        // A PNG cut off in its header: the size cannot be read.
        let png = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/examplestan-emblem.png"
        ))
        .unwrap();
        assert_eq!(
            emblem_problems("emblem.png", Some(&png[..18])),
            [(
                "the emblem `emblem.png` is damaged: its size cannot be read".to_string(),
                "7:10".to_string()
            )]
        );
    }

    #[test]
    fn a_png_emblem_is_read_with_its_size() {
        let png = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/examplestan-emblem.png"
        ))
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("emblem.png"), &png).unwrap();
        let text = BASE.replacen(
            "city = \"Geneva\"\n",
            "city = \"Geneva\"\nemblem = \"emblem.png\"\n",
            1,
        );
        let source = Source::in_memory(dir.path().join("delegation.toml"), text);
        let delegation = run(&source, None, &[]).expect("valid");
        let emblem = delegation.mission.emblem.expect("an emblem");
        assert_eq!(emblem.format, ImageFormat::Png);
        assert_eq!((emblem.width_px, emblem.height_px), (240, 280));
        assert_eq!(*emblem.bytes, png);
    }
}
