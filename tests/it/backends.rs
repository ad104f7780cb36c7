//! The two script converters agree on the seed article (`--features opencc-cpp`, which
//! needs Debian's libopencc-dev; `.ci/run` installs it and runs this).
#![cfg(feature = "opencc-cpp")]

use zhclean::normalize::opencc_cpp::CppConverter;
use zhclean::{Cleaner, Config};

#[test]
fn fmmseg_and_system_opencc_agree_on_the_seed() {
    let seed = std::fs::read_to_string("fixtures/seed/000_c23f71ea9a2bd46e.txt").unwrap();
    let rust = Cleaner::new(Config::default()).clean_text(&seed, None);
    let cpp = Cleaner::with_converter(
        Config::default(),
        Box::new(CppConverter::new().expect("system OpenCC installed")),
    )
    .clean_text(&seed, None);
    assert!(
        rust.report.script.converted_chars > 400,
        "the seed is Traditional"
    );
    assert_eq!(rust.text, cpp.text);
    assert_eq!(
        rust.report.script.converted_chars,
        cpp.report.script.converted_chars
    );
    assert_eq!(cpp.report.script.converter, "opencc-cpp");
}
