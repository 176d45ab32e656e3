//! ```` ```simulator ```` blocks: a live simulator figure inside an article.
//!
//! The block body is TOML (`preset`, `caption`, optional `charts`). It renders
//! to a `<figure class="sim-embed" data-preset="ID">` placeholder holding a
//! plain link to the simulator, which works without JavaScript; the web app
//! upgrades the figure into an embedded, runnable simulator.

use serde::Deserialize;

use super::anchors::is_kebab;
use super::error::ErrorKind;
use super::escape::escape_html;
use super::links::LinkTarget;
use faultline_site_data::SimulatorEmbed;

/// The info string that marks a simulator block.
pub const LANGUAGE: &str = "simulator";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    preset: String,
    caption: String,
    #[serde(default)]
    charts: Vec<String>,
}

/// Parses a block body. The preset's existence is checked later, with the
/// other links.
pub fn parse(body: &str) -> Result<SimulatorEmbed, ErrorKind> {
    let invalid = |detail: String| ErrorKind::InvalidSimulatorBlock { detail };
    let block: Block = toml::from_str(body).map_err(|error| {
        invalid(format!(
            "{} (expected `preset = \"ID\"`, `caption = \"…\"` and optionally `charts = [\"…\"]`)",
            error.message().trim()
        ))
    })?;
    if block.caption.trim().is_empty() {
        return Err(invalid("`caption` must not be empty".to_string()));
    }
    if block.preset.trim().is_empty() {
        return Err(invalid("`preset` must not be empty".to_string()));
    }
    if let Some(chart) = block.charts.iter().find(|chart| !is_kebab(chart)) {
        return Err(invalid(format!(
            "chart name `{chart}` must be lower-case kebab-case"
        )));
    }
    Ok(SimulatorEmbed {
        preset: block.preset.trim().to_string(),
        caption: block.caption.trim().to_string(),
        charts: block.charts,
    })
}

/// The placeholder figure.
pub fn render(embed: &SimulatorEmbed) -> String {
    let preset = escape_html(&embed.preset);
    let href = escape_html(
        &LinkTarget::Preset {
            id: embed.preset.clone(),
        }
        .href(""),
    );
    let charts = if embed.charts.is_empty() {
        String::new()
    } else {
        format!(" data-charts=\"{}\"", escape_html(&embed.charts.join(",")))
    };
    format!(
        "<figure class=\"sim-embed\" data-preset=\"{preset}\"{charts}>\n\
         <p class=\"sim-embed-fallback\"><a class=\"link-preset\" href=\"{href}\">Open this scenario in the simulator</a></p>\n\
         <figcaption>{}</figcaption>\n\
         </figure>\n",
        escape_html(&embed.caption)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders_a_figure() {
        let embed = parse("preset = \"retry-storm\"\ncaption = \"Retries <pile> up.\"\ncharts = [\"latency\", \"errors\"]\n")
            .expect("valid block");
        assert_eq!(embed.preset, "retry-storm");
        let html = render(&embed);
        assert!(html.starts_with(
            "<figure class=\"sim-embed\" data-preset=\"retry-storm\" data-charts=\"latency,errors\">"
        ));
        assert!(html.contains("href=\"simulator/?preset=retry-storm\""));
        assert!(html.contains("<figcaption>Retries &lt;pile&gt; up.</figcaption>"));
    }

    #[test]
    fn rejects_bad_blocks() {
        for body in [
            "caption = \"no preset\"",
            "preset = \"x\"",
            "preset = \"x\"\ncaption = \"\"",
            "preset = \"x\"\ncaption = \"c\"\ncolour = \"red\"",
            "preset = \"x\"\ncaption = \"c\"\ncharts = [\"Bad Name\"]",
            "not toml at all",
        ] {
            assert!(
                matches!(parse(body), Err(ErrorKind::InvalidSimulatorBlock { .. })),
                "{body:?}"
            );
        }
    }
}
