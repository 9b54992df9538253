//! The project's own tasks.
//!
//! `cargo xtask codegen` writes every file that is generated from the core's
//! description of its public surface (`uzpay::describe::surface()`): the bindings'
//! types and tables in TypeScript, JavaScript, Python and Kotlin, and the conformance
//! runners' tables. `cargo xtask codegen --check` writes nothing and fails when a
//! generated file differs from what the description gives (the test command runs it).
//! `cargo xtask describe` prints the description as JSON.
//!
//! Each generated file says so on its first line.

mod common;
mod js;
mod kotlin;
mod python;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use uzpay::describe::{surface, Surface};

/// A generated file: where it goes, relative to the workspace root, and its text.
pub struct File {
    path: &'static str,
    text: String,
}

fn files(surface: &Surface) -> Vec<File> {
    let mut files = Vec::new();
    files.extend(kotlin::files(surface));
    files.extend(python::files(surface));
    files.extend(js::files(surface));
    files
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["describe"] => {
            println!("{}", serde_json::to_string_pretty(&surface()).unwrap_or_default());
            ExitCode::SUCCESS
        }
        ["codegen"] => write(&root, &files(&surface())),
        ["codegen", "--check"] => check(&root, &files(&surface())),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check] | cargo xtask describe");
            ExitCode::from(2)
        }
    }
}

/// Generated Rust, formatted as the workspace formats its code (`rustfmt.toml`), so
/// that `cargo fmt --check` holds for it too.
pub fn rustfmt(source: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let config = workspace_root().join("rustfmt.toml");
    let child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "--config-path"])
        .arg(&config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let formatted = child.ok().and_then(|mut child| {
        child.stdin.take()?.write_all(source.as_bytes()).ok()?;
        let output = child.wait_with_output().ok()?;
        output.status.success().then(|| String::from_utf8(output.stdout).ok()).flatten()
    });
    // Without rustfmt (it comes with `rustup component add rustfmt`), the generated
    // file is written unformatted and `cargo fmt --check` says so.
    formatted.unwrap_or_else(|| source.to_owned())
}

fn workspace_root() -> PathBuf {
    // xtask/ sits in the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn write(root: &Path, files: &[File]) -> ExitCode {
    let mut changed = 0;
    for file in files {
        let path = root.join(file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.text.as_str()) {
            continue;
        }
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("codegen: cannot create {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
        if let Err(e) = std::fs::write(&path, &file.text) {
            eprintln!("codegen: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("codegen: wrote {}", file.path);
        changed += 1;
    }
    println!("codegen: {} files, {changed} changed", files.len());
    ExitCode::SUCCESS
}

fn check(root: &Path, files: &[File]) -> ExitCode {
    let stale: Vec<&str> = files
        .iter()
        .filter(|f| std::fs::read_to_string(root.join(f.path)).ok().as_deref() != Some(f.text.as_str()))
        .map(|f| f.path)
        .collect();
    if stale.is_empty() {
        println!("codegen --check: {} generated files match the core's description", files.len());
        return ExitCode::SUCCESS;
    }
    for path in &stale {
        eprintln!("codegen --check: {path} differs from what the core's description gives");
    }
    eprintln!("run `cargo xtask codegen` and commit the result");
    ExitCode::FAILURE
}
