//! Reading inputs: a file, or stdin for no path or `-`.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// The bytes of a file, or of stdin when `path` is `None`.
pub fn read(path: Option<&Path>) -> Result<Vec<u8>> {
    match path {
        Some(p) => std::fs::read(p).map_err(|e| Error::Read {
            path: p.display().to_string(),
            err: e,
        }),
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Error::Read {
                    path: "<stdin>".to_string(),
                    err: e,
                })?;
            Ok(buf)
        }
    }
}
