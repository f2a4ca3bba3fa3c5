//! Bytes → loader → validation → diagnostics, and for a valid briefing its
//! Markdown and JSON exports: nothing panics, and nothing printed holds a
//! character that could drive or disguise the terminal. The same text
//! loaded in small pieces (the parallel loader's path, forced on a small
//! file) must give exactly what the whole-file load gives.

#![no_main]

use brief::export::{self, Export};
use brief::review::Review;
use brief::sanitize::is_unsafe;
use libfuzzer_sys::fuzz_target;

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!("raw {c:?} in the {what}:\n{text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is refused before parsing by `check_file`; the lossy
    // text still exercises the parser on the rest.
    let text = String::from_utf8_lossy(data);
    // A hostile file name too: it is printed in every message.
    let name = "fuzz\u{1b}]0;x\u{7}\n.toml";
    let checked = brief::load::check_str_with(&text, name, None);
    let pieces = brief::load::check_str_with(&text, name, Some(1 + data.len() % 509));
    assert_eq!(
        format!("{:?}", pieces.briefing),
        format!("{:?}", checked.briefing),
        "loading in pieces gives another briefing"
    );
    assert_eq!(
        pieces.report.diagnostics, checked.report.diagnostics,
        "loading in pieces gives other diagnostics"
    );
    // Rendered once: an unclosed array can give thousands of diagnostics.
    assert_clean("report", &checked.report.render());
    for diagnostic in &checked.report.diagnostics {
        if let Some(span) = &diagnostic.span {
            assert!(span.start <= text.len(), "span {span:?} past the end");
        }
    }
    let Some(briefing) = checked.briefing else {
        return;
    };
    if checked.report.has_errors() {
        return;
    }
    let review = Review::new(&briefing.meta.id);
    let export = Export::new(&briefing, &review, None);
    assert_clean("Markdown export", &export::markdown(&export));
    assert_clean("JSON export", &export::json(&export));
});
