//! `sourcemark git-setup`: makes git merge project files with `sourcemark merge-driver`
//! in the repository it is run in.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Arguments of `sourcemark git-setup`.
#[derive(Debug, clap::Args)]
pub struct GitSetupArgs {
    /// Name the project files found in the repository in `.gitattributes`, instead of
    /// every `*.ron` file.
    #[arg(long)]
    pub project_files_only: bool,
}

/// The driver's name in `.gitattributes` and git's config.
const DRIVER: &str = "sourcemark";
/// What `git config merge.sourcemark.name` says.
const DRIVER_NAME: &str = "sourcemark project files, merged by id";

/// Writes what is missing of `.gitattributes` and the driver's config; says what it did,
/// or that everything was in place.
pub fn run(args: GitSetupArgs) -> anyhow::Result<ExitCode> {
    let root = PathBuf::from(git(&["rev-parse", "--show-toplevel"]).context(
        "git-setup must run inside a git repository (git rev-parse --show-toplevel failed)",
    )?);
    let patterns = if args.project_files_only {
        let found = project_files(&root)?;
        if found.is_empty() {
            bail!(
                "no sourcemark project file found in {}; create one, or run git-setup without --project-files-only for every *.ron file",
                root.display()
            );
        }
        found.iter().map(|p| pattern(p)).collect()
    } else {
        vec!["*.ron".to_owned()]
    };
    let mut changed = false;
    let attributes = root.join(".gitattributes");
    let added = add_attribute_lines(&attributes, &patterns)?;
    if added.is_empty() {
        super::outln!(
            ".gitattributes already sends {} to the sourcemark merge driver",
            patterns.join(", ")
        );
    } else {
        changed = true;
        for line in &added {
            super::outln!("added to .gitattributes: {line}");
        }
    }
    let driver = format!("{} merge-driver %O %A %B %P", program()?);
    for (key, want) in [
        (format!("merge.{DRIVER}.name"), DRIVER_NAME.to_owned()),
        (format!("merge.{DRIVER}.driver"), driver),
    ] {
        let now = git_in(&root, &["config", "--local", "--get", &key]).ok();
        if now.as_deref() == Some(want.as_str()) {
            super::outln!("git config {key} is already \"{want}\"");
            continue;
        }
        git_in(&root, &["config", "--local", &key, &want])
            .with_context(|| format!("cannot set git config {key}"))?;
        changed = true;
        match now {
            Some(old) => super::outln!("set git config {key} to \"{want}\" (was \"{old}\")"),
            None => super::outln!("set git config {key} to \"{want}\""),
        }
    }
    if changed {
        super::outln!(
            "git now merges these project files with sourcemark: conflicts are recorded in the file (see `sourcemark check`); commit .gitattributes so others get it, and run git-setup in each clone"
        );
    } else {
        super::outln!("nothing to change: git-setup was done already");
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs git in the current folder; its trimmed stdout, or its stderr as the error.
fn git(args: &[&str]) -> anyhow::Result<String> {
    git_in(Path::new("."), args)
}

fn git_in(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .context("cannot run git; is it installed?")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .trim_end_matches('\n')
        .to_owned())
}

/// How the driver line names sourcemark: `sourcemark` when that is this binary on the
/// PATH, else this binary's full path (quoted for the shell git runs it in).
fn program() -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("cannot find the sourcemark binary's path")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(exe.file_name().unwrap_or_default()))
            .find(|p| p.is_file())
    });
    if exe.file_stem().is_some_and(|s| s == "sourcemark")
        && on_path.and_then(|p| p.canonicalize().ok()).as_ref() == Some(&exe)
    {
        return Ok("sourcemark".to_owned());
    }
    Ok(shell_quoted(&exe.to_string_lossy()))
}

/// `s` as one shell word.
fn shell_quoted(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c));
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The `.ron` files git knows of (tracked, or untracked and not ignored) that are
/// sourcemark projects, relative to the root.
fn project_files(root: &Path) -> anyhow::Result<Vec<String>> {
    let listed = git_in(
        root,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            "*.ron",
        ],
    )?;
    let mut found: Vec<String> = listed
        .split('\0')
        .filter(|p| !p.is_empty())
        .filter(|p| is_project(&root.join(p)))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}

/// True when the file reads as a project: its RON opens with a format number and a name.
fn is_project(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Head {
        format: u32,
        name: String,
    }
    std::fs::read_to_string(path)
        .ok()
        .is_some_and(|t| ron::Options::default().from_str::<Head>(&t).is_ok())
}

/// A repository path as a `.gitattributes` pattern: anchored at the root, with
/// whitespace (which would end the pattern) and pattern characters matched literally.
fn pattern(path: &str) -> String {
    let mut out = String::from("/");
    for c in path.chars() {
        match c {
            c if c.is_whitespace() => out.push_str("[[:space:]]"),
            '*' | '?' | '[' | '\\' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Appends `PATTERN merge=sourcemark` for each pattern not already there; returns the
/// lines added.
fn add_attribute_lines(file: &Path, patterns: &[String]) -> anyhow::Result<Vec<String>> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
    };
    let has = |p: &str| {
        text.lines().any(|l| {
            let mut words = l.split_whitespace();
            words.next() == Some(p) && words.any(|w| w == format!("merge={DRIVER}"))
        })
    };
    let added: Vec<String> = patterns
        .iter()
        .filter(|p| !has(p))
        .map(|p| format!("{p} merge={DRIVER}"))
        .collect();
    if added.is_empty() {
        return Ok(added);
    }
    let mut new = text.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    for line in &added {
        new.push_str(line);
        new.push('\n');
    }
    sourcemark::store::write_atomic(file, &[new], false, &mut |_| Ok(()))
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_literal_anchored_patterns() {
        assert_eq!(pattern("a b/p[1].ron"), "/a[[:space:]]b/p\\[1].ron");
        assert_eq!(shell_quoted("/usr/bin/sourcemark"), "/usr/bin/sourcemark");
        assert_eq!(shell_quoted("/my tools/it's"), r"'/my tools/it'\''s'");
    }
}
