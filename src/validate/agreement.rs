//! Stated grammatical number and gender: `number = "plural"`, `gender = "f"`.

use crate::parse::Field;

use super::Validator;

impl Validator<'_> {
    /// An optional choice: `None` when the key is absent (the name or title then tells).
    pub(super) fn stated<T: Copy>(
        &mut self,
        field: &Field<String>,
        key: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let (_, first) = *choices.first()?;
        field
            .given()
            .map(|_| self.choice(field, key, choices, first))
    }
}
