//! JSON syntax colouring for the policy editors: the text cut into pieces, each with a token kind
//! and the marks (a diagnostic, a deciding statement) covering it. Pure, so it is tested natively.

/// What a piece of policy text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// An object key.
    Key,
    /// A string value.
    String,
    /// A number.
    Number,
    /// `true`, `false`, `null`.
    Literal,
    /// `{ } [ ] : ,`.
    Punct,
    /// Whitespace and anything else.
    Plain,
}

impl Token {
    /// The CSS class of the token.
    pub fn class(self) -> &'static str {
        match self {
            Token::Key => "tk-key",
            Token::String => "tk-str",
            Token::Number => "tk-num",
            Token::Literal => "tk-lit",
            Token::Punct => "tk-p",
            Token::Plain => "tk",
        }
    }
}

/// A range of the text (bytes) marked for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The CSS class it adds (`diag-error`, `decide-allow`, …).
    pub class: &'static str,
    /// The text shown on hover, if any.
    pub title: Option<String>,
}

/// A piece of the text to render: bytes `start..end`, one token kind, the marks over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its token kind.
    pub token: Token,
    /// Indices into the marks that cover it.
    pub marks: Vec<usize>,
}

/// Cuts `text` into JSON tokens (tolerant: broken JSON still colours sensibly).
pub fn tokens(text: &str) -> Vec<(usize, usize, Token)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let start = at;
        let token = match byte {
            b'"' => {
                at += 1;
                while let Some(&b) = bytes.get(at) {
                    at += 1;
                    match b {
                        b'\\' => at += 1,
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
                at = at.min(bytes.len());
                // A key is a string followed (after blanks) by a colon.
                let rest = bytes.get(at..).unwrap_or_default();
                let next = rest.iter().find(|b| !b.is_ascii_whitespace());
                if next == Some(&b':') {
                    Token::Key
                } else {
                    Token::String
                }
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                at += 1;
                Token::Punct
            }
            b'-' | b'0'..=b'9' => {
                at += 1;
                while bytes.get(at).is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
                {
                    at += 1;
                }
                Token::Number
            }
            b if b.is_ascii_alphabetic() => {
                while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
                    at += 1;
                }
                match text.get(start..at) {
                    Some("true" | "false" | "null") => Token::Literal,
                    _ => Token::Plain,
                }
            }
            _ => {
                at += 1;
                // Whitespace and stray bytes (and whole UTF-8 sequences) run together.
                while bytes.get(at).is_some_and(|b| {
                    !matches!(b, b'"' | b'{' | b'}' | b'[' | b']' | b':' | b',' | b'-' | b'0'..=b'9')
                        && !b.is_ascii_alphabetic()
                }) {
                    at += 1;
                }
                Token::Plain
            }
        };
        out.push((start, at, token));
    }
    out
}

/// The pieces to render: tokens cut again wherever a mark starts or ends. Marks are clamped to
/// the text and to character boundaries; pieces always cover the text exactly.
pub fn pieces(text: &str, marks: &[Mark]) -> Vec<Piece> {
    let mut cuts: Vec<usize> = marks.iter().flat_map(|mark| [mark.start, mark.end]).collect();
    cuts.retain(|&cut| cut > 0 && cut < text.len() && text.is_char_boundary(cut));
    omen_core::sort::sort(&mut cuts);
    cuts.dedup();
    let mut out = Vec::new();
    let mut next_cut = cuts.iter().peekable();
    for (start, end, token) in tokens(text) {
        let mut from = start;
        while let Some(&&cut) = next_cut.peek() {
            if cut <= from {
                next_cut.next();
            } else if cut < end {
                out.push(piece(from, cut, token, marks));
                from = cut;
                next_cut.next();
            } else {
                break;
            }
        }
        out.push(piece(from, end, token, marks));
    }
    out
}

fn piece(start: usize, end: usize, token: Token, marks: &[Mark]) -> Piece {
    let marks =
        marks.iter().enumerate().filter(|(_, mark)| mark.start < end && mark.end > start).map(|(i, _)| i).collect();
    Piece { start, end, token, marks }
}

/// One line of the text as the editor draws it: bytes `start..end` (with its line break, if it
/// has one) and the marks over it, in bytes from the line's start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// First byte.
    pub start: usize,
    /// One past the last byte (after the line break).
    pub end: usize,
    /// The marks that cover part of the line, clamped to it and counted from its start.
    pub marks: Vec<Mark>,
}

/// The lines of `text`, each with the marks that touch it. A text that ends with a line break
/// (or is empty) has an empty last line, as a textarea shows one. Linear in the text and in the
/// total length of the marks (in lines), so a keystroke in a long policy stays cheap.
pub fn lines(text: &str, marks: &[Mark]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        out.push(Line { start, end: start + piece.len(), marks: Vec::new() });
        start += piece.len();
    }
    if text.is_empty() || text.ends_with('\n') {
        out.push(Line { start: text.len(), end: text.len(), marks: Vec::new() });
    }
    // An empty mark covers no character: there is nothing to draw.
    for mark in marks.iter().filter(|mark| mark.end > mark.start) {
        // The first line that ends after the mark starts.
        let first = out.partition_point(|line| line.end <= mark.start);
        for line in out.iter_mut().skip(first) {
            if line.start >= mark.end {
                break;
            }
            if mark.start < line.end && mark.end > line.start {
                line.marks.push(Mark {
                    start: mark.start.saturating_sub(line.start),
                    end: mark.end.saturating_sub(line.start).min(line.end - line.start),
                    ..mark.clone()
                });
            }
        }
    }
    out
}

/// The byte offset in `text` of the position `units` UTF-16 code units from its start (how the
/// browser counts a textarea's selection), clamped to the text and to a character boundary.
pub fn byte_offset(text: &str, units: usize) -> usize {
    let mut counted = 0;
    for (at, c) in text.char_indices() {
        if counted >= units {
            return at;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// The first `max_lines` lines of `text`, and at most `max_bytes` bytes of them (cut at a
/// character boundary), for a preview of a text too long to show whole.
pub fn head(text: &str, max_lines: usize, max_bytes: usize) -> &str {
    let by_lines = text.match_indices('\n').nth(max_lines.saturating_sub(1)).map_or(text.len(), |(at, _)| at + 1);
    let mut end = by_lines.min(max_bytes).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Pretty-prints `text` when it is JSON (4-space indent, as the AWS console does), keeping the
/// order of keys and the exact spelling of every token; `None` when it is not JSON.
pub fn format_json(text: &str) -> Option<String> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let tokens: Vec<(&str, Token)> = tokens(text)
        .into_iter()
        .filter(|&(_, _, token)| token != Token::Plain)
        .filter_map(|(start, end, token)| Some((text.get(start..end)?, token)))
        .collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("    ", depth));
    };
    for (index, &(piece, _)) in tokens.iter().enumerate() {
        let next = tokens.get(index + 1).map(|&(next, _)| next);
        match piece {
            "{" | "[" => {
                out.push_str(piece);
                if !matches!(next, Some("}" | "]")) {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            "}" | "]" => {
                let previous = index.checked_sub(1).and_then(|i| tokens.get(i)).map(|&(p, _)| p);
                if !matches!(previous, Some("{" | "[")) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push_str(piece);
            }
            "," => {
                out.push(',');
                newline(&mut out, depth);
            }
            ":" => out.push_str(": "),
            _ => out.push_str(piece),
        }
    }
    Some(out)
}

/// The number of lines of `text`, at least 1.
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Token)> {
        tokens(text).into_iter().map(|(s, e, t)| (&text[s..e], t)).collect()
    }

    #[test]
    fn colours_keys_strings_numbers_literals() {
        let got = kinds(r#"{"Effect": "Allow", "n": -1.5e3, "b": true}"#);
        assert!(got.contains(&("\"Effect\"", Token::Key)));
        assert!(got.contains(&("\"Allow\"", Token::String)));
        assert!(got.contains(&("-1.5e3", Token::Number)));
        assert!(got.contains(&("true", Token::Literal)));
        assert!(got.contains(&(":", Token::Punct)));
    }

    #[test]
    fn tokens_cover_broken_and_unicode_text() {
        for text in ["{\"a\": \"unterminated\n}", "お面 {\"ロール\": \"\\\"x\"}", "\"", "\\", "{,,]"] {
            let got = tokens(text);
            let joined: String = got.iter().map(|&(s, e, _)| &text[s..e]).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn marks_cut_tokens() {
        let text = r#"{"Sid": "Deny"}"#;
        let marks = [Mark { start: 3, end: 10, class: "diag-error", title: None }];
        let got = pieces(text, &marks);
        let joined: String = got.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(joined, text);
        let marked: String = got.iter().filter(|p| !p.marks.is_empty()).map(|p| &text[p.start..p.end]).collect();
        assert_eq!(marked, "id\": \"D");
    }

    #[test]
    fn marks_off_the_text_or_inside_a_character_are_ignored() {
        let text = "\"お\"";
        let marks = [Mark { start: 2, end: 99, class: "x", title: None }];
        let got = pieces(text, &marks);
        let joined: String = got.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn lines_carry_their_marks() {
        let text = "{\n\"a\": 1,\n\"b\": 2\n}";
        let marks = [
            Mark { start: 3, end: 12, class: "diag-error", title: None },
            Mark { start: 0, end: 1, class: "decide-allow", title: None },
            Mark { start: 5, end: 5, class: "empty", title: None },
        ];
        let got = lines(text, &marks);
        let texts: Vec<&str> = got.iter().map(|line| &text[line.start..line.end]).collect();
        assert_eq!(texts, ["{\n", "\"a\": 1,\n", "\"b\": 2\n", "}"]);
        let classes: Vec<Vec<(usize, usize, &str)>> =
            got.iter().map(|line| line.marks.iter().map(|m| (m.start, m.end, m.class)).collect()).collect();
        // The error runs from line 2 into line 3; the empty mark touches nothing.
        assert_eq!(
            classes,
            [vec![(0, 1, "decide-allow")], vec![(1, 8, "diag-error")], vec![(0, 2, "diag-error")], vec![]]
        );
    }

    #[test]
    fn a_final_line_break_or_no_text_makes_an_empty_last_line() {
        for (text, count) in [("", 1), ("a", 1), ("a\n", 2), ("\n\n", 3)] {
            let got = lines(text, &[]);
            assert_eq!(got.len(), count, "{text:?}");
            assert_eq!(got.len(), line_count(text), "{text:?}");
            assert!(got.last().is_some_and(|line| line.end == text.len()));
        }
    }

    #[test]
    fn utf16_positions_become_byte_offsets() {
        let text = "aお😀b";
        // a = 1 unit, お = 1 unit (3 bytes), 😀 = 2 units (4 bytes).
        assert_eq!([0, 1, 2, 4, 5, 99].map(|units| byte_offset(text, units)), [0, 1, 4, 8, 9, 9]);
    }

    #[test]
    fn heads_stop_at_a_line_count_or_a_byte_count() {
        assert_eq!(head("a\nb\nc\n", 2, 100), "a\nb\n");
        assert_eq!(head("a\nb", 5, 100), "a\nb");
        assert_eq!(head("おおお", 9, 4), "お");
        assert_eq!(head("", 3, 3), "");
    }

    #[test]
    fn formats_json_only() {
        assert_eq!(format_json("{\"a\":[1]}").as_deref(), Some("{\n    \"a\": [\n        1\n    ]\n}"));
        assert_eq!(
            format_json("{\"V\": \"x\", \"S\": [], \"o\": {}, \"n\": -1.50, \"t\": \"a\\\"b\"}").as_deref(),
            Some("{\n    \"V\": \"x\",\n    \"S\": [],\n    \"o\": {},\n    \"n\": -1.50,\n    \"t\": \"a\\\"b\"\n}")
        );
        assert_eq!(format_json("{"), None);
        assert_eq!(line_count("a\nb\n"), 3);
    }
}
