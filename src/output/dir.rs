//! A results folder, written into a hidden partial folder that is renamed
//! into place only when every file is complete: a crash or interruption
//! leaves no folder that looks complete.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A results folder being written.
pub struct OutputDir {
    final_dir: PathBuf,
    partial: PathBuf,
    force: bool,
    committed: bool,
}

impl OutputDir {
    /// Check that `dir` can be written (and does not exist unless `force`),
    /// and create the hidden partial folder beside it.
    pub fn prepare(dir: &Path, force: bool) -> Result<OutputDir> {
        if dir.exists() && !force {
            return Err(Error::io(
                dir,
                "results already exist here",
                "pass --force to replace them, or --out DIR to write elsewhere",
            ));
        }
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            Error::io(
                parent,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "results".into());
        // Clear partial folders an interrupted run of the same target left.
        if let Ok(rd) = std::fs::read_dir(parent) {
            for e in rd.flatten() {
                let n = e.file_name().to_string_lossy().to_string();
                if n.starts_with(&format!(".{name}.partial-")) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let partial = parent.join(format!(".{name}.partial-{}", std::process::id()));
        std::fs::create_dir_all(&partial).map_err(|e| {
            Error::io(
                &partial,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        Ok(OutputDir {
            final_dir: dir.to_path_buf(),
            partial,
            force,
            committed: false,
        })
    }

    /// Path of a file inside the partial folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.partial.join(name)
    }

    /// Write a whole file.
    pub fn write(&self, name: &str, content: &[u8]) -> Result<()> {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(parent, e, "check free disk space and permissions"))?;
        }
        std::fs::write(&p, content)
            .map_err(|e| Error::io(&p, e, "check free disk space and permissions"))
    }

    /// Move the finished folder into place.
    pub fn commit(mut self) -> Result<PathBuf> {
        move_into_place(&self.partial, &self.final_dir, self.force)?;
        self.committed = true;
        Ok(self.final_dir.clone())
    }
}

/// Rename a finished folder to its final name, replacing an existing one only
/// with `force`: the one step that makes results visible.
pub fn move_into_place(from: &Path, to: &Path, force: bool) -> Result<()> {
    if to.exists() {
        if !force {
            return Err(Error::io(
                to,
                "results appeared here during the run",
                "pass --force to replace them",
            ));
        }
        std::fs::remove_dir_all(to).map_err(|e| Error::io(to, e, "remove the folder by hand"))?;
    }
    std::fs::rename(from, to)
        .map_err(|e| Error::io(to, e, "check permissions of the output folder"))
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.partial);
        }
    }
}
