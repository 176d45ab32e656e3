//! Byte-level helpers for the share link: URL-safe base64, CRC-32, unsigned
//! varints, and a bit packer. Every read is bounds-checked and reports what ran
//! out instead of panicking, because links arrive from strangers.

/// The URL-safe base64 alphabet (RFC 4648 §5), written without padding.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes bytes as unpadded URL-safe base64.
pub(crate) fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let sextet = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[sextet as usize]));
        }
    }
    out
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

fn sextet(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Decodes unpadded URL-safe base64.
pub(crate) fn base64url_decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    if let Some((index, found)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| !c.is_ascii() || sextet(c as u8).is_none())
    {
        return Err(Base64Error::BadChar { index, found });
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(Base64Error::BadLength);
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= sextet(c).unwrap_or(0) << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        let unused_bits = 24 - 8 * produced as u32;
        if n & ((1 << unused_bits) - 1) != 0 {
            return Err(Base64Error::NonCanonical);
        }
        for i in 0..produced {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// CRC-32 (IEEE 802.3, the one zip and PNG use). Bitwise: links are short.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
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
