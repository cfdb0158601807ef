//! Reading one file's text as the AWS CLI prints it: one or more JSON documents one after the
//! other (`for r in …; do aws iam get-role …; done > roles.json`), what can be saved from a cut or
//! damaged file, and where a JSON pointer lies in the text (for diagnostics with line and column).

use crate::diagnostics::TextRange;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// One JSON document of a file.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    /// Where it starts in the file (bytes).
    pub start: usize,
    /// The value; for a damaged document, what could be saved of it.
    pub value: Value,
}

/// Where a file stops being readable JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Which document of the file (0-based).
    pub document: usize,
    /// Where that document starts (bytes).
    pub start: usize,
    /// Byte offset in the file where the JSON stops being valid.
    pub offset: usize,
    /// The JSON pointer (RFC 6901, relative to the document) of the value being read there.
    pub pointer: String,
    /// Whether the text simply ends there (a cut file) rather than holding something wrong.
    pub cut: bool,
    /// What the JSON reader said.
    pub reason: String,
    /// Whether part of the damaged document was saved (its complete entries before the damage).
    pub saved: bool,
}

/// A file read into JSON documents.
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    /// The documents, in order; a damaged document's saved part comes last.
    pub documents: Vec<SourceDocument>,
    /// Where the file stopped being readable, if it did.
    pub damage: Option<Damage>,
}

/// Values complete at this depth or shallower are kept when a damaged document is saved:
/// the entries of the top-level lists (`/RoleDetailList/7`) and the fields of a top-level
/// object (`/Role/Arn`).
const SAVE_DEPTH: usize = 2;

/// Read `text` as JSON documents one after the other.
pub fn read_documents(text: &str) -> SourceText {
    let mut source = SourceText::default();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let mut previous_end = 0;
    loop {
        let start = skip_whitespace(text, previous_end);
        match stream.next() {
            None => break,
            Some(Ok(value)) => {
                source.documents.push(SourceDocument { start, value });
                previous_end = stream.byte_offset();
            }
            Some(Err(error)) => {
                let offset = offset_of(text, error.line(), error.column()).max(start);
                let cut = error.is_eof();
                let document = source.documents.len();
                let walk = Walker::walk(text.get(start..offset).unwrap_or(""), None);
                let saved = walk.saved_text().and_then(|saved| serde_json::from_str::<Value>(&saved).ok());
                let reason = error.to_string();
                let reason = reason.split(" at line ").next().unwrap_or(&reason).to_string();
                source.damage = Some(Damage {
                    document,
                    start,
                    offset,
                    pointer: walk.pointer(),
                    cut,
                    reason,
                    saved: saved.is_some(),
                });
                if let Some(value) = saved {
                    source.documents.push(SourceDocument { start, value });
                }
                break;
            }
        }
    }
    source
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + (rest.len() - rest.trim_start().len())
}

/// The byte offset of serde_json's 1-based line and column (columns count bytes; column 0 is
/// the line break ending the line before).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match text.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(newline) => line_start += newline + 1,
            None => return text.len(),
        }
    }
    let mut offset = (line_start + column).saturating_sub(1).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where each of `pointers` (relative to the document starting at `start`) lies in `text`:
/// the range of the value, or of its nearest ancestor that the text holds.
pub fn locate(text: &str, start: usize, pointers: &[String]) -> HashMap<String, TextRange> {
    let mut targets: HashSet<&str> = HashSet::new();
    for pointer in pointers {
        let mut candidate = pointer.as_str();
        targets.insert(candidate);
        while let Some(slash) = candidate.rfind('/') {
            candidate = candidate.get(..slash).unwrap_or("");
            targets.insert(candidate);
        }
    }
    let document = text.get(start..).unwrap_or("");
    let walk = Walker::walk(document, Some(&targets));
    let mut found = HashMap::new();
    for pointer in pointers {
        let mut candidate = pointer.as_str();
        loop {
            if let Some(range) = walk.found.get(candidate) {
                found.insert(pointer.clone(), TextRange::new(start + range.start, start + range.end));
                break;
            }
            match candidate.rfind('/') {
                Some(slash) => candidate = candidate.get(..slash).unwrap_or(""),
                None => break,
            }
        }
    }
    found
}

/// One open container while walking JSON text.
#[derive(Debug, Clone)]
struct Frame {
    object: bool,
    /// The pointer's length before this container's current member was appended.
    base: usize,
    /// Array: the index of the current element.
    index: usize,
    /// Object: whether a key comes next.
    expecting_key: bool,
    /// Where the container starts (bytes).
    start: usize,
}

/// A minimal JSON walker: it follows the structure of (possibly damaged) JSON text without
/// building values, keeping the JSON pointer of the value being read. It stops where the text
/// stops making sense, or after the first document when looking for pointers.
#[derive(Debug)]
struct Walker<'t> {
    text: &'t str,
    /// Open containers.
    stack: Vec<Frame>,
    /// The pointer of the value being read (or of the last member begun).
    pointer: String,
    /// Where the last value of depth ≤ [`SAVE_DEPTH`] ended, with the containers open then.
    save_point: Option<(usize, Vec<bool>)>,
    /// Located targets: pointer → range.
    found: HashMap<String, TextRange>,
}

impl<'t> Walker<'t> {
    fn walk(text: &'t str, targets: Option<&HashSet<&str>>) -> Self {
        let mut walker =
            Self { text, stack: Vec::new(), pointer: String::new(), save_point: None, found: HashMap::new() };
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' | b':' => at += 1,
                b'{' | b'[' => {
                    let base = walker.pointer.len();
                    walker.stack.push(Frame { object: byte == b'{', base, index: 0, expecting_key: true, start: at });
                    if byte == b'[' {
                        walker.push_segment("0");
                    }
                    at += 1;
                }
                b'}' | b']' => {
                    let Some(frame) = walker.stack.pop() else { break };
                    walker.pointer.truncate(frame.base);
                    at += 1;
                    walker.end_value(targets, frame.start, at);
                    if walker.stack.is_empty() && targets.is_some() {
                        break;
                    }
                }
                b',' => {
                    if let Some(frame) = walker.stack.last_mut() {
                        let base = frame.base;
                        let next = if frame.object {
                            frame.expecting_key = true;
                            None
                        } else {
                            frame.index += 1;
                            Some(frame.index.to_string())
                        };
                        walker.pointer.truncate(base);
                        if let Some(index) = next {
                            walker.push_segment(&index);
                        }
                    }
                    at += 1;
                }
                b'"' => {
                    let Some(end) = string_end(bytes, at) else { break };
                    let key_of = walker.stack.last_mut().filter(|f| f.object && f.expecting_key);
                    if let Some(frame) = key_of {
                        frame.expecting_key = false;
                        let base = frame.base;
                        let key =
                            serde_json::from_str::<String>(text.get(at..end).unwrap_or("\"\"")).unwrap_or_default();
                        walker.pointer.truncate(base);
                        walker.push_segment(&key);
                    } else {
                        walker.end_value(targets, at, end);
                    }
                    at = end;
                }
                _ => {
                    let length = bytes
                        .iter()
                        .skip(at)
                        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
                        .unwrap_or(bytes.len() - at);
                    if length == 0 {
                        break;
                    }
                    walker.end_value(targets, at, at + length);
                    at += length;
                }
            }
        }
        walker
    }

    fn push_segment(&mut self, segment: &str) {
        self.pointer.push('/');
        self.pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }

    /// A value spanning `start..end` has been read completely.
    fn end_value(&mut self, targets: Option<&HashSet<&str>>, start: usize, end: usize) {
        match targets {
            Some(targets) if targets.contains(self.pointer.as_str()) && !self.found.contains_key(&self.pointer) => {
                self.found.insert(self.pointer.clone(), TextRange::new(start, end));
            }
            Some(_) => {}
            None if self.stack.len() <= SAVE_DEPTH => {
                let open = self.stack.iter().map(|f| f.object).collect();
                self.save_point = Some((end, open));
            }
            None => {}
        }
    }

    /// The text up to the last complete shallow value, with its open containers closed.
    fn saved_text(&self) -> Option<String> {
        let (end, open) = self.save_point.as_ref()?;
        let mut saved = self.text.get(..*end)?.to_string();
        for object in open.iter().rev() {
            saved.push(if *object { '}' } else { ']' });
        }
        Some(saved)
    }

    /// The pointer of the value being read where the walk stopped.
    fn pointer(&self) -> String {
        self.pointer.clone()
    }
}

/// The offset just past the closing quote of the string starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        match bytes.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_one_after_another() {
        let text = "{\"Role\": {\"RoleName\": \"a\"}}\n{\"Role\": {\"RoleName\": \"b\"}}\n";
        let source = read_documents(text);
        assert!(source.damage.is_none());
        assert_eq!(source.documents.len(), 2);
        assert_eq!(source.documents[1].start, text.find("\n{").unwrap() + 1);
    }

    #[test]
    fn saves_the_complete_entries_of_a_cut_file() {
        let text = r#"{"UserDetailList": [{"UserName": "a"}, {"UserName": "b"}],
 "RoleDetailList": [{"RoleName": "r1", "RolePolicyList": []}, {"RoleName": "r2", "AssumeRolePolicyDocument": {"Statement": [{"Eff"#;
        let source = read_documents(text);
        let damage = source.damage.clone().unwrap();
        assert!(damage.cut && damage.saved);
        assert_eq!(damage.pointer, "/RoleDetailList/1/AssumeRolePolicyDocument/Statement/0");
        let saved = &source.documents[0].value;
        assert_eq!(saved["UserDetailList"].as_array().unwrap().len(), 2);
        assert_eq!(saved["RoleDetailList"].as_array().unwrap().len(), 1);
        assert_eq!(saved["RoleDetailList"][0]["RoleName"], "r1");
    }

    #[test]
    fn a_damaged_middle_keeps_what_came_before() {
        let text =
            "{\"Policies\": [{\"PolicyName\": \"a\"}, {\"PolicyName\": \"b\" \"Arn\": 1}, {\"PolicyName\": \"c\"}]}";
        let source = read_documents(text);
        let damage = source.damage.clone().unwrap();
        assert!(!damage.cut);
        assert_eq!(damage.pointer, "/Policies/1/PolicyName");
        assert_eq!(source.documents[0].value["Policies"].as_array().unwrap().len(), 1);
        assert_eq!(&text[damage.offset..damage.offset + 5], "\"Arn\"");
    }

    #[test]
    fn locates_pointers_and_their_nearest_ancestor() {
        let text = "[1]\n{\"Role\": {\"Arn\": \"x\", \"Tags\": [{\"Key\": \"a/b\"}]}}";
        let start = text.find('{').unwrap();
        let pointers =
            ["/Role/Arn".to_string(), "/Role/Tags/0/Key".to_string(), "/Role/Missing/3".to_string(), String::new()];
        let found = locate(text, start, &pointers);
        let slice = |p: &str| found.get(p).map(|r| r.slice(text));
        assert_eq!(slice("/Role/Arn"), Some("\"x\""));
        assert_eq!(slice("/Role/Tags/0/Key"), Some("\"a/b\""));
        assert!(slice("/Role/Missing/3").unwrap().starts_with("{\"Arn\""));
        assert!(slice("").unwrap().starts_with("{\"Role\""));
    }
}
