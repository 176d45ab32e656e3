//! Share links: an assessment packed into a short URL-safe token that travels
//! in the URL fragment, so it never reaches any server.
//!
//! Token = unpadded URL-safe base64 of these bytes (format version 1):
//!
//! | bytes            | content                                                       |
//! |------------------|---------------------------------------------------------------|
//! | 1                | format version (1)                                            |
//! | 4                | checklist fingerprint (CRC-32 of the item ids, big-endian)    |
//! | varint           | item count N                                                  |
//! | ⌈3N/8⌉           | one 3-bit answer per item in checklist order: 0 unanswered, 1 yes, 2 partly, 3 no, 4 not applicable |
//! | varint ×2        | teams, services (0 = blank)                                   |
//! | 1                | deployment frequency (high nibble), lead time (low nibble): 0 = blank, else choice index + 1 |
//! | 1                | recovery time: 0 = blank, else choice index + 1               |
//! | 1                | change failure rate: 0–100, 255 = blank                       |
//! | 1                | flags: bit 0 a name follows, bit 1 texts follow               |
//! | varint + UTF-8   | name (if flagged)                                             |
//! | varint, then per text: varint (item index × 2 + kind), varint length, UTF-8 | notes (kind 0) and not-applicable reasons (kind 1), if flagged |
//! | 4                | CRC-32 of every byte before it, big-endian                    |
//!
//! Without notes or a name a 77-item assessment is 60 characters. The checksum
//! catches truncated or edited links; the fingerprint catches links made
//! against a different checklist, whose answers would otherwise land on the
//! wrong questions. A link made with an earlier checklist edition is read
//! with that edition's item list (the fingerprint names it) and its answers
//! are carried to the current edition ([`decode_with_changes`] also returns
//! what changed). Decoding never panics: every failure is a
//! [`ShareLinkError`] whose message says what is wrong.

use std::fmt;

use super::answers::{Answer, Answers, ItemResponse};
use super::assessment::{check_name, Assessment};
use super::bytes::{
    base64url_decode, base64url_encode, crc32, push_varint, unpack_bits, Base64Error, BitWriter,
    ReadError, Reader,
};
use super::context::TeamContext;
use super::dora::{DeployFrequency, DoraAnswers, FailureRate, LeadTime, RecoveryTime};
use super::model::Checklist;
use super::revision::{self, Changes};

/// The format version written by [`encode`].
pub const FORMAT_VERSION: u8 = 1;

/// The name given to a shared assessment whose link carries none.
pub const DEFAULT_SHARED_NAME: &str = "Shared assessment";

const ANSWER_BITS: u32 = 3;
const FLAG_NAME: u8 = 1;
const FLAG_TEXTS: u8 = 2;
const BLANK_RATE: u8 = 255;
const KIND_NOTE: u32 = 0;
const KIND_REASON: u32 = 1;
/// Version, fingerprint, a one-byte count and the checksum.
const MIN_BYTES: usize = 1 + 4 + 1 + 4;

/// What a share link's URL fragment starts with (`#share=TOKEN`). The prefix
/// tells a share link apart from an ordinary in-page anchor.
pub const FRAGMENT_PREFIX: &str = "share=";

/// The URL fragment, without its `#`, that carries `token`.
pub fn fragment(token: &str) -> String {
    format!("{FRAGMENT_PREFIX}{token}")
}

/// The token a URL fragment (with or without its `#`) carries, or `None` when
/// the fragment is not a share link (empty, or an ordinary anchor). An empty
/// token (`#share=`) is returned as `Some("")` so that [`decode`] can say the
/// link holds nothing.
pub fn token_in_fragment(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.strip_prefix(FRAGMENT_PREFIX)
}

/// Why a share link could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareLinkError {
    Empty,
    /// A character no share link contains.
    BadCharacter {
        index: usize,
        found: char,
    },
    /// Too short to be a link, or a length base64 never produces.
    Truncated,
    UnsupportedVersion {
        version: u8,
    },
    /// Cut off or altered: the checksum does not match.
    ChecksumMismatch,
    /// Made with a different checklist.
    ChecklistChanged {
        link_items: u32,
        current_items: usize,
    },
    /// The checksum matched but a field is impossible.
    Malformed {
        what: String,
    },
}

impl fmt::Display for ShareLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareLinkError::Empty => f.write_str("The share link holds no assessment."),
            ShareLinkError::BadCharacter { index, found } => write!(
                f,
                "The share link contains {found:?} at position {}, a character share links never use; it was probably changed while being copied.",
                index + 1
            ),
            ShareLinkError::Truncated => f.write_str(
                "The share link is too short to hold an assessment; it was probably cut off while being copied.",
            ),
            ShareLinkError::UnsupportedVersion { version } => write!(
                f,
                "The share link says it uses format {version}, which this page cannot read (it reads format {FORMAT_VERSION}). It may come from a newer Faultline, or not be a Faultline link."
            ),
            ShareLinkError::ChecksumMismatch => f.write_str(
                "The share link does not match its checksum: it was cut off or altered. Ask for the link again.",
            ),
            ShareLinkError::ChecklistChanged {
                link_items,
                current_items,
            } => write!(
                f,
                "The share link was made with a different edition of the checklist ({link_items} items; this one has {current_items}), so its answers cannot be matched to the questions. Ask the sender for a JSON export instead."
            ),
            ShareLinkError::Malformed { what } => write!(f, "The share link is damaged: {what}."),
        }
    }
}

impl std::error::Error for ShareLinkError {}

impl From<ReadError> for ShareLinkError {
    fn from(error: ReadError) -> Self {
        let what = match error {
            ReadError::Truncated { what } => format!("it ends in the middle of the {what}"),
            ReadError::Overflow { what } => format!("the {what} is impossibly large"),
        };
        ShareLinkError::Malformed { what }
    }
}

fn malformed(what: impl Into<String>) -> ShareLinkError {
    ShareLinkError::Malformed { what: what.into() }
}

fn answer_code(answer: Option<Answer>) -> u8 {
    match answer {
        None => 0,
        Some(Answer::Yes) => 1,
        Some(Answer::Partly) => 2,
        Some(Answer::No) => 3,
        Some(Answer::NotApplicable) => 4,
    }
}

fn answer_from_code(code: u8) -> Option<Option<Answer>> {
    match code {
        0 => Some(None),
        1 => Some(Some(Answer::Yes)),
        2 => Some(Some(Answer::Partly)),
        3 => Some(Some(Answer::No)),
        4 => Some(Some(Answer::NotApplicable)),
        _ => None,
    }
}

fn push_text(out: &mut Vec<u8>, text: &str) {
    push_varint(out, text.len() as u32);
    out.extend_from_slice(text.as_bytes());
}

/// Encodes an assessment as a share-link token. Answers and notes for ids the
/// checklist does not define are left out; the update time is not shared.
pub fn encode(checklist: &Checklist, assessment: &Assessment) -> String {
    let items = checklist.items();
    let mut out = vec![FORMAT_VERSION];
    out.extend_from_slice(&checklist.fingerprint().to_be_bytes());
    push_varint(&mut out, items.len() as u32);

    let mut bits = BitWriter::default();
    for item in items {
        bits.push(
            answer_code(assessment.answers.answer(&item.id)),
            ANSWER_BITS,
        );
    }
    out.extend_from_slice(&bits.into_bytes());

    let context = &assessment.context;
    push_varint(&mut out, context.teams.unwrap_or(0));
    push_varint(&mut out, context.services.unwrap_or(0));
    let dora = &context.dora;
    let frequency = dora.deployment_frequency.map_or(0, |c| c.code() + 1);
    let lead = dora.lead_time.map_or(0, |c| c.code() + 1);
    out.push(frequency << 4 | lead);
    out.push(dora.recovery_time.map_or(0, |c| c.code() + 1));
    out.push(
        dora.change_failure_rate
            .map_or(BLANK_RATE, FailureRate::percent),
    );

    let mut texts = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if let Some(response) = assessment.answers.get(&item.id) {
            if let Some(note) = response.note() {
                texts.push((index as u32 * 2 + KIND_NOTE, note));
            }
            if let Some(reason) = response.na_reason() {
                texts.push((index as u32 * 2 + KIND_REASON, reason));
            }
        }
    }
    let name = assessment.name.trim();
    let mut flags = 0;
    if !name.is_empty() {
        flags |= FLAG_NAME;
    }
    if !texts.is_empty() {
        flags |= FLAG_TEXTS;
    }
    out.push(flags);
    if !name.is_empty() {
        push_text(&mut out, name);
    }
    if !texts.is_empty() {
        push_varint(&mut out, texts.len() as u32);
        for (key, text) in texts {
            push_varint(&mut out, key);
            push_text(&mut out, text);
        }
    }
    let checksum = crc32(&out);
    out.extend_from_slice(&checksum.to_be_bytes());
    base64url_encode(&out)
}

/// A decoded link: the assessment, with answers for the current checklist,
/// and what changed since the link was made (`None` for a current link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub assessment: Assessment,
    pub changes: Option<Changes>,
}

/// Decodes a share-link token into an assessment (read-only until the user
/// saves a copy). Surrounding whitespace and a leading `#` are ignored.
pub fn decode(checklist: &Checklist, token: &str) -> Result<Assessment, ShareLinkError> {
    decode_with_changes(checklist, token).map(|decoded| decoded.assessment)
}

/// [`decode`], also saying what changed in the checklist since the link was
/// made.
pub fn decode_with_changes(checklist: &Checklist, token: &str) -> Result<Decoded, ShareLinkError> {
    let token = token.trim();
    let token = token.strip_prefix('#').unwrap_or(token);
    if token.is_empty() {
        return Err(ShareLinkError::Empty);
    }
    let bytes = base64url_decode(token).map_err(|error| match error {
        Base64Error::BadChar { index, found } => ShareLinkError::BadCharacter { index, found },
        Base64Error::BadLength => ShareLinkError::Truncated,
        Base64Error::NonCanonical => ShareLinkError::ChecksumMismatch,
    })?;
    if bytes.len() < MIN_BYTES {
        return Err(ShareLinkError::Truncated);
    }
    if bytes[0] != FORMAT_VERSION {
        return Err(ShareLinkError::UnsupportedVersion { version: bytes[0] });
    }
    let (body, tail) = bytes.split_at(bytes.len() - 4);
    if crc32(body) != u32::from_be_bytes([tail[0], tail[1], tail[2], tail[3]]) {
        return Err(ShareLinkError::ChecksumMismatch);
    }
    let mut reader = Reader::new(&body[1..]);
    let fingerprint = reader.u32_be("checklist fingerprint")?;
    let link_items = reader.varint("item count")?;
    let current_items = checklist.items().len();
    // The item ids in the order the link's answers follow, and the edition.
    let (ids, edition): (Vec<&str>, u32) = if fingerprint == checklist.fingerprint() {
        (checklist.item_ids().collect(), checklist.edition())
    } else if let Some(past) = checklist.past_edition_with_fingerprint(fingerprint) {
        (
            past.items.iter().map(String::as_str).collect(),
            past.edition,
        )
    } else {
        (Vec::new(), 0)
    };
    if ids.is_empty() || link_items as usize != ids.len() {
        return Err(ShareLinkError::ChecklistChanged {
            link_items,
            current_items,
        });
    }
    let packed = reader.take((ids.len() * ANSWER_BITS as usize).div_ceil(8), "answers")?;
    let mut answers = Answers::new();
    for (id, code) in ids.iter().zip(unpack_bits(packed, ids.len(), ANSWER_BITS)) {
        let answer = answer_from_code(code)
            .ok_or_else(|| malformed(format!("item {id} has an unknown answer code {code}")))?;
        answers.set_answer(id, answer);
    }

    let context = read_context(&mut reader)?;
    let flags = reader.byte("flags")?;
    if flags & !(FLAG_NAME | FLAG_TEXTS) != 0 {
        return Err(malformed(format!("unknown flags {flags:#04x}")));
    }
    let name = if flags & FLAG_NAME != 0 {
        let name = read_text(&mut reader, "name")?;
        check_name(&name).map_err(malformed)?;
        name
    } else {
        DEFAULT_SHARED_NAME.to_string()
    };
    if flags & FLAG_TEXTS != 0 {
        read_texts(&mut reader, &ids, &mut answers)?;
    }
    if reader.remaining() != 0 {
        return Err(malformed(format!(
            "{} unexpected bytes after the last field",
            reader.remaining()
        )));
    }
    let unknown = |error: revision::RevisionError| malformed(error.to_string());
    let changes = revision::changes_since(checklist, edition).map_err(unknown)?;
    let answers = revision::upgrade(checklist, edition, &answers).map_err(unknown)?;
    Ok(Decoded {
        assessment: Assessment {
            name,
            updated: None,
            answers,
            context,
        },
        changes,
    })
}

fn read_context(reader: &mut Reader<'_>) -> Result<TeamContext, ShareLinkError> {
    let count = |value: u32| (value != 0).then_some(value);
    let teams = count(reader.varint("team count")?);
    let services = count(reader.varint("service count")?);
    let keys = reader.byte("deployment frequency and lead time")?;
    let recovery = reader.byte("recovery time")?;
    let rate = reader.byte("change failure rate")?;
    let frequency = choice(
        keys >> 4,
        DeployFrequency::from_code,
        "deployment frequency",
    )?;
    let lead_time = choice(keys & 0x0f, LeadTime::from_code, "lead time")?;
    let recovery_time = choice(recovery, RecoveryTime::from_code, "recovery time")?;
    let change_failure_rate = match rate {
        BLANK_RATE => None,
        percent => Some(FailureRate::new(percent).ok_or_else(|| {
            malformed(format!(
                "the change failure rate is {percent} %, above 100 %"
            ))
        })?),
    };
    let context = TeamContext {
        teams,
        services,
        dora: DoraAnswers {
            deployment_frequency: frequency,
            lead_time,
            change_failure_rate,
            recovery_time,
        },
    };
    context.validate().map_err(malformed)?;
    Ok(context)
}

/// A band choice stored as 0 (blank) or its index + 1.
fn choice<T>(
    code: u8,
    from_code: fn(u8) -> Option<T>,
    field: &str,
) -> Result<Option<T>, ShareLinkError> {
    match code {
        0 => Ok(None),
        code => from_code(code - 1)
            .map(Some)
            .ok_or_else(|| malformed(format!("the {field} is not one of the known choices"))),
    }
}

fn read_text(reader: &mut Reader<'_>, what: &'static str) -> Result<String, ShareLinkError> {
    let len = reader.varint(what)? as usize;
    let bytes = reader.take(len, what)?;
    String::from_utf8(bytes.to_vec())
        .map_err(|_| malformed(format!("the {what} is not valid text")))
}

fn read_texts(
    reader: &mut Reader<'_>,
    ids: &[&str],
    answers: &mut Answers,
) -> Result<(), ShareLinkError> {
    let count = reader.varint("text count")? as usize;
    // Each text needs at least two bytes, so a larger count is a lie.
    if count > reader.remaining() / 2 {
        return Err(malformed(format!(
            "it claims {count} notes but is too short for them"
        )));
    }
    for _ in 0..count {
        let key = reader.varint("note position")?;
        let index = (key / 2) as usize;
        let id = ids.get(index).ok_or_else(|| {
            malformed(format!(
                "a note refers to item {} of {}",
                index + 1,
                ids.len()
            ))
        })?;
        let text = read_text(reader, "note")?;
        let mut response: ItemResponse = answers.get(id).cloned().unwrap_or_default();
        if key % 2 == KIND_REASON {
            if response.answer != Some(Answer::NotApplicable) {
                return Err(malformed(format!(
                    "item {id} has a not-applicable reason but another answer"
                )));
            }
            response.reason = text;
        } else {
            response.note = text;
        }
        answers.insert(id, response);
    }
    Ok(())
}
