//! Reading the scenario file the reader picks (downloads go through
//! [`crate::files::download`]).

/// The text of the first file chosen in a file input.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| "no file was chosen".to_string())?;
    crate::files::read_text(file, 1_000_000.0, "a scenario (a few kilobytes)").await
}
