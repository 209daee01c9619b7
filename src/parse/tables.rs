//! The tables of a delegation file, each declared once: its fields, the keys it allows (each
//! field's name, or the key given with `as`) and how each is read, all from one list.

use toml::de::DeTable;

use super::{Field, LocalText, RawLocal, Reader, Sp, TableSpan};
use crate::dates::Date;

/// A field's key in the file: its name, or the key given with `as`.
macro_rules! key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $key:literal) => {
        $key
    };
}

/// Declares a raw table: the struct (with its span), `KEYS` (every key it allows, in order)
/// and `read`, which reports unknown keys at `place` and reads each field with its reader.
macro_rules! table {
    (
        $(#[$doc:meta])*
        pub struct $name:ident in $place:literal {
            $( $(#[$field_doc:meta])* $field:ident $(as $key:literal)? : $type:ty = $read:expr, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            /// The table's span (its header, or the whole inline table).
            pub span: TableSpan,
            $( $(#[$field_doc])* pub $field: $type, )*
        }

        impl $name {
            /// Every key the table allows, in the order of its fields.
            pub const KEYS: &'static [&'static str] = &[$( key!($field $(, $key)?) ),*];

            /// Reads the table at `span`, reporting the keys it does not allow.
            pub(super) fn read(reader: &mut Reader, table: &DeTable, span: TableSpan) -> $name {
                reader.check_keys(table, Self::KEYS, $place);
                $name {
                    span,
                    $( $field: ($read)(reader, table, key!($field $(, $key)?)), )*
                }
            }
        }
    };
}

table! {
    /// The delegation file as written.
    pub struct RawDelegation in "at the top level" {
        /// `language`.
        language: Field<String> = Reader::string,
        /// `paper`.
        paper: Field<String> = Reader::string,
        /// `pdf_a`: `"1b"` or `"2b"`.
        pdf_a: Field<String> = Reader::string,
        /// `templates`: a folder of templates, relative to the file.
        templates: Field<String> = Reader::string,
        /// `register`: the register's file (relative to the file) or PostgreSQL URL.
        register: Field<String> = Reader::string,
        /// `[mission]`, if present.
        mission: Option<RawMission> = |r: &mut Reader, t, k| r.one(t, k, RawMission::read),
        /// `[[meeting]]` tables.
        meetings as "meeting": Vec<RawMeeting> = |r: &mut Reader, t, k| r.many(t, k, RawMeeting::read),
        /// `[[member]]` tables.
        members as "member": Vec<RawMember> = |r: &mut Reader, t, k| r.many(t, k, RawMember::read),
        /// `[members]`: the members are read from a spreadsheet.
        members_from as "members": Option<RawMembersFrom> =
            |r: &mut Reader, t, k| r.one(t, k, RawMembersFrom::read),
        /// `[signatory]`, if present.
        signatory: Option<RawSignatory> = |r: &mut Reader, t, k| r.one(t, k, RawSignatory::read),
    }
}

table! {
    /// `[mission]`.
    pub struct RawMission in "in `[mission]`" {
        /// `name`: the mission's name, as the subject of a sentence.
        name: LocalText = Reader::local_name,
        /// `short_name`: the name after its first mention.
        short_name: LocalText = Reader::local_name,
        /// `city`: where the mission is.
        city: LocalText = Reader::local_name,
        /// `state`: the State the mission represents.
        state: LocalText = Reader::local_name,
        /// `emblem`: the letterhead's image (relative to the file).
        emblem: Field<String> = Reader::string,
        /// `email`: the mission's address, the mail drafts' sender.
        email: Field<String> = Reader::string,
        /// `reference_pattern`: how the register numbers notes (`GVA/{year}/{seq:04}`).
        reference_pattern: Field<String> = Reader::string,
        /// `number`: the grammatical number of `name` where its article does not tell.
        number: Field<String> = Reader::string,
        /// `state_number`: the grammatical number of `state`.
        state_number: Field<String> = Reader::string,
        /// `address`: the mission's postal address, printed under the letterhead.
        address: Field<RawLocal<Vec<Sp<String>>>> = Reader::local_strings,
        /// `phone`: printed with the address.
        phone: Field<String> = Reader::string,
        /// `seal`: an image set in the seal space (relative to the file).
        seal: Field<String> = Reader::string,
        /// `initials`: printed in the seal space.
        initials: Field<String> = Reader::string,
    }
}

table! {
    /// `[signatory]`: who signs an organization's letter.
    pub struct RawSignatory in "in `[signatory]`" {
        /// `name`.
        name: Field<String> = Reader::string,
        /// `title`: the signatory's function.
        title: LocalText = Reader::local_string,
    }
}

table! {
    /// `amends = { reference = "...", date = ... }`.
    pub struct RawAmends in "in `amends`" {
        /// `reference`: the earlier note's reference.
        reference: Field<String> = Reader::string,
        /// `date`: the earlier note's date.
        date: Field<Date> = Reader::date,
    }
}

table! {
    /// One `[[meeting]]`.
    pub struct RawMeeting in "in `[[meeting]]`" {
        /// `id`: the meeting's name in file names.
        id: Field<String> = Reader::string,
        /// `title`: the meeting's name in the note.
        title: LocalText = Reader::local_name,
        /// `city`: where it is held.
        city: LocalText = Reader::local_name,
        /// `language`: the note's language.
        language: Field<String> = Reader::string,
        /// `languages`: a note in each of these languages.
        languages: Field<Vec<Sp<String>>> = Reader::strings,
        /// `kind`: the kind of note (its template).
        kind: Field<String> = Reader::string,
        /// `amends`: the note an amendment changes.
        amends: Option<RawAmends> = |r: &mut Reader, t, k| r.one(t, k, RawAmends::read),
        /// `start`: the meeting's first day.
        start: Field<Date> = Reader::date,
        /// `end`: the meeting's last day.
        end: Field<Date> = Reader::date,
        /// `reference`: the note's reference, or `"auto"`.
        reference: Field<String> = Reader::string,
        /// `date`: the note's date.
        date: Field<Date> = Reader::date,
        /// `[meeting.recipient]`: to whom the note goes.
        recipient: Option<RawRecipient> = |r: &mut Reader, t, k| r.one(t, k, RawRecipient::read),
        /// `mail_cc`: copies of the mail draft.
        mail_cc: Field<Vec<Sp<String>>> = Reader::strings,
        /// `enclosure`: one enclosure, or a list; or a table of them by language.
        enclosure: Field<RawLocal<Vec<Sp<String>>>> = Reader::lines,
        /// `cc`: the printed copy line; or a table of them by language.
        cc: Field<RawLocal<Vec<Sp<String>>>> = Reader::lines,
        /// `subject`: a letter's subject line; or a table of them by language.
        subject: LocalText = Reader::local_string,
    }
}

table! {
    /// `[meeting.recipient]`.
    pub struct RawRecipient in "in `[meeting.recipient]`" {
        /// `name`: the addressee.
        name: LocalText = Reader::local_name,
        /// `address`: the address block's lines.
        address: Field<RawLocal<Vec<Sp<String>>>> = Reader::local_strings,
        /// `email`: where the mail draft goes.
        email: Field<String> = Reader::string,
        /// `number`: the grammatical number of `name`.
        number: Field<String> = Reader::string,
        /// `gender`: `m` or `f`, the grammatical gender of `name` (Arabic: تبلغه / تبلغها).
        gender: Field<String> = Reader::string,
    }
}

table! {
    /// One `[[member]]`.
    pub struct RawMember in "in `[[member]]`" {
        /// `role`: head, deputy, representative, ...
        role: Field<String> = Reader::string,
        /// `title`: `Mr.`, `H.E. Ms.`, ...
        title: LocalText = Reader::local_string,
        /// `name`: the full name, exactly as written.
        name: Field<String> = Reader::string,
        /// `function`: rank or function.
        function: LocalText = Reader::local_string,
        /// `institution`: ministry or institution.
        institution: LocalText = Reader::local_string,
        /// `email`.
        email: Field<String> = Reader::string,
        /// `meetings`: the meeting ids this member attends (all when absent).
        meetings: Field<Vec<Sp<String>>> = Reader::strings,
        /// `change`: for amendments, how this member changes.
        change: Field<String> = Reader::string,
        /// `gender`: `f` or `m`, where the title does not tell.
        gender: Field<String> = Reader::string,
        /// `attends`: in person, online, ...
        attends: Field<String> = Reader::string,
        /// `replaces`: whom a new head replaces.
        replaces: LocalText = Reader::local_string,
    }
}

table! {
    /// `[members]`: where a spreadsheet of members is.
    pub struct RawMembersFrom in "in `[members]`" {
        /// `from`: the spreadsheet, relative to the file.
        from: Field<String> = Reader::string,
        /// `sheet`: the sheet to read; the first when absent.
        sheet: Field<String> = Reader::string,
        /// `[members.columns]`: header (with its span) -> field, in file order.
        columns: Vec<(Sp<String>, Sp<String>)> = Reader::columns,
    }
}
