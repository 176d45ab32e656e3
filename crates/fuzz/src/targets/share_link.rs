//! Checklist share tokens (`#share=TOKEN`): base64url of a versioned binary
//! record sealed with a CRC-32. Seeds are tokens of random assessments on the
//! real checklist; edits hit the text, and the bytes behind the checksum
//! (resealed, so the record parser is reached: huge varints, cut fields,
//! unknown codes, bad UTF-8). The oracle: a token from `encode` decodes and
//! re-encodes to itself; an accepted edit is stable; a refusal says why.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use faultline::checklist::share_link::{decode, encode, token_in_fragment};
use faultline::checklist::Checklist;

use crate::assessment::{assessment, real_checklist};
use crate::gen::Gen;
use crate::mutate::mutate_text_repeatedly;
use crate::target::{clear_message, Case, Expect, Target};

/// Bytes that stress a varint or a length: continuation bits, the 32-bit
/// edge, zero.
const FORGED_BYTES: [u8; 8] = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0f, 0x10, 0xfe];

/// Edits the record behind the checksum and reseals it.
fn forge(g: &mut Gen, token: &str) -> String {
    let mut bytes = URL_SAFE_NO_PAD.decode(token).unwrap_or_default();
    let body_len = bytes.len().saturating_sub(4);
    bytes.truncate(body_len);
    for _ in 0..=g.below(3) {
        let at = g.below(bytes.len() + 1);
        match g.below(4) {
            0 if at < bytes.len() => bytes[at] = *g.pick(&FORGED_BYTES),
            1 => bytes.insert(at, *g.pick(&FORGED_BYTES)),
            2 => bytes.truncate(at),
            _ if at < bytes.len() => bytes[at] ^= 1 << g.below(8),
            _ => bytes.push(g.u64() as u8),
        }
    }
    let checksum = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&checksum.to_be_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Share-link tokens on the real checklist.
pub struct ShareLink {
    checklist: Checklist,
}

impl ShareLink {
    pub fn new(checklist: Checklist) -> ShareLink {
        ShareLink { checklist }
    }

    /// On the checklist the site ships.
    pub fn real() -> Result<ShareLink, String> {
        real_checklist().map(ShareLink::new)
    }
}

impl Target for ShareLink {
    fn name(&self) -> &'static str {
        "share-link"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        let token = encode(&self.checklist, &assessment(g, &self.checklist));
        match g.below(8) {
            0 => Case::valid(token),
            1 => Case::valid(format!("#share={token}")),
            2..=4 => Case::mutated(forge(g, &token), None),
            5 | 6 => Case::mutated(mutate_text_repeatedly(g, &token), None),
            _ => Case::mutated(g.garbage(80), None),
        }
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        let token = token_in_fragment(&case.input).unwrap_or(&case.input);
        match decode(&self.checklist, token) {
            Ok(shared) => {
                let again = encode(&self.checklist, &shared);
                let reread = decode(&self.checklist, &again)
                    .map_err(|e| format!("an accepted token does not re-encode: {e}"))?;
                if reread != shared {
                    return Err("an accepted token changes when re-encoded".to_string());
                }
                if case.expect == Expect::Valid && again != token {
                    return Err(format!("encode(decode(t)) != t: {again}"));
                }
                Ok(())
            }
            Err(error) => {
                if case.expect == Expect::Valid {
                    return Err(format!("a token made by encode was refused: {error}"));
                }
                clear_message(&error.to_string())
            }
        }
    }
}
