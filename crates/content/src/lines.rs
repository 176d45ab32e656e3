//! Byte offset → line number, for error messages.

/// Line starts of one text.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Line number of the text's first line within its file.
    first_line: usize,
}

impl LineIndex {
    /// `first_line` is the 1-based file line on which `text` begins.
    pub fn new(text: &str, first_line: usize) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(offset, _)| offset + 1));
        LineIndex { starts, first_line }
    }

    /// The 1-based file line containing `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let index = match self.starts.binary_search(&offset) {
            Ok(index) => index,
            Err(next) => next - 1,
        };
        self.first_line + index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_file_lines() {
        let index = LineIndex::new("ab\ncd\n\nef", 10);
        assert_eq!(index.line(0), 10);
        assert_eq!(index.line(2), 10);
        assert_eq!(index.line(3), 11);
        assert_eq!(index.line(6), 12);
        assert_eq!(index.line(7), 13);
        assert_eq!(index.line(100), 13);
    }
}
