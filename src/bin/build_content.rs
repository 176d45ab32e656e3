//! `build-content`: validates `content/` and renders it into site data.
//!
//! ```text
//! cargo run --release --bin build-content [-- --content content --out generated/data] [--check]
//! ```
//! On any problem it prints every one (`file:line: what is wrong`) and exits
//! with status 1; `--check` validates without writing.

fn main() -> std::process::ExitCode {
    native::main()
}

mod native {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::time::Instant;

    use faultline::content::{build_site, write_site};
    use faultline::site_data::SEARCH_INDEX_PATH;

    const USAGE: &str =
    "usage: build-content [--content DIR] [--out DIR] [--check]\n  defaults: --content content --out generated/data";

    struct Args {
        content: PathBuf,
        out: PathBuf,
        check_only: bool,
    }

    fn parse_args() -> Result<Args, String> {
        let mut args = Args {
            content: PathBuf::from("content"),
            out: PathBuf::from("generated/data"),
            check_only: false,
        };
        let mut raw = std::env::args().skip(1);
        while let Some(arg) = raw.next() {
            match arg.as_str() {
                "--content" => {
                    args.content = raw.next().ok_or("--content needs a directory")?.into()
                }
                "--out" => args.out = raw.next().ok_or("--out needs a directory")?.into(),
                "--check" => args.check_only = true,
                "-h" | "--help" => return Err(String::new()),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(args)
    }

    /// Writing into the sources would overwrite or delete them.
    fn out_is_inside_content(content: &Path, out: &Path) -> bool {
        match (content.canonicalize(), absolute(out)) {
            (Ok(content), Some(out)) => out.starts_with(content),
            _ => false,
        }
    }

    /// `out` made absolute without requiring it to exist yet.
    fn absolute(path: &Path) -> Option<PathBuf> {
        let mut existing = path.to_path_buf();
        let mut rest = Vec::new();
        while !existing.exists() {
            rest.push(existing.file_name()?.to_owned());
            existing = existing.parent()?.to_path_buf();
            if existing.as_os_str().is_empty() {
                existing = PathBuf::from(".");
            }
        }
        let mut absolute = existing.canonicalize().ok()?;
        absolute.extend(rest.into_iter().rev());
        Some(absolute)
    }

    pub fn main() -> ExitCode {
        let args = match parse_args() {
            Ok(args) => args,
            Err(message) => {
                if !message.is_empty() {
                    eprintln!("build-content: {message}");
                }
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        };
        // Only a build writes to --out: --check may leave it anywhere.
        if !args.check_only && out_is_inside_content(&args.content, &args.out) {
            eprintln!(
                "build-content: --out {} is inside --content {}; choose another output directory",
                args.out.display(),
                args.content.display()
            );
            return ExitCode::from(2);
        }

        let started = Instant::now();
        let site = match build_site(&args.content) {
            Ok(site) => site,
            Err(errors) => {
                for error in &errors {
                    eprintln!("{error}");
                }
                eprintln!(
                    "build-content: {} problem{} in {}; nothing written",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    args.content.display()
                );
                return ExitCode::FAILURE;
            }
        };
        let built = started.elapsed();
        let summary = format!(
            "{} articles, {} presets, {} checklist items, {} images",
            site.pages.len(),
            site.scenarios.len(),
            site.checklist.items().len(),
            site.images.len()
        );
        if args.check_only {
            println!(
                "build-content: {} is valid ({summary}) in {built:.1?}",
                args.content.display()
            );
            return ExitCode::SUCCESS;
        }
        let report = match write_site(&site, &args.out) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        };
        let search_bytes = site
            .files()
            .ok()
            .and_then(|files| files.get(SEARCH_INDEX_PATH).map(Vec::len))
            .unwrap_or_default();
        println!(
        "build-content: {summary} → {} ({} written, {} unchanged, {} removed; {} KiB total, search index {} KiB) in {:.1?}",
        args.out.display(),
        report.written,
        report.unchanged,
        report.removed,
        report.bytes / 1024,
        search_bytes / 1024,
        started.elapsed()
    );
        ExitCode::SUCCESS
    }
}
