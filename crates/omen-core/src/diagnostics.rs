//! Diagnostics: positioned errors and warnings about policy text, and source positions.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the text the user typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TextRange {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl TextRange {
    /// A range from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The slice of `text` this range covers, or `""` when out of bounds.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS would reject the policy (or Omen cannot read it).
    Error,
    /// AWS accepts the policy, but it probably does not do what was meant.
    Warning,
}

/// One finding about a policy, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code, such as `unknown-element`.
    pub code: &'static str,
    /// What is wrong: lowercase start, no final period, user input in backticks.
    pub message: String,
    /// How to fix it, when Omen knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where in the policy text.
    pub range: TextRange,
}

impl Diagnostic {
    /// An error at `range`.
    pub fn error(code: &'static str, range: TextRange, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, code, message: message.into(), help: None, range }
    }

    /// A warning at `range`.
    pub fn warning(code: &'static str, range: TextRange, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, code, message: message.into(), help: None, range }
    }

    /// The same diagnostic with a `help` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A position in text as editors count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in UTF-16 code units (what browsers and editors count).
    pub column: usize,
    /// 0-based offset from the start of the text, in UTF-16 code units.
    pub utf16_offset: usize,
}

/// Converts byte offsets of one text into lines, columns and UTF-16 offsets.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Index the line starts of `text`.
    pub fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = utf16_len(self.text.get(line_start..offset).unwrap_or("")) + 1;
        let utf16_offset = utf16_len(self.text.get(..offset).unwrap_or(""));
        Position { line, column, utf16_offset }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'t str {
        let start = self.line_starts.get(line.wrapping_sub(1)).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line).map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Render a diagnostic with its source line and a caret underline, for terminals and snapshots.
pub fn render_with_source(diagnostic: &Diagnostic, text: &str) -> String {
    let index = LineIndex::new(text);
    let start = index.position(diagnostic.range.start);
    let end = index.position(diagnostic.range.end);
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let source = index.line_text(start.line);
    let width = if end.line == start.line { end.column.saturating_sub(start.column).max(1) } else { 1 };
    let mut out = format!(
        "{kind}[{}]: {}\n --> {}:{}\n  | {source}\n  | {}{}",
        diagnostic.code,
        diagnostic.message,
        start.line,
        start.column,
        " ".repeat(start.column - 1),
        "^".repeat(width)
    );
    if let Some(help) = &diagnostic.help {
        out.push_str("\n  = help: ");
        out.push_str(help);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_columns() {
        let text = "{\n  \"Sid\": \"お面\",\n  \"x\": 1\n}";
        let index = LineIndex::new(text);
        let x = text.find("\"x\"").unwrap_or_default();
        assert_eq!(index.position(x).line, 3);
        assert_eq!(index.position(x).column, 3);
        let after_mask = text.find("\",\n").unwrap_or_default();
        // `  "Sid": "` is 10 UTF-16 units, then two kana.
        assert_eq!(index.position(after_mask).column, 13);
        assert_eq!(index.line_text(2), "  \"Sid\": \"お面\",");
    }

    #[test]
    fn render_underlines_the_range() {
        let text = "{\"Efect\": \"Allow\"}";
        let diagnostic = Diagnostic::error("unknown-element", TextRange::new(1, 8), "unknown element `Efect`")
            .with_help("did you mean `Effect`?");
        let rendered = render_with_source(&diagnostic, text);
        assert!(rendered.contains("  |  ^^^^^^^"), "{rendered}");
        assert!(rendered.ends_with("help: did you mean `Effect`?"));
    }
}
