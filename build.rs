//! Build script: puts the git commit of the source and the version of the bundled
//! OpenCC data into `zhclean --version` (env `ZHCLEAN_GIT_COMMIT`,
//! `ZHCLEAN_OPENCC_DATA`). Without git, or outside a checkout (a crates.io package),
//! the commit is `unknown`; nothing here fails the build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ZHCLEAN_GIT_COMMIT={commit}");
    // rebuild when HEAD moves: the checkout's HEAD, its branch refs, packed refs
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!(
            "cargo:rerun-if-changed={}",
            Path::new(&dir).join("HEAD").display()
        );
    }
    if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
        let common = PathBuf::from(common);
        for p in ["refs/heads", "packed-refs"] {
            if common.join(p).exists() {
                println!("cargo:rerun-if-changed={}", common.join(p).display());
            }
        }
    }
    // data/opencc/VERSION: "BYVoid/OpenCC <commit> data/dictionary, Apache-2.0 …"
    println!("cargo:rerun-if-changed=data/opencc/VERSION");
    let opencc = std::fs::read_to_string("data/opencc/VERSION")
        .ok()
        .and_then(|v| {
            let first = v.lines().next()?.to_string();
            let commit = first.split_whitespace().nth(1)?.to_string();
            Some(commit.chars().take(7).collect::<String>())
        })
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ZHCLEAN_OPENCC_DATA={opencc}");
}
