//! Arbitrary bytes in place of one of the shipped article's three files: the loader must
//! answer Ok or a located error, never panic or overflow its stack.
#![no_main]

use gut_skin_viewer::article::load;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file to replace; the rest is its content.
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let mut texts = load::embedded_texts();
    if let Ok(text) = load::decode("fuzz", rest.to_vec()) {
        texts.texts[usize::from(which % 3)] = text;
        let _ = load::load_texts(&texts);
    }
});
