//! What the import has to say about a file: a problem found at a JSON pointer of one of its
//! documents, in English and Japanese, later given its range, line and column in the file.

use crate::diagnostics::{Severity, TextRange};
use crate::flow::Text;
use serde::Serialize;

/// A problem found while reading a file, before its position in the text is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code, such as `wrong-type`.
    pub code: &'static str,
    /// Which JSON document of the file (`None`: the file as a whole).
    pub document: Option<usize>,
    /// The JSON pointer concerned (RFC 6901, relative to the document).
    pub pointer: Option<String>,
    /// What is wrong (lowercase start, no final period, input in backticks).
    pub message: Text,
    /// How to fix it.
    pub help: Option<Text>,
    /// A byte offset in the file to point at instead of the pointer's value (where a damaged
    /// file stops making sense).
    pub offset: Option<usize>,
}

impl Finding {
    /// An error at `pointer` of `document`.
    pub fn error(code: &'static str, document: usize, pointer: &str, message: Text) -> Self {
        Self {
            severity: Severity::Error,
            code,
            document: Some(document),
            pointer: Some(pointer.to_string()),
            message,
            help: None,
            offset: None,
        }
    }

    /// A warning at `pointer` of `document`.
    pub fn warning(code: &'static str, document: usize, pointer: &str, message: Text) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, document, pointer, message) }
    }

    /// A problem with the file as a whole.
    pub fn file(severity: Severity, code: &'static str, message: Text) -> Self {
        Self { severity, code, document: None, pointer: None, message, help: None, offset: None }
    }

    /// The same finding with a help line.
    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }
}

/// A problem with an imported file, located in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportDiagnostic {
    /// The file name, as given.
    pub file: String,
    /// Which JSON document of the file, when the file holds several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<usize>,
    /// The JSON pointer of the value concerned, relative to its document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// A stable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// The bytes of the file concerned (the value at `pointer`, or its nearest ancestor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<TextRange>,
    /// 1-based line of the range's start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (UTF-16 code units) of the range's start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl ImportDiagnostic {
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The JSON type of a value in English and Japanese, for "found …" phrases.
pub fn found_type(value: &serde_json::Value) -> Text {
    let (en, ja) = super::document::json_type(value);
    Text::new(en, ja)
}
