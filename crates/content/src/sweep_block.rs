//! ```` ```sweep ```` blocks: a study's curve as a figure in an article.
//!
//! The body is TOML: `preset`, `caption`, `metric` (`p99_ms`, `goodput_rps`,
//! …), optionally `without_faults = true`, and a `[study]` table in the
//! study's JSON form (`kind = "sweep"` or `"hysteresis"`, see
//! `docs/sweeps.md`). It renders to a `<figure class="sweep-figure">`
//! holding the study as a code (`data-figure`), a link that opens it in
//! the simulator, and the caption; the build runs the study natively and
//! prerenders its curve into the figure (`prerender::article`), so it reads
//! without scripts. The preset is checked with the other links; the study
//! against the preset when the build runs it.

use serde::Deserialize;

use super::error::ErrorKind;
use super::escape::escape_html;
use super::links::LinkTarget;
use faultline_engine::sweep::{FigureSpec, StudySpec, SweepLink, SweepMetric};

/// The info string that marks a sweep block.
pub const LANGUAGE: &str = "sweep";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    preset: String,
    caption: String,
    metric: String,
    #[serde(default)]
    without_faults: bool,
    study: StudySpec,
}

/// A parsed block: the figure and its caption.
pub struct SweepBlock {
    pub figure: FigureSpec,
    pub caption: String,
}

pub fn parse(body: &str) -> Result<SweepBlock, ErrorKind> {
    let invalid = |detail: String| ErrorKind::InvalidSweepBlock { detail };
    let block: Block = toml::from_str(body).map_err(|error| {
        invalid(format!(
            "{} (expected `preset`, `caption`, `metric` and a `[study]` table)",
            error.message().trim()
        ))
    })?;
    if block.caption.trim().is_empty() {
        return Err(invalid("`caption` must not be empty".into()));
    }
    let metric = SweepMetric::from_id(block.metric.trim()).ok_or_else(|| {
        let known: Vec<&str> = SweepMetric::ALL.iter().map(|m| m.id()).collect();
        invalid(format!(
            "unknown metric `{}` (one of {})",
            block.metric,
            known.join(", ")
        ))
    })?;
    if let StudySpec::Capacity(_) = block.study {
        return Err(invalid("a capacity search has no curve to draw".into()));
    }
    Ok(SweepBlock {
        figure: FigureSpec {
            preset: block.preset.trim().to_string(),
            study: block.study,
            metric,
            without_faults: block.without_faults,
        },
        caption: block.caption.trim().to_string(),
    })
}

/// The placeholder figure: a link that opens the study in the simulator
/// (a grid sweep reruns there; a hysteresis timeline opens its preset).
pub fn render(block: &SweepBlock) -> String {
    let figure = &block.figure;
    let mut href = LinkTarget::Preset {
        id: figure.preset.clone(),
    }
    .href("");
    let text = match (&figure.study, figure.without_faults) {
        (StudySpec::Sweep(spec), false) => {
            href.push_str("#sweep=");
            href.push_str(
                &SweepLink {
                    spec: spec.clone(),
                    metric: figure.metric,
                }
                .encode(),
            );
            "Run this sweep in the simulator"
        }
        _ => "Open this scenario in the simulator",
    };
    format!(
        "<figure class=\"sweep-figure\" data-figure=\"{}\">\n\
         <p class=\"sweep-figure-open\"><a class=\"link-preset\" href=\"{}\">{text}</a></p>\n\
         <figcaption>{}</figcaption>\n\
         </figure>\n",
        figure.encode(),
        escape_html(&href),
        escape_html(&block.caption)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_parse_render_and_say_what_is_wrong() {
        let block = parse(
            r#"preset = "healthy-chain"
caption = "p99 against load"
metric = "p99_ms"
[study]
kind = "sweep"
seeds = 3
[study.param]
path = "load.rate_rps"
range = { from = 50, to = 350, steps = 4 }
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let html = render(&block);
        assert!(
            html.contains("simulator/?preset=healthy-chain#sweep="),
            "{html}"
        );
        let code = html
            .split("data-figure=\"")
            .nth(1)
            .and_then(|s| s.split('"').next());
        assert_eq!(code.map(FigureSpec::decode), Some(Ok(block.figure)));

        let error = |body: &str| parse(body).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error("preset = 1").contains("sweep block"));
        assert!(error(
            "preset = \"a\"\ncaption = \"c\"\nmetric = \"p98\"\n[study]\nkind = \"sweep\"\nseeds = 1\n[study.param]\npath = \"x\"\nvalues = [1]"
        )
        .contains("unknown metric `p98`"));
    }
}
