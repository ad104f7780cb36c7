//! Unit tests of decoding and detection, through the public API.

use super::*;

fn auto(bytes: &[u8]) -> Result<Decoded> {
    decode_with(bytes.to_vec(), "t", &DecodeOptions::default())
}

fn lossy(bytes: &[u8], encoding: EncodingChoice) -> Decoded {
    decode_with(
        bytes.to_vec(),
        "t",
        &DecodeOptions {
            encoding,
            lossy: true,
        },
    )
    .unwrap()
}

fn with(bytes: &[u8], encoding: EncodingChoice) -> Result<Decoded> {
    decode_with(
        bytes.to_vec(),
        "t",
        &DecodeOptions {
            encoding,
            lossy: false,
        },
    )
}

const ZH: &str = "中华人民共和国国务院今天发布了关于进一步优化营商环境的若干意见，\
                      要求各地区各部门认真贯彻落实。\n";
const ZH_T: &str = "中華人民共和國國務院今天發布了關於進一步優化營商環境的若干意見，\
                        要求各地區各部門認真貫徹落實。\n";

fn enc(s: &str, e: &'static Encoding) -> Vec<u8> {
    let (b, _, bad) = e.encode(s);
    assert!(!bad);
    b.into_owned()
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

#[test]
fn bom_is_dropped_and_recorded() {
    let d = decode(b"\xEF\xBB\xBF\xE4\xB8\xAD".to_vec(), "x").unwrap();
    assert_eq!(d.text, "中");
    assert!(d.bom);
    let d = auto(b"\xEF\xBB\xBF\xE4\xB8\xAD").unwrap();
    assert_eq!((d.text.as_str(), d.encoding, d.bom), ("中", "utf-8", true));
}

#[test]
fn invalid_utf8_names_offset_in_original_bytes() {
    let err = decode(b"\xEF\xBB\xBFab\xFFc".to_vec(), "in.txt").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("in.txt"), "{msg}");
    assert!(msg.contains("byte offset 5"), "{msg}");
}

#[test]
fn truncated_multibyte_is_an_error() {
    let err = decode(b"\xE4\xB8".to_vec(), "t").unwrap_err();
    assert!(err.to_string().contains("byte offset 0"));
    // in Auto mode too: a UTF-8 text cut inside its last character
    let mut b = ZH.as_bytes().to_vec();
    b.extend_from_slice(b"\xE4\xB8");
    match auto(&b) {
        Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, ZH.len()),
        other => panic!("{other:?}"),
    }
    let d = lossy(&b, EncodingChoice::Auto);
    assert_eq!(d.encoding, "utf-8");
    assert_eq!(d.text, format!("{ZH}\u{FFFD}"));
    assert_eq!((d.replaced, d.replaced_at), (1, vec![ZH.len()]));
}

#[test]
fn empty_and_whitespace() {
    let d = auto(b"").unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("", "utf-8"));
    assert_eq!(auto(b" \n\t\r\n").unwrap().text, " \n\t\r\n");
    for e in [
        EncodingChoice::Gb18030,
        EncodingChoice::Big5,
        EncodingChoice::Utf16Le,
        EncodingChoice::Utf16Be,
    ] {
        assert_eq!(with(b"", e).unwrap().text, "");
    }
}

#[test]
fn utf16_with_bom() {
    let mut le = b"\xFF\xFE".to_vec();
    le.extend(utf16(ZH, true));
    let d = auto(&le).unwrap();
    assert_eq!((d.text.as_str(), d.encoding, d.bom), (ZH, "utf-16le", true));
    let mut be = b"\xFE\xFF".to_vec();
    be.extend(utf16(ZH, false));
    let d = auto(&be).unwrap();
    assert_eq!((d.text.as_str(), d.encoding, d.bom), (ZH, "utf-16be", true));
    // explicit choice drops its own BOM
    let d = with(&be, EncodingChoice::Utf16Be).unwrap();
    assert_eq!((d.text.as_str(), d.bom), (ZH, true));
}

#[test]
fn valid_utf8_of_odd_length_is_never_utf16() {
    // found by tests/properties.rs bytes_of_text_are_accepted
    let d = auto("a\0的".as_bytes()).unwrap();
    assert_eq!((d.encoding, d.text.as_str()), ("utf-8", "a\0的"));
}

#[test]
fn utf16_without_bom_by_nul_pattern() {
    let d = auto(&utf16(ZH, true)).unwrap();
    assert_eq!(
        (d.text.as_str(), d.encoding, d.bom),
        (ZH, "utf-16le", false)
    );
    let d = auto(&utf16(ZH, false)).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (ZH, "utf-16be"));
    // ASCII UTF-16 is valid UTF-8, still detected
    let d = auto(&utf16("hello, world\nsecond line\n", true)).unwrap();
    assert_eq!(d.encoding, "utf-16le");
    assert_eq!(d.text, "hello, world\nsecond line\n");
}

#[test]
fn lone_surrogate_is_undecodable() {
    let mut b = b"\xFF\xFE".to_vec();
    b.extend(utf16("中文", true));
    b.extend_from_slice(&0xD800u16.to_le_bytes());
    b.extend(utf16("好", true));
    match auto(&b) {
        Err(Error::Undecodable {
            encoding, offset, ..
        }) => assert_eq!((encoding.as_str(), offset), ("utf-16le", 6)),
        other => panic!("{other:?}"),
    }
    let d = lossy(&b, EncodingChoice::Auto);
    assert_eq!(d.text, "中文\u{FFFD}好");
    assert_eq!((d.replaced, d.replaced_at), (1, vec![6]));
    // an odd trailing byte
    match with(b"\x2D\x4E\x87", EncodingChoice::Utf16Le) {
        Err(Error::Undecodable { offset, .. }) => assert_eq!(offset, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn gb18030_and_big5_detected() {
    for s in [ZH, ZH_T] {
        let d = auto(&enc(s, encoding_rs::GB18030)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (s, "gb18030"));
    }
    let d = auto(&enc(ZH_T, encoding_rs::BIG5)).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (ZH_T, "big5"));
}

#[test]
fn explicit_choice_decodes_or_names_offset() {
    let gb = enc(ZH, encoding_rs::GB18030);
    let d = with(&gb, EncodingChoice::Gb18030).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (ZH, "gb18030"));
    // 华 is A3 BB..., not a valid UTF-8 start
    match with(&gb, EncodingChoice::Utf8) {
        Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, 0),
        other => panic!("{other:?}"),
    }
    // UTF-8 read as Big5: E4 B8 is fine, AD E5 is fine..., fails somewhere
    match with(ZH.as_bytes(), EncodingChoice::Big5) {
        Err(Error::Undecodable {
            encoding, offset, ..
        }) => {
            assert_eq!(encoding, "big5");
            assert!(offset < ZH.len());
        }
        other => panic!("{other:?}"),
    }
    // GB18030 BOM is dropped when GB18030 is chosen
    let mut b = b"\x84\x31\x95\x33".to_vec();
    b.extend_from_slice(&gb);
    let d = with(&b, EncodingChoice::Gb18030).unwrap();
    assert_eq!((d.text.as_str(), d.bom), (ZH, true));
}

#[test]
fn lossy_gb18030_counts_and_places() {
    let mut b = enc(ZH, encoding_rs::GB18030);
    b.insert(4, 0xFF);
    b.push(0xFF);
    let n = b.len();
    let d = lossy(&b, EncodingChoice::Gb18030);
    assert_eq!(d.replaced, 2);
    assert_eq!(d.replaced_at, vec![4, n - 1]);
    assert!(d.text.starts_with("中华\u{FFFD}人"));
    let err = with(&b, EncodingChoice::Gb18030).unwrap_err();
    assert!(
        err.to_string().contains("invalid gb18030 at byte offset 4"),
        "{err}"
    );
}

#[test]
fn replaced_at_is_capped() {
    let b = vec![0xFFu8; 300];
    let d = lossy(&b, EncodingChoice::Utf8);
    assert_eq!(d.replaced, 300);
    assert_eq!(d.replaced_at.len(), MAX_REPLACED_AT);
    assert_eq!(d.replaced_at[99], 99);
}

#[test]
fn binary_signatures_and_content() {
    let png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
    for e in [
        EncodingChoice::Auto,
        EncodingChoice::Utf8,
        EncodingChoice::Gb18030,
    ] {
        match with(png, e) {
            Err(Error::Binary { reason, .. }) => assert!(reason.contains("PNG"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }
    // NUL in an input that is not UTF-8 and not UTF-16
    let mut b = enc(ZH, encoding_rs::GB18030);
    b.insert(3, 0);
    assert!(matches!(auto(&b), Err(Error::Binary { .. })));
    // many controls in an input that is not UTF-8
    let mut b = enc(ZH, encoding_rs::GB18030);
    b.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
    match auto(&b) {
        Err(Error::Binary { reason, .. }) => assert!(reason.contains("control"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // valid UTF-8 is text, however many controls it holds
    let d = auto(&[0u8, 1, 2, 3, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0]).unwrap();
    assert_eq!(d.encoding, "utf-8");
}

#[test]
fn rare_nul_in_utf8_is_text() {
    let s = format!("{ZH}\0{ZH}\u{1}{ZH}\u{85}");
    let d = auto(s.as_bytes()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (s.as_str(), "utf-8"));
}

#[test]
fn damaged_utf8_is_utf8() {
    let s = format!("{ZH}\u{FF}{ZH}");
    let mut b = ZH.as_bytes().to_vec();
    b.push(0xFF);
    b.extend_from_slice(ZH.as_bytes());
    match auto(&b) {
        Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, ZH.len()),
        other => panic!("{other:?}"),
    }
    let d = lossy(&b, EncodingChoice::Auto);
    assert_eq!(d.encoding, "utf-8");
    assert_eq!(d.text, s.replace('\u{FF}', "\u{FFFD}"));
}

#[test]
fn valid_utf8_is_not_copied() {
    let v = ZH.repeat(100).into_bytes();
    let ptr = v.as_ptr();
    let d = decode_with(v, "t", &DecodeOptions::default()).unwrap();
    assert_eq!(d.text.as_ptr(), ptr);
    assert_eq!(d.text, ZH.repeat(100));
}

#[test]
fn legacy_decode_allocates_once() {
    let b = enc(&ZH.repeat(200), encoding_rs::GB18030);
    let d = with(&b, EncodingChoice::Gb18030).unwrap();
    assert_eq!(d.text, ZH.repeat(200));
    assert_eq!(d.text.capacity(), d.text.len());
}
