//! Bytes → the review-state parser: nothing panics, and a state that
//! parses is written back as text that parses to the same state.

#![no_main]

use brief::review::Review;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(review) = Review::from_toml(text) else {
        return;
    };
    let written = review.to_toml();
    let back = Review::from_toml(&written)
        .unwrap_or_else(|why| panic!("a saved state does not read back ({why}):\n{written}"));
    assert_eq!(
        back, review,
        "the state changed on a round trip:\n{written}"
    );
});
