//! Shared helpers for the checklist tests: the real checklist, a small one
//! whose numbers are easy to check by hand, and assessment builders.
#![allow(dead_code)]

use faultline::checklist::{Answer, Assessment, Checklist, TeamContext};

/// The checklist the site ships.
pub fn real_checklist() -> Checklist {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/content/checklist.toml");
    let text = std::fs::read_to_string(path).expect("content/checklist.toml is readable");
    Checklist::from_toml_str(&text).unwrap_or_else(|error| panic!("{error}"))
}

/// One `[[items]]` table.
pub fn item_toml(id: &str, level: &str, weight: i64) -> String {
    let area = id.split('.').next().unwrap_or_default();
    format!(
        r#"
[[items]]
id = "{id}"
title = "Title of {id}"
area = "{area}"
level = "{level}"
weight = {weight}
question = "Question {id}?"
yes_looks_like = "What yes looks like for {id}."
why = "Why {id} matters."
articles = ["some-article"]
presets = []
"#
    )
}

/// Two areas and the given items.
pub fn toml_with_items(items: &[(&str, &str, i64)]) -> String {
    let mut text = String::from(
        r#"
[[areas]]
id = "alpha"
title = "Alpha"
summary = "The first area."

[[areas]]
id = "beta"
title = "Beta"
summary = "The second area."
"#,
    );
    for (id, level, weight) in items {
        text.push_str(&item_toml(id, level, *weight));
    }
    text
}

/// The small checklist most tests use (ids in checklist order):
///
/// | id              | level      | weight |
/// |-----------------|------------|--------|
/// | alpha.f-heavy   | foundation | 3      |
/// | alpha.f-light   | foundation | 1      |
/// | alpha.g-one     | growth     | 2      |
/// | beta.f-mid      | foundation | 2      |
/// | beta.g-two      | growth     | 3      |
/// | beta.a-one      | advanced   | 1      |
pub const SMALL_ITEMS: [(&str, &str, i64); 6] = [
    ("alpha.f-heavy", "foundation", 3),
    ("alpha.f-light", "foundation", 1),
    ("alpha.g-one", "growth", 2),
    ("beta.f-mid", "foundation", 2),
    ("beta.g-two", "growth", 3),
    ("beta.a-one", "advanced", 1),
];

pub fn small_checklist() -> Checklist {
    Checklist::from_toml_str(&toml_with_items(&SMALL_ITEMS))
        .unwrap_or_else(|error| panic!("{error}"))
}

/// An assessment with the given answers and no context.
pub fn assessment(answers: &[(&str, Answer)]) -> Assessment {
    let mut assessment = Assessment::named("Test");
    for (id, answer) in answers {
        assessment.answers.set_answer(id, Some(*answer));
    }
    assessment
}

/// Every item of the checklist answered the same way.
pub fn all(checklist: &Checklist, answer: Answer) -> Assessment {
    let mut assessment = Assessment::named("Test");
    for id in checklist.item_ids() {
        assessment.answers.set_answer(id, Some(answer));
    }
    assessment
}

/// Every item at the given levels answered "yes", the rest "no".
pub fn yes_up_to(checklist: &Checklist, levels: &[faultline::checklist::Level]) -> Assessment {
    let mut assessment = Assessment::named("Test");
    for item in checklist.items() {
        let answer = if levels.contains(&item.level) {
            Answer::Yes
        } else {
            Answer::No
        };
        assessment.answers.set_answer(&item.id, Some(answer));
    }
    assessment
}

/// A context with a team count and nothing else.
pub fn teams(count: u32) -> TeamContext {
    TeamContext {
        teams: Some(count),
        ..TeamContext::default()
    }
}

/// A small deterministic generator (SplitMix64) for fuzz-style tests, so a
/// failure always reproduces.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }
}

/// CRC-32 (IEEE), to forge links whose checksum is right but whose content is
/// not, reaching the parser behind the checksum.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded URL-safe base64, written independently of the crate's encoder.
pub fn base64url(bytes: &[u8]) -> String {
    let mut bits = 0u32;
    let mut held = 0;
    let mut out = String::new();
    for &byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        held += 8;
        while held >= 6 {
            held -= 6;
            out.push(char::from(ALPHABET[((bits >> held) & 0x3f) as usize]));
        }
    }
    if held > 0 {
        out.push(char::from(ALPHABET[((bits << (6 - held)) & 0x3f) as usize]));
    }
    out
}

/// Decodes unpadded URL-safe base64 (test inputs only).
pub fn unbase64url(text: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut held = 0;
    let mut out = Vec::new();
    for c in text.bytes() {
        let value = ALPHABET
            .iter()
            .position(|&a| a == c)
            .expect("base64url character") as u32;
        bits = (bits << 6) | value;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

/// Appends a CRC-32 to a body and encodes it as a link token.
pub fn sealed_token(body: &[u8]) -> String {
    let mut bytes = body.to_vec();
    bytes.extend_from_slice(&crc32(body).to_be_bytes());
    base64url(&bytes)
}
