//! The report checks both fuzz targets make.

use zhclean::report::DocReport;

/// The report's removed `byte_range`s are sorted, non-empty, non-overlapping, on
/// character boundaries and within the decoded `text`; `char_range`s agree with them;
/// `chars_in` and `chars_removed` add up.
pub fn check_tiling(text: &str, r: &DocReport) {
    assert_eq!(r.chars_in, text.chars().count(), "chars_in");
    let mut end = 0;
    let mut removed = 0;
    for (i, m) in r.removed.iter().enumerate() {
        let [a, b] = m.byte_range;
        assert!(
            a >= end && a < b && b <= text.len(),
            "removal {i}: byte_range {:?} after {end}, text {} bytes; all: {:?}",
            m.byte_range,
            text.len(),
            r.removed.iter().map(|m| m.byte_range).collect::<Vec<_>>()
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "removal {i}: byte_range {:?} not on char boundaries",
            m.byte_range
        );
        let c0 = text[..a].chars().count();
        let c1 = c0 + text[a..b].chars().count();
        assert_eq!(m.char_range, [c0, c1], "removal {i}: char_range");
        assert_eq!(m.chars, c1 - c0, "removal {i}: chars");
        removed += m.chars;
        end = b;
    }
    assert_eq!(r.chars_removed, removed, "chars_removed");
}
