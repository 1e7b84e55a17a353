//! Atomic file output: write to a temporary file in the target folder, then rename,
//! so a reader never sees a half-written file.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes whatever `fill` produces to `path` atomically (temp file + rename), creating
/// missing parent folders.
pub fn write_atomically<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(io_error)?;
    let mut temp = tempfile::NamedTempFile::new_in(parent).map_err(io_error)?;
    {
        let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
        fill(&mut buffered)?;
        buffered.flush().map_err(io_error)?;
    }
    // Temporary files are created private (0600); a finished output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(io_error)?;
    }
    temp.as_file().sync_all().map_err(io_error)?;
    temp.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_fill_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let result = write_atomically(&path, |w| {
            w.write_all(b"partial").map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Err(Error::Serialize {
                path: path.clone(),
                reason: "simulated failure".into(),
            })
        });
        assert!(result.is_err());
        assert!(!path.exists());
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 0);
    }
}
