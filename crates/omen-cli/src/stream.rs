//! Reading request cases from a file or stdin one at a time, with bounded memory: a JSON array
//! is split into its elements as it streams, JSON Lines are read line by line (a broken line is
//! one error), and a case larger than [`MAX_CASE_BYTES`] is skipped with an error instead of
//! being held.

use serde::de::IgnoredAny;
use std::collections::VecDeque;
use std::io::BufRead;

/// The largest case `omen eval` holds in memory (AWS's largest policy is 20 KB; a case holds a few).
pub const MAX_CASE_BYTES: usize = 8 << 20;

/// One item of the input: the text of one JSON value, or why a part of the input is not one.
pub type CaseItem = Result<String, String>;

/// How the input lays out its cases, decided from its first bytes.
#[derive(Clone, Copy)]
enum Layout {
    /// A JSON array of cases, streamed element by element.
    Array,
    /// JSON values one after another: one case object, `{"cases": [...]}`, pretty objects in a row.
    Values,
    /// JSON Lines: one case per line.
    Lines,
}

/// A line as read: its bytes, or its length when over [`MAX_CASE_BYTES`].
type Line = Result<Vec<u8>, usize>;

/// Splits an input into JSON values as it reads it.
pub struct CaseStream<R: BufRead> {
    reader: R,
    layout: Option<Layout>,
    /// Lines read while deciding the layout, with their numbers, not yet handed out.
    pending_lines: VecDeque<(usize, Line)>,
    /// Bytes read while deciding the layout, for the value scanner.
    pending_bytes: VecDeque<u8>,
    lines_read: usize,
    /// An error to report once the value before it has been handed out.
    tail_error: Option<String>,
    done: bool,
}

fn io_error(error: std::io::Error) -> String {
    format!("cannot read the input: {error}")
}

fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<IgnoredAny>(bytes).is_ok()
}

impl<R: BufRead> CaseStream<R> {
    /// A stream over `reader`.
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            layout: None,
            pending_lines: VecDeque::new(),
            pending_bytes: VecDeque::new(),
            lines_read: 0,
            tail_error: None,
            done: false,
        }
    }

    fn next_byte(&mut self) -> Result<Option<u8>, String> {
        if let Some(byte) = self.pending_bytes.pop_front() {
            return Ok(Some(byte));
        }
        let buffer = self.reader.fill_buf().map_err(io_error)?;
        let Some(&byte) = buffer.first() else {
            return Ok(None);
        };
        self.reader.consume(1);
        Ok(Some(byte))
    }

    /// Skip whitespace and return the next byte without consuming it.
    fn peek_non_whitespace(&mut self) -> Result<Option<u8>, String> {
        loop {
            let buffer = self.reader.fill_buf().map_err(io_error)?;
            if buffer.is_empty() {
                return Ok(None);
            }
            match buffer.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(position) => {
                    let first = buffer.get(position).copied();
                    self.reader.consume(position);
                    return Ok(first);
                }
                None => {
                    let length = buffer.len();
                    self.reader.consume(length);
                }
            }
        }
    }

    /// The next line (without its line break), or its length when it is too long to hold;
    /// `None` at the end of the input.
    fn read_line(&mut self) -> Result<Option<(usize, Line)>, String> {
        let mut line = Vec::new();
        let mut length = 0usize;
        let mut any = false;
        loop {
            let buffer = self.reader.fill_buf().map_err(io_error)?;
            if buffer.is_empty() {
                if !any {
                    return Ok(None);
                }
                break;
            }
            any = true;
            let (chunk, found) = match buffer.iter().position(|b| *b == b'\n') {
                Some(end) => (buffer.get(..end).unwrap_or_default(), true),
                None => (buffer, false),
            };
            length += chunk.len();
            if length <= MAX_CASE_BYTES {
                line.extend_from_slice(chunk);
            } else {
                line = Vec::new();
            }
            let consumed = chunk.len() + usize::from(found);
            self.reader.consume(consumed);
            if found {
                break;
            }
        }
        self.lines_read += 1;
        Ok(Some((self.lines_read, if length > MAX_CASE_BYTES { Err(length) } else { Ok(line) })))
    }

    fn decide_layout(&mut self) -> Result<Option<Layout>, String> {
        match self.peek_non_whitespace()? {
            None => Ok(None),
            Some(b'[') => Ok(Some(Layout::Array)),
            Some(_) => {
                // JSON Lines when the input has several lines and the first or the second is a
                // whole JSON value on its own, or both open an object at their first column (broken
                // lines); otherwise values (pretty-printed) one after another.
                let first = self.read_line()?;
                let second = self.read_line()?;
                let whole = |line: &Option<(usize, Line)>| matches!(line, Some((_, Ok(bytes))) if is_json(bytes));
                let opens = |line: &Option<(usize, Line)>| {
                    matches!(line, Some((_, Ok(bytes))) if bytes.first() == Some(&b'{'))
                        || matches!(line, Some((_, Err(_))))
                };
                let lines = second.is_some() && (whole(&first) || whole(&second) || (opens(&first) && opens(&second)));
                if lines {
                    self.pending_lines.extend(first);
                    self.pending_lines.extend(second);
                    return Ok(Some(Layout::Lines));
                }
                for (_, line) in [first, second].into_iter().flatten() {
                    match line {
                        Ok(bytes) => {
                            self.pending_bytes.extend(bytes);
                            self.pending_bytes.push_back(b'\n');
                        }
                        Err(length) => {
                            return Err(format!(
                                "a line of {length} bytes is over the {MAX_CASE_BYTES}-byte limit for one case"
                            ))
                        }
                    }
                }
                Ok(Some(Layout::Values))
            }
        }
    }

    /// The next JSON value, scanned byte by byte with strings and nesting tracked. Inside an
    /// array (after its `[`), a value ends at the `,` or `]` at depth 0.
    fn scan_value(&mut self, in_array: bool) -> Result<Option<CaseItem>, String> {
        let mut text = Vec::new();
        let mut size = 0usize;
        let (mut depth, mut in_string, mut escaped, mut started) = (0usize, false, false, false);
        loop {
            let Some(byte) = self.next_byte()? else {
                self.done = true;
                if in_array && started && depth == 0 && !in_string {
                    self.tail_error = Some("the input ends before the array's closing `]`".to_string());
                    return Ok(Some(finish(text, size)));
                }
                return Ok(started.then(|| Err("the input ends inside a case".to_string())));
            };
            if !started {
                if byte.is_ascii_whitespace() || (in_array && byte == b',') {
                    continue;
                }
                if in_array && byte == b']' {
                    self.done = true;
                    return Ok(None);
                }
                started = true;
            }
            if in_string {
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else {
                match byte {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b']' if in_array => {
                        self.done = true;
                        return Ok(Some(finish(text, size)));
                    }
                    b',' if in_array && depth == 0 => return Ok(Some(finish(text, size))),
                    _ => {}
                }
            }
            size += 1;
            if size <= MAX_CASE_BYTES {
                text.push(byte);
            }
            if depth == 0 && !in_string && !in_array && matches!(byte, b'}' | b']') {
                return Ok(Some(finish(text, size)));
            }
        }
    }

    fn next_line(&mut self) -> Result<Option<CaseItem>, String> {
        loop {
            let next = match self.pending_lines.pop_front() {
                Some(line) => Some(line),
                None => self.read_line()?,
            };
            let Some((number, line)) = next else {
                return Ok(None);
            };
            return Ok(Some(match line {
                Err(length) => {
                    Err(format!("line {number} is {length} bytes, over the {MAX_CASE_BYTES}-byte limit for one case"))
                }
                Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(bytes) => match serde_json::from_slice::<IgnoredAny>(&bytes) {
                    // Bytes that are not UTF-8 become U+FFFD: the case then says what is wrong.
                    Ok(_) => Ok(String::from_utf8_lossy(&bytes).trim().to_string()),
                    Err(error) => Err(format!("line {number} is not JSON: {error}")),
                },
            }));
        }
    }
}

fn finish(text: Vec<u8>, size: usize) -> CaseItem {
    if size > MAX_CASE_BYTES {
        return Err(format!("a case of {size} bytes is over the {MAX_CASE_BYTES}-byte limit for one case"));
    }
    Ok(String::from_utf8_lossy(&text).trim().to_string())
}

impl<R: BufRead> Iterator for CaseStream<R> {
    type Item = CaseItem;

    fn next(&mut self) -> Option<CaseItem> {
        if self.done {
            return self.tail_error.take().map(Err);
        }
        let layout = match self.layout {
            Some(layout) => layout,
            None => match self.decide_layout() {
                Ok(Some(Layout::Array)) => {
                    // Consume the `[` the layout was decided on.
                    if let Err(error) = self.next_byte() {
                        self.done = true;
                        return Some(Err(error));
                    }
                    self.layout = Some(Layout::Array);
                    Layout::Array
                }
                Ok(Some(layout)) => {
                    self.layout = Some(layout);
                    layout
                }
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            },
        };
        let item = match layout {
            Layout::Array => self.scan_value(true),
            Layout::Values => self.scan_value(false),
            Layout::Lines => self.next_line(),
        };
        match item {
            Ok(Some(item)) => Some(item),
            Ok(None) => {
                self.done = true;
                self.tail_error.take().map(Err)
            }
            Err(error) => {
                self.done = true;
                Some(Err(error))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]
    use super::*;

    fn items(input: &str) -> Vec<CaseItem> {
        CaseStream::new(input.as_bytes()).collect()
    }

    #[test]
    fn splits_every_layout() {
        let cases = [
            (r#"[{"a": "x,]"}, {"b": [1, 2]}]"#, vec![Ok(r#"{"a": "x,]"}"#), Ok(r#"{"b": [1, 2]}"#)]),
            ("{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n", vec![Ok("{\n  \"a\": 1\n}"), Ok("{\n  \"b\": 2\n}")]),
            ("{\"a\": 1}\n{\"b\": \n{\"c\": 3}\n", vec![Ok("{\"a\": 1}"), Err("line 2"), Ok("{\"c\": 3}")]),
            ("{\"b\": \n{\"c\": 3}\n", vec![Err("line 1"), Ok("{\"c\": 3}")]),
            ("", vec![]),
            ("[]", vec![]),
            ("[{\"a\": 1}", vec![Ok("{\"a\": 1}"), Err("closing")]),
        ];
        for (input, expected) in cases {
            let found = items(input);
            assert_eq!(found.len(), expected.len(), "{input:?}: {found:?}");
            for (item, want) in found.iter().zip(&expected) {
                match (item, want) {
                    (Ok(text), Ok(want)) => assert_eq!(text, want),
                    (Err(error), Err(want)) => assert!(error.contains(want), "{error}"),
                    _ => panic!("{input:?}: {found:?}"),
                }
            }
        }
    }
}
