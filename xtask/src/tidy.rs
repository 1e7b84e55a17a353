//! Tidy checks of the project's own rules, run as ordinary `#[test]`s.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    rust_files(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn workspace_files() -> Vec<PathBuf> {
        let root = super::super::workspace_root();
        let mut files = Vec::new();
        for dir in ["crates", "tests", "xtask"] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 10, "found only {} Rust files", files.len());
        files
    }

    #[test]
    fn every_file_starts_with_module_docs() {
        let offenders: Vec<_> = workspace_files()
            .into_iter()
            .filter(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let first = text.lines().next().unwrap_or_default();
                !(first.starts_with("//!") || first.starts_with("#![doc"))
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "files without `//!` docs: {offenders:?}"
        );
    }

    #[test]
    fn no_panicking_calls_in_library_code() {
        let root = super::super::workspace_root();
        let mut files = Vec::new();
        rust_files(&root.join("crates"), &mut files);
        let mut offenders = Vec::new();
        // Test-only modules live in files named `tests.rs` (the project convention).
        let library = files.iter().filter(|p| {
            p.components().any(|c| c.as_os_str() == "src")
                && p.file_name().is_some_and(|n| n != "tests.rs")
        });
        for path in library {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for (number, line) in text.lines().enumerate() {
                if line.contains("#[cfg(test)]") {
                    break;
                }
                let code = line.split("//").next().unwrap_or_default();
                if [
                    ".unwrap()",
                    ".expect(",
                    "todo!(",
                    "unimplemented!(",
                    "dbg!(",
                ]
                .iter()
                .any(|p| code.contains(p))
                {
                    offenders.push(format!("{}:{}", path.display(), number + 1));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "panicking calls in library code: {offenders:?}"
        );
    }

    #[test]
    fn no_ignored_or_should_panic_tests() {
        let offenders: Vec<_> = workspace_files()
            .into_iter()
            .filter(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                text.contains(concat!("#[", "ignore]"))
                    || text.contains(concat!("#[", "should_panic"))
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "ignored or should_panic tests in {offenders:?}"
        );
    }
}
