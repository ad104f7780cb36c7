//! The `opencc-cpp` script backend: [`CppConverter`], a [`ScriptConverter`] that calls the system OpenCC C++ library.
//!
//! It links Debian's `libopencc-dev` (OpenCC 1.1.x) through opencc-rust 1.1 and reads the
//! configuration and dictionary files that `libopencc-data` installs under
//! [`DEFAULT_CONFIG_DIR`], so its output is byte for byte what `opencc -c t2s` (and so on) prints.
//!
//! Notes on opencc-rust 1.1 that shape this file:
//! - `OpenCC::convert` copies its input into a `CString` and panics on a NUL byte, so
//!   [`CppConverter::convert`] splits the text at `'\0'`, converts the pieces and rejoins them.
//! - `OpenCC::convert_to_buffer` reserves only twice the input length before the C++ side
//!   writes into it, so it is not used.
//! - `OpenCC::new` panics on a path that is not UTF-8 or holds a NUL, and accepts a bare file
//!   name (`DefaultConfig::T2S` is just `"t2s.json"`, looked up in the working directory first),
//!   so the constructor checks and passes absolute paths itself.
//! - `OpenCC` is `Send + Sync`; OpenCC's converters are read-only after loading and upstream
//!   states that concurrent use of one converter is safe, so no lock is taken.

use std::fmt;
use std::path::{Path, PathBuf};

use opencc_rust::OpenCC;

use super::script::{ScriptConverter, Target};

/// Where Debian's `libopencc-data` installs OpenCC's `*.json` configurations and `*.ocd2` dictionaries.
pub const DEFAULT_CONFIG_DIR: &str = "/usr/share/opencc";

const INSTALL_HINT: &str = "install the system OpenCC with `apt-get install libopencc-dev opencc`";

/// Script conversion through the system OpenCC, one loaded converter per target.
pub struct CppConverter {
    config_dir: PathBuf,
    t2s: OpenCC,
    s2t: OpenCC,
    s2tw: OpenCC,
    s2hk: OpenCC,
}

impl CppConverter {
    /// Load `t2s`, `s2t`, `s2tw` and `s2hk` from [`DEFAULT_CONFIG_DIR`].
    pub fn new() -> Result<CppConverter, String> {
        CppConverter::from_dir(Path::new(DEFAULT_CONFIG_DIR))
    }

    /// Load `t2s`, `s2t`, `s2tw` and `s2hk` from the `*.json` configurations in `dir`.
    pub fn from_dir(dir: &Path) -> Result<CppConverter, String> {
        Ok(CppConverter {
            config_dir: dir.to_path_buf(),
            t2s: open(dir, "t2s")?,
            s2t: open(dir, "s2t")?,
            s2tw: open(dir, "s2tw")?,
            s2hk: open(dir, "s2hk")?,
        })
    }

    fn converter(&self, target: Target) -> Option<&OpenCC> {
        match target {
            Target::ZhHans => Some(&self.t2s),
            Target::ZhHant => Some(&self.s2t),
            Target::ZhTw => Some(&self.s2tw),
            Target::ZhHk => Some(&self.s2hk),
            Target::Keep => None,
        }
    }
}

fn open(dir: &Path, config: &str) -> Result<OpenCC, String> {
    let path = dir.join(format!("{config}.json"));
    let shown = path.display();
    if !path.is_file() {
        return Err(format!(
            "OpenCC configuration {shown} not found: {INSTALL_HINT}"
        ));
    }
    let Some(utf8) = path.to_str().filter(|p| !p.contains('\0')) else {
        return Err(format!(
            "OpenCC configuration path {shown} is not valid UTF-8 or holds a NUL byte"
        ));
    };
    OpenCC::new(utf8).map_err(|e| {
        format!(
            "OpenCC could not load {shown} ({e}); its dictionaries must sit beside it: {INSTALL_HINT}"
        )
    })
}

fn convert_piece(opencc: &OpenCC, piece: &str) -> String {
    if piece.is_empty() {
        String::new()
    } else {
        opencc.convert(piece)
    }
}

impl ScriptConverter for CppConverter {
    fn convert(&self, text: &str, target: Target) -> String {
        let Some(opencc) = self.converter(target) else {
            return text.to_owned();
        };
        if !text.contains('\0') {
            return convert_piece(opencc, text);
        }
        let mut out = String::with_capacity(text.len());
        for (i, piece) in text.split('\0').enumerate() {
            if i > 0 {
                out.push('\0');
            }
            out.push_str(&convert_piece(opencc, piece));
        }
        out
    }

    fn name(&self) -> &'static str {
        "opencc-cpp"
    }
}

impl fmt::Debug for CppConverter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CppConverter")
            .field("config_dir", &self.config_dir)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cpp() -> CppConverter {
        CppConverter::new().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn converts_traditional_to_simplified() {
        assert_eq!(cpp().convert("漢字", Target::ZhHans), "汉字");
    }

    #[test]
    fn converts_simplified_to_each_traditional_target() {
        let c = cpp();
        let text = "台湾的里面着为线";
        assert_eq!(c.convert(text, Target::ZhHant), "臺灣的裏面着爲線");
        assert_eq!(c.convert(text, Target::ZhTw), "臺灣的裡面著為線");
        assert_eq!(c.convert(text, Target::ZhHk), "台灣的裏面着為線");
    }

    #[test]
    fn nul_bytes_survive_without_panic() {
        let c = cpp();
        assert_eq!(c.convert("漢\0字", Target::ZhHans), "汉\0字");
        assert_eq!(c.convert("\0漢字\0\0", Target::ZhHans), "\0汉字\0\0");
        assert_eq!(c.convert("\0", Target::ZhHant), "\0");
    }

    #[test]
    fn keep_returns_input() {
        let c = cpp();
        for text in ["漢字 汉字", "a\0b", ""] {
            assert_eq!(c.convert(text, Target::Keep), text);
        }
    }

    #[test]
    fn empty_and_ascii_pass_through() {
        let c = cpp();
        assert_eq!(c.convert("", Target::ZhHans), "");
        assert_eq!(c.convert("abc 123\n", Target::ZhHk), "abc 123\n");
    }

    #[test]
    fn punctuation_is_left_alone() {
        assert_eq!(
            cpp().convert("「漢字」，說：“對！”", Target::ZhHans),
            "「汉字」，说：“对！”"
        );
    }

    #[test]
    fn missing_config_names_path_and_package() {
        let err = CppConverter::from_dir(Path::new("/nonexistent/opencc")).unwrap_err();
        assert!(err.contains("/nonexistent/opencc/t2s.json"), "{err}");
        assert!(
            err.contains("apt-get install libopencc-dev opencc"),
            "{err}"
        );
    }

    #[test]
    fn shared_across_threads_gives_same_output() {
        let c = cpp();
        let text = "憂鬱的臺灣烏龜在雲霧裡說話。".repeat(200);
        let want = c.convert(&text, Target::ZhHans);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| c.convert(&text, Target::ZhHans)))
                .collect();
            for h in handles {
                assert_eq!(h.join().unwrap(), want);
            }
        });
    }
}
