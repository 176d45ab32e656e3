//! Share codes: a whole scenario packed into a short URL-safe text, so a link
//! can carry it (the simulator page puts it in the URL fragment).
//!
//! Format version 1: `1.` followed by the unpadded URL-safe base64 (RFC 4648
//! §5) of the zlib stream (RFC 1950, deflate at the highest level) of the
//! scenario's compact JSON. The zlib trailer's Adler-32 checksum catches an
//! edited link, the stream's end marker a truncated one, and decoding refuses
//! anything after the stream's end. Decoding never panics: every failure is a
//! [`ShareCodeError`] that says what is wrong, and the decoded scenario is
//! fully validated like any other.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::scenario::Scenario;
use super::validate::ScenarioError;

/// The format version [`encode`] writes.
pub const VERSION: &str = "1";

/// The longest code [`decode`] reads. A scenario at the engine's own limits
/// stays far below it; anything longer was not made by [`encode`].
pub const MAX_CODE_CHARS: usize = 64 * 1024;

/// The largest scenario JSON a code may expand to (a guard against a small
/// code that inflates to gigabytes).
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Deflate effort (miniz_oxide's scale, 10 is the highest): codes are short
/// and encoding is rare, so spend the time.
const LEVEL: u8 = 10;

/// Why a share code could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareCodeError {
    Empty,
    TooLong {
        chars: usize,
    },
    /// No `VERSION.` prefix, or a version this build does not know.
    UnknownVersion {
        found: String,
    },
    /// A character outside the URL-safe base64 alphabet, or a length or last
    /// character no encoder writes.
    NotBase64 {
        detail: String,
    },
    /// The compressed data is cut short, altered or followed by extra data.
    Corrupt {
        detail: &'static str,
    },
    /// The data would expand beyond [`MAX_JSON_BYTES`].
    TooLarge,
    NotText,
    /// The text is not a valid scenario (bad JSON, or a field out of range).
    Invalid(ScenarioError),
}

impl fmt::Display for ShareCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareCodeError::Empty => write!(f, "the link holds no scenario"),
            ShareCodeError::TooLong { chars } => write!(
                f,
                "the scenario code is {chars} characters long; at most {MAX_CODE_CHARS} are accepted"
            ),
            ShareCodeError::UnknownVersion { found } => write!(
                f,
                "the scenario code does not start with a known version (expected \"{VERSION}.\", found \"{found}\")"
            ),
            ShareCodeError::NotBase64 { detail } => {
                write!(f, "the scenario code is damaged: {detail}")
            }
            ShareCodeError::Corrupt { detail } => write!(
                f,
                "the scenario code is damaged ({detail}); was the link cut short or edited?"
            ),
            ShareCodeError::TooLarge => write!(
                f,
                "the scenario code expands to more than {MAX_JSON_BYTES} bytes"
            ),
            ShareCodeError::NotText => write!(f, "the scenario code does not hold text"),
            ShareCodeError::Invalid(error) => {
                write!(f, "the link's scenario is not valid: {error}")
            }
        }
    }
}

impl std::error::Error for ShareCodeError {}

/// Packs a scenario into a share code.
pub fn encode(scenario: &Scenario) -> String {
    // Serialising plain data with string keys cannot fail.
    let json = serde_json::to_vec(scenario).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, LEVEL);
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Unpacks and validates a share code.
pub fn decode(code: &str) -> Result<Scenario, ShareCodeError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(ShareCodeError::Empty);
    }
    let chars = code.chars().count();
    if chars > MAX_CODE_CHARS {
        return Err(ShareCodeError::TooLong { chars });
    }
    let payload = match code.split_once('.') {
        Some((VERSION, payload)) => payload,
        Some((found, _)) => {
            return Err(ShareCodeError::UnknownVersion {
                found: found.chars().take(12).collect(),
            })
        }
        None => {
            return Err(ShareCodeError::UnknownVersion {
                found: code.chars().take(12).collect(),
            })
        }
    };
    let packed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|error| ShareCodeError::NotBase64 {
            detail: error.to_string(),
        })?;
    let json = inflate_exactly(&packed)?;
    let text = String::from_utf8(json).map_err(|_| ShareCodeError::NotText)?;
    Scenario::from_json_str(&text).map_err(ShareCodeError::Invalid)
}

/// Inflates one whole zlib stream (checksum verified), refusing output past
/// [`MAX_JSON_BYTES`] and input left over after the stream's end.
fn inflate_exactly(input: &[u8]) -> Result<Vec<u8>, ShareCodeError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut state = Box::<DecompressorOxide>::default();
    let mut out = vec![0u8; input.len().saturating_mul(4).clamp(256, MAX_JSON_BYTES)];
    let mut in_pos = 0;
    let mut out_pos = 0;
    loop {
        let rest = input.get(in_pos..).unwrap_or_default();
        let (status, read, written) = decompress(&mut state, rest, &mut out, out_pos, flags);
        in_pos += read;
        out_pos += written;
        match status {
            TINFLStatus::Done => {
                if in_pos != input.len() {
                    return Err(ShareCodeError::Corrupt {
                        detail: "extra data after the end",
                    });
                }
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= MAX_JSON_BYTES {
                    return Err(ShareCodeError::TooLarge);
                }
                let grown = out.len().saturating_mul(2).min(MAX_JSON_BYTES);
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(ShareCodeError::Corrupt {
                    detail: "it ends too early",
                })
            }
            TINFLStatus::Adler32Mismatch => {
                return Err(ShareCodeError::Corrupt {
                    detail: "its checksum does not match",
                })
            }
            _ => {
                return Err(ShareCodeError::Corrupt {
                    detail: "not valid compressed data",
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{ "name": "one server", "seed": 9, "duration_s": 30,
        "load": { "rate_rps": 50 }, "entry": "web",
        "services": [ { "name": "web", "workers": 2, "queue_capacity": 10,
                        "service_time": { "dist": "exponential", "mean_ms": 10 } } ] }"#;

    fn small() -> Scenario {
        Scenario::from_json_str(SMALL).expect("valid test scenario")
    }

    #[test]
    fn round_trips_and_is_url_safe() {
        let code = encode(&small());
        assert!(code.starts_with("1."));
        assert!(code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
        assert_eq!(decode(&code), Ok(small()));
        // Surrounding whitespace (a sloppy copy) is forgiven.
        assert_eq!(decode(&format!("  {code}\n")), Ok(small()));
    }

    #[test]
    fn refuses_empty_unknown_versions_and_bad_characters() {
        assert_eq!(decode(""), Err(ShareCodeError::Empty));
        assert!(matches!(
            decode("2.abcd"),
            Err(ShareCodeError::UnknownVersion { found }) if found == "2"
        ));
        assert!(matches!(
            decode("no-dot-here"),
            Err(ShareCodeError::UnknownVersion { .. })
        ));
        assert!(matches!(
            decode("1.abc$def"),
            Err(ShareCodeError::NotBase64 { .. })
        ));
        let long = format!("1.{}", "A".repeat(MAX_CODE_CHARS));
        assert!(matches!(decode(&long), Err(ShareCodeError::TooLong { .. })));
    }

    #[test]
    fn every_truncation_is_refused_without_panicking() {
        let code = encode(&small());
        for cut in 0..code.len() {
            assert!(decode(&code[..cut]).is_err(), "cut at {cut} decoded");
        }
    }

    #[test]
    fn every_single_character_edit_is_refused() {
        let code = encode(&small());
        for i in 2..code.len() {
            for replacement in ["A", "z", "_"] {
                if code[i..].starts_with(replacement) {
                    continue;
                }
                let edited = format!("{}{replacement}{}", &code[..i], &code[i + 1..]);
                assert!(
                    decode(&edited).is_err(),
                    "edit at {i} to {replacement} decoded"
                );
            }
        }
    }

    #[test]
    fn extra_data_after_the_stream_is_refused() {
        let json = serde_json::to_vec(&small()).expect("serialises");
        let mut packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, LEVEL);
        packed.extend_from_slice(b"junk");
        let code = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(matches!(
            decode(&code),
            Err(ShareCodeError::Corrupt { detail }) if detail.contains("extra")
        ));
    }

    #[test]
    fn a_bomb_is_refused_before_it_expands() {
        let huge = vec![b' '; MAX_JSON_BYTES + 10];
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&huge, LEVEL);
        let code = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(code.len() < MAX_CODE_CHARS);
        assert_eq!(decode(&code), Err(ShareCodeError::TooLarge));
    }

    #[test]
    fn well_formed_codes_of_bad_scenarios_name_the_field() {
        let mut bad = small();
        bad.services[0].workers = 0;
        let json = serde_json::to_vec(&bad).expect("serialises");
        let code = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(&json, LEVEL))
        );
        let error = decode(&code).expect_err("zero workers is invalid");
        assert!(error.to_string().contains("services[0].workers"), "{error}");
        let not_json = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(b"{oops", LEVEL))
        );
        assert!(matches!(decode(&not_json), Err(ShareCodeError::Invalid(_))));
        let binary = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(
                &[0xff, 0xfe],
                LEVEL
            ))
        );
        assert_eq!(decode(&binary), Err(ShareCodeError::NotText));
    }
}
