//! Tests through the binary, one module per feature.

mod support;

mod agreement;
mod arabic;
mod arabic_docx;
mod bad_input;
mod batch;
mod bilingual;
mod breaking;
mod chinese;
mod commands;
mod continued;
mod entries;
mod generate;
mod hostile;
mod import;
mod interop;
mod languages;
mod layers;
mod layout;
mod mail;
mod member_languages;
mod ordinals;
mod output_files;
mod pages;
mod protocol;
mod register;
mod register_postgres;
mod russian;
mod serve;
mod serve_browser;
mod serve_picture;
mod serve_send;
mod stationery;
mod templates;
mod wording;
