//! Inputs cleaned window by window (`zhclean::stream`) on arbitrary bytes, with the
//! smallest window (1 KiB, pieces of 1 KiB for long lines) so that every input of a
//! few KB spans several. Checks that nothing panics, that the output is UTF-8 and
//! `chars_out` counts it, and
//! that the removals, shifted to whole-input offsets across windows, tile the
//! decoded input exactly as for a document cleaned whole.
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

static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(Config {
        decode: OPTS,
        window_bytes: 1024,
        ..Config::default()
    })
});

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut removed = Vec::new();
    let mut sink = |r| {
        removed.push(r);
        Ok(())
    };
    let streamed = match zhclean::windows::clean(
        &CLEANER,
        data.to_vec(),
        std::io::empty(),
        &mut out,
        &mut sink,
        None,
        "<fuzz>",
    ) {
        Ok(s) => s,
        Err(Error::Binary { .. } | Error::AmbiguousEncoding { .. }) => return,
        Err(e) => panic!("lossy windowed cleaning failed: {e}"),
    };
    let out = String::from_utf8(out).expect("output is UTF-8");
    assert_eq!(
        streamed.report.chars_out,
        out.chars().count(),
        "chars_out counts what was written"
    );
    let Ok(decoded) = decode_with(data.to_vec(), "fuzz", &OPTS) else {
        return; // the whole-input detection may refuse what the first window did not
    };
    let mut report = streamed.report;
    report.removed = removed;
    if report.encoding == decoded.encoding {
        common::check_tiling(&decoded.text, &report);
    }
});
