//! Byte-level helpers for the share link: URL-safe base64 and CRC-32 (from
//! the `base64` and `crc` crates), unsigned varints, and a bit packer.
//! Every read is bounds-checked and reports what ran out instead of
//! panicking, because links arrive from strangers.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine as _};

/// Encodes bytes as unpadded URL-safe base64 (RFC 4648 §5).
pub(crate) fn base64url_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Why a base64 text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Base64Error {
    /// A character outside the URL-safe alphabet, with its character index.
    BadChar { index: usize, found: char },
    /// A length that no byte string encodes to (one character too many).
    BadLength,
    /// The last character carries bits beyond the data: not what any encoder
    /// writes, so the text was altered.
    NonCanonical,
}

fn in_alphabet(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Decodes unpadded URL-safe base64, refusing padding and non-canonical
/// trailing bits as the crate's strict engine does.
pub(crate) fn base64url_decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    // The crate reports a bad byte by byte offset; a person reading the
    // error wants the character and its position among characters.
    if let Some((index, found)) = text.chars().enumerate().find(|&(_, c)| !in_alphabet(c)) {
        return Err(Base64Error::BadChar { index, found });
    }
    URL_SAFE_NO_PAD.decode(text).map_err(|error| match error {
        DecodeError::InvalidLength(_) => Base64Error::BadLength,
        DecodeError::InvalidLastSymbol(..) => Base64Error::NonCanonical,
        // Unreachable after the alphabet check; still an alteration.
        DecodeError::InvalidByte(..) | DecodeError::InvalidPadding => Base64Error::NonCanonical,
    })
}

/// CRC-32 (IEEE 802.3, the one zip and PNG use).
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    const CRC32: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);
    CRC32.checksum(bytes)
}

/// Appends `value` as an unsigned LEB128 varint.
pub(crate) fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Packs small values into a bit stream, most significant bit first.
#[derive(Default)]
pub(crate) struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the low `bits` bits of `value`.
    pub(crate) fn push(&mut self, value: u8, bits: u32) {
        for shift in (0..bits).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = (value >> shift) & 1;
            if let Some(last) = self.bytes.last_mut() {
                *last |= bit << (7 - self.used % 8);
            }
            self.used += 1;
        }
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads `count` values of `bits` bits each from `bytes`, most significant bit
/// first. The caller has checked that `bytes` holds enough bits.
pub(crate) fn unpack_bits(bytes: &[u8], count: usize, bits: u32) -> Vec<u8> {
    let mut values = Vec::with_capacity(count);
    let mut position = 0usize;
    for _ in 0..count {
        let mut value = 0u8;
        for _ in 0..bits {
            let byte = bytes.get(position / 8).copied().unwrap_or(0);
            let bit = (byte >> (7 - position % 8)) & 1;
            value = (value << 1) | bit;
            position += 1;
        }
        values.push(value);
    }
    values
}

/// What a [`Reader`] ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The data ended while `what` was being read.
    Truncated { what: &'static str },
    /// A varint longer than 32 bits.
    Overflow { what: &'static str },
}

/// A cursor over untrusted bytes.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, position: 0 }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.position
    }

    pub(crate) fn byte(&mut self, what: &'static str) -> Result<u8, ReadError> {
        let byte = *self
            .bytes
            .get(self.position)
            .ok_or(ReadError::Truncated { what })?;
        self.position += 1;
        Ok(byte)
    }

    pub(crate) fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], ReadError> {
        if self.remaining() < len {
            return Err(ReadError::Truncated { what });
        }
        let slice = &self.bytes[self.position..self.position + len];
        self.position += len;
        Ok(slice)
    }

    pub(crate) fn u32_be(&mut self, what: &'static str) -> Result<u32, ReadError> {
        let bytes = self.take(4, what)?;
        Ok(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    pub(crate) fn varint(&mut self, what: &'static str) -> Result<u32, ReadError> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte(what)?;
            let low = u32::from(byte & 0x7f);
            if shift == 28 && low > 0x0f {
                return Err(ReadError::Overflow { what });
            }
            value |= low << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ReadError::Overflow { what })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).as_deref(), Ok(plain.as_bytes()));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8"), Ok(vec![0xfb, 0xff]));
        assert_eq!(base64url_decode("Zm9vY"), Err(Base64Error::BadLength));
        // "Zh" would decode to "f" too if its spare bits were ignored.
        assert_eq!(base64url_decode("Zh"), Err(Base64Error::NonCanonical));
        assert_eq!(base64url_decode("Zm9"), Err(Base64Error::NonCanonical));
        assert_eq!(base64url_decode("Zm-"), Err(Base64Error::NonCanonical));
        assert_eq!(
            base64url_decode("Zm+v"),
            Err(Base64Error::BadChar {
                index: 2,
                found: '+'
            })
        );
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn varints_round_trip_and_reject_overflow() {
        for value in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, value);
            let mut reader = Reader::new(&bytes);
            assert_eq!(reader.varint("v"), Ok(value));
            assert_eq!(reader.remaining(), 0);
        }
        let too_big = [0xff, 0xff, 0xff, 0xff, 0x1f];
        assert_eq!(
            Reader::new(&too_big).varint("v"),
            Err(ReadError::Overflow { what: "v" })
        );
        assert_eq!(
            Reader::new(&[0x80]).varint("v"),
            Err(ReadError::Truncated { what: "v" })
        );
    }

    #[test]
    fn bits_round_trip() {
        let values = [0u8, 1, 2, 3, 4, 7, 5, 6, 0, 4];
        let mut writer = BitWriter::default();
        for &v in &values {
            writer.push(v, 3);
        }
        let bytes = writer.into_bytes();
        assert_eq!(bytes.len(), 4);
        assert_eq!(unpack_bits(&bytes, values.len(), 3), values);
    }
}
