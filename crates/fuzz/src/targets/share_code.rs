//! Simulator share codes (`1.` + base64url of zlib-deflated scenario JSON),
//! and the page address that carries them. Seeds are codes of presets and
//! generated topologies; edits hit the text, the compressed bytes, and the
//! scenario behind the compression (re-deflated, so the parser and the
//! validator are reached). A decompression bomb must be refused by size.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use faultline_engine::share_code::{decode, encode, ShareCodeError, MAX_JSON_BYTES};
use faultline_engine::sim_link;
use serde_json::Value;

use super::scenario_json::{presets, valid_scenario_text};
use crate::gen::Gen;
use crate::mutate::{mutate_json, mutate_text_repeatedly};
use crate::target::{clear_message, Case, Expect, Target};

/// Deflate effort for forged codes: speed over size.
const FORGE_LEVEL: u8 = 1;

fn pack(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json, FORGE_LEVEL);
    format!("1.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Share codes and simulator links.
pub struct ShareCode {
    presets: Vec<String>,
    /// Codes made by the real encoder (it deflates at the highest level,
    /// too slow to call for every case).
    codes: Vec<String>,
}

impl ShareCode {
    pub fn new() -> ShareCode {
        let presets = presets();
        let mut codes = Vec::new();
        let mut g = Gen::for_case(0x5eed, 0);
        for _ in 0..32 {
            let text = valid_scenario_text(&mut g, &presets);
            if let Ok(scenario) = faultline_engine::Scenario::from_json_str(&text) {
                codes.push(encode(&scenario));
            }
        }
        ShareCode { presets, codes }
    }
}

impl Default for ShareCode {
    fn default() -> Self {
        ShareCode::new()
    }
}

impl Target for ShareCode {
    fn name(&self) -> &'static str {
        "share-code"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        let code = g.pick(&self.codes).clone();
        match g.below(10) {
            0 => Case::valid(code),
            1..=3 => Case::mutated(mutate_text_repeatedly(g, &code), None),
            4 | 5 => {
                // Edit the scenario behind the compression.
                let text = valid_scenario_text(g, &self.presets);
                let Ok(mut doc) = serde_json::from_str::<Value>(&text) else {
                    return Case::mutated(code, None);
                };
                let edit = mutate_json(g, &mut doc);
                Case::mutated(pack(doc.to_string().as_bytes()), Some(edit.path))
            }
            6 => {
                // Edit the compressed bytes themselves.
                let mut bytes = URL_SAFE_NO_PAD.decode(&code[2..]).unwrap_or_default();
                if !bytes.is_empty() {
                    let i = g.below(bytes.len());
                    bytes[i] ^= 1 << g.below(8);
                    if g.one_in(2) {
                        bytes.truncate(g.below(bytes.len() + 1));
                    }
                }
                Case::mutated(format!("1.{}", URL_SAFE_NO_PAD.encode(bytes)), None)
            }
            7 => {
                // Something that inflates to more than the limit, or plain
                // non-text, or text that is not JSON.
                let payload = match g.below(3) {
                    0 => vec![b'['; MAX_JSON_BYTES + 1 + g.below(1000)],
                    1 => (0..g.below(200)).map(|_| g.u64() as u8).collect(),
                    _ => g.text(100).into_bytes(),
                };
                Case::mutated(pack(&payload), None)
            }
            8 => {
                // The page address's fragment, as the simulator reads it.
                let other = g.pick(&self.codes).clone();
                let hash = format!(
                    "#scenario={}&compare={other}",
                    mutate_text_repeatedly(g, &code)
                );
                Case::mutated(hash, None)
            }
            _ => Case::mutated(format!("{}.{}", g.text(3), g.garbage(40)), None),
        }
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        if case.input.starts_with('#') {
            let request = sim_link::parse("", &case.input);
            let codes = [request.scenario, request.compare];
            for code in codes.iter().flatten() {
                check_code(code, &case.expect)?;
            }
            return Ok(());
        }
        check_code(&case.input, &case.expect)
    }
}

fn check_code(code: &str, expect: &Expect) -> Result<(), String> {
    match decode(code) {
        Ok(scenario) => {
            let again = decode(&encode(&scenario))
                .map_err(|e| format!("an accepted code does not re-encode: {e}"))?;
            if again != scenario {
                return Err("an accepted code changes when re-encoded".to_string());
            }
            Ok(())
        }
        Err(error) => {
            if *expect == Expect::Valid {
                return Err(format!("a code made by encode was refused: {error}"));
            }
            clear_message(&error.to_string())?;
            if let ShareCodeError::Invalid(inner) = &error {
                let named = inner
                    .errors
                    .iter()
                    .all(|e| !e.path.is_empty() || e.message.contains("line"));
                if !named {
                    return Err(format!("the refusal names no field: {inner}"));
                }
            }
            Ok(())
        }
    }
}
