//! The whole pipeline on arbitrary bytes: `Cleaner::clean_bytes` with detection and
//! lossy decoding. Checks that
//! - nothing panics, and every input decodes unless it is refused as binary or as
//!   ambiguous (short legacy text that reads equally well as GB18030 and Big5);
//! - the report's removed `byte_range`s are sorted, non-empty, non-overlapping, on
//!   character boundaries and within the decoded text, `char_range`s agree with them,
//!   and the kept characters plus the removed ones are the input's (`chars_in`);
//! - cleaning is idempotent: cleaning the output again gives the same text.
//!
//! `ZHCLEAN_FUZZ_SKIP_IDEMPOTENCE=1` turns the last check off, so that the others can
//! be fuzzed past known idempotence bugs (tests/properties.rs lists them).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use zhclean::decode::{decode_with, DecodeOptions, EncodingChoice};
use zhclean::{Cleaner, Config, Error};

const OPTS: DecodeOptions = DecodeOptions {
    encoding: EncodingChoice::Auto,
    lossy: true,
};

static CHECK_IDEMPOTENCE: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("ZHCLEAN_FUZZ_SKIP_IDEMPOTENCE").is_none_or(|v| v != "1"));

static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(Config {
        decode: OPTS,
        ..Config::default()
    })
});

fuzz_target!(|data: &[u8]| {
    let out = match CLEANER.clean_bytes(data.to_vec(), None) {
        Ok(out) => out,
        // refused: binary, or short legacy text that reads equally well in two encodings
        Err(Error::Binary { .. } | Error::AmbiguousEncoding { .. }) => return,
        Err(e) => panic!("lossy decoding failed: {e}"),
    };
    let text = decode_with(data.to_vec(), "fuzz", &OPTS)
        .expect("decodes as clean_bytes did")
        .text;
    common::check_tiling(&text, &out.report);
    if !*CHECK_IDEMPOTENCE {
        return;
    }
    let again = CLEANER.clean_text(&out.text, None);
    assert!(
        again.text == out.text,
        "not idempotent\n input: {:?}\n once:  {:?}\n twice: {:?}",
        text,
        out.text,
        again.text
    );
});
