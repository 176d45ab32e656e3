//! Word count and reading time.

/// Typical adult reading speed for non-fiction prose.
pub const WORDS_PER_MINUTE: u32 = 230;

/// Words in `text`: whitespace-separated tokens with at least one letter or
/// digit (so a lone dash or bullet is not a word).
pub fn count_words(text: &str) -> u32 {
    let words = text
        .split_whitespace()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(words).unwrap_or(u32::MAX)
}

/// Minutes to read `words`, rounded to the nearest minute, at least one.
pub fn reading_minutes(words: u32) -> u32 {
    (words.saturating_add(WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(count_words("Retries — with   jitter, and a budget."), 6);
        assert_eq!(count_words("  \n "), 0);
        assert_eq!(count_words("p99 is 2.5 s"), 4);
    }

    #[test]
    fn rounds_to_the_nearest_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(114), 1);
        assert_eq!(reading_minutes(345), 2);
        assert_eq!(reading_minutes(344), 1);
        assert_eq!(reading_minutes(2300), 10);
        assert_eq!(reading_minutes(u32::MAX), u32::MAX / WORDS_PER_MINUTE);
    }
}
