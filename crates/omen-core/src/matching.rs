//! Wildcard matching for actions, resources and ARNs, in time linear in the text.
//!
//! A pattern is split at each `*` into segments; each segment (which may hold `?`) is placed at its
//! leftmost possible position, which is optimal for globs, so the text is scanned once per segment
//! with a bit-parallel (Shift-And) search: no backtracking, no blow-up on `*a*a*a…` patterns.

use std::collections::HashMap;

/// One element of a compiled wildcard pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A character that must appear as is.
    Literal(char),
    /// `?`: exactly one character.
    AnyOne,
    /// `*`: any run of characters, including none.
    AnyRun,
}

/// Compile `pattern`, reading `*` and `?` as wildcards.
pub fn tokens(pattern: &str) -> Vec<Token> {
    pattern
        .chars()
        .map(|c| match c {
            '*' => Token::AnyRun,
            '?' => Token::AnyOne,
            other => Token::Literal(other),
        })
        .collect()
}

/// Whether `text` matches the wildcard `pattern` (`*`, `?`), case-sensitively.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if !pattern.contains(['*', '?']) {
        return pattern == text;
    }
    match_tokens(&tokens(pattern), text, false)
}

/// Whether `text` matches the wildcard `pattern`, ignoring ASCII case (IAM action names).
pub fn glob_match_ignore_case(pattern: &str, text: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if !pattern.contains(['*', '?']) {
        return pattern.eq_ignore_ascii_case(text);
    }
    match_tokens(&tokens(pattern), text, true)
}

/// Whether an action such as `iam:PassRole` matches an `Action` pattern such as `iam:Pass*`.
/// Action names are case-insensitive ("IAM JSON policy elements: Action").
pub fn action_matches(pattern: &str, action: &str) -> bool {
    glob_match_ignore_case(pattern, action)
}

/// Whether compiled `pattern` matches all of `text`.
pub fn match_tokens(pattern: &[Token], text: &str, ignore_case: bool) -> bool {
    let text: Vec<char> =
        if ignore_case { text.chars().map(|c| c.to_ascii_lowercase()).collect() } else { text.chars().collect() };
    let pattern: Vec<Token> = if ignore_case {
        pattern
            .iter()
            .map(|t| match t {
                Token::Literal(c) => Token::Literal(c.to_ascii_lowercase()),
                other => *other,
            })
            .collect()
    } else {
        pattern.to_vec()
    };
    match_chars(&pattern, &text)
}

fn match_chars(pattern: &[Token], text: &[char]) -> bool {
    let mut segments = pattern.split(|t| *t == Token::AnyRun);
    let first = segments.next().unwrap_or(&[]);
    let has_star = pattern.contains(&Token::AnyRun);
    if !has_star {
        return first.len() == text.len() && segment_matches_at(first, text, 0);
    }
    if first.len() > text.len() || !segment_matches_at(first, text, 0) {
        return false;
    }
    let middle_and_last: Vec<&[Token]> = segments.collect();
    let Some((last, middle)) = middle_and_last.split_last() else {
        return true;
    };
    if first.len() + last.len() > text.len() {
        return false;
    }
    let suffix_start = text.len() - last.len();
    if !segment_matches_at(last, text, suffix_start) {
        return false;
    }
    // The middle segments must fit, in order, between the prefix and the suffix.
    let mut position = first.len();
    let window = text.get(..suffix_start).unwrap_or(&[]);
    for segment in middle {
        if segment.is_empty() {
            continue;
        }
        match find_segment(segment, window, position) {
            Some(found) => position = found + segment.len(),
            None => return false,
        }
    }
    true
}

fn token_accepts(token: Token, c: char) -> bool {
    match token {
        Token::Literal(expected) => expected == c,
        Token::AnyOne | Token::AnyRun => true,
    }
}

fn segment_matches_at(segment: &[Token], text: &[char], at: usize) -> bool {
    let Some(window) = text.get(at..at + segment.len()) else {
        return false;
    };
    segment.iter().zip(window).all(|(t, c)| token_accepts(*t, *c))
}

/// Leftmost start `>= from` where `segment` (literals and `?`) matches inside `text`.
/// Shift-And: one pass over the text, `segment.len() / 64` words of state per character.
fn find_segment(segment: &[Token], text: &[char], from: usize) -> Option<usize> {
    let words = segment.len().div_ceil(64);
    let mut state = vec![0u64; words];
    let last_bit = (segment.len() - 1) % 64;
    let last_word = words - 1;
    // Bits of positions that accept any character.
    let mut wildcard_mask = vec![0u64; words];
    for (i, token) in segment.iter().enumerate() {
        if *token == Token::AnyOne {
            if let Some(word) = wildcard_mask.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
    }
    // Per distinct literal character, the positions that accept it (built once: O(segment)).
    let mut literal_masks: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, token) in segment.iter().enumerate() {
        if let Token::Literal(c) = token {
            let mask = literal_masks.entry(*c).or_insert_with(|| wildcard_mask.clone());
            if let Some(word) = mask.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
    }
    for (offset, c) in text.iter().enumerate().skip(from) {
        let char_mask = literal_masks.get(c).unwrap_or(&wildcard_mask);
        // state = ((state << 1) | 1) & char_mask, across words.
        let mut carry = 1u64;
        for (word, mask) in state.iter_mut().zip(char_mask) {
            let next_carry = *word >> 63;
            *word = ((*word << 1) | carry) & mask;
            carry = next_carry;
        }
        if state.get(last_word).is_some_and(|w| w & (1 << last_bit) != 0) {
            return Some(offset + 1 - segment.len());
        }
    }
    None
}

/// Whether ARN `text` matches ARN `pattern` component by component ("IAM JSON policy elements:
/// Resource"; `ArnLike` in "IAM JSON policy elements: Condition operators"): the first five
/// colon-separated components are matched separately, and the sixth (the resource, which may
/// itself hold `:` and `/`) as a whole. A pattern of `*` matches everything.
pub fn arn_matches(pattern: &[Token], text: &str) -> bool {
    if pattern == [Token::AnyRun] {
        return true;
    }
    let pattern_parts = split_tokens(pattern);
    let text_parts: Vec<&str> = text.splitn(6, ':').collect();
    if text_parts.len() < 6 {
        // The resource is not an ARN: match the whole string.
        return match_tokens(pattern, text, false);
    }
    if pattern_parts.len() < 6 {
        // A pattern with fewer components cannot match an ARN: wildcards never cross a `:`.
        return false;
    }
    pattern_parts.iter().zip(&text_parts).all(|(p, t)| match_chars(p, &t.chars().collect::<Vec<_>>()))
}

/// Split a token pattern on its first five literal `:`.
fn split_tokens(pattern: &[Token]) -> Vec<&[Token]> {
    let mut parts = Vec::with_capacity(6);
    let mut rest = pattern;
    while parts.len() < 5 {
        match rest.iter().position(|t| *t == Token::Literal(':')) {
            Some(i) => {
                parts.push(rest.get(..i).unwrap_or(&[]));
                rest = rest.get(i + 1..).unwrap_or(&[]);
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

/// Whether a resource ARN matches a `Resource` pattern written as plain text.
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if !pattern.contains(['*', '?']) {
        return pattern == resource;
    }
    ArnGlob::new(pattern).matches(resource)
}

/// A wildcard pattern compiled once, matched without allocating when it has no `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Glob {
    /// `*`: matches everything.
    Any,
    /// No wildcard: plain equality.
    Exact(Box<str>),
    /// `*` only: a prefix, literal middle pieces in order, and a suffix.
    Segments {
        /// Text the match must start with.
        first: Box<str>,
        /// Pieces that must appear in order between `first` and `last`.
        middle: Box<[Box<str>]>,
        /// Text the match must end with.
        last: Box<str>,
    },
    /// With `?`: the general token matcher.
    Tokens(Box<[Token]>),
}

impl Glob {
    /// Compile `pattern`, reading `*` and `?` as wildcards.
    pub fn new(pattern: &str) -> Self {
        Self::from_tokens(&tokens(pattern))
    }

    /// Compile already tokenised text (after policy-variable substitution).
    pub fn from_tokens(pattern: &[Token]) -> Self {
        if pattern == [Token::AnyRun] {
            return Self::Any;
        }
        if pattern.contains(&Token::AnyOne) {
            return Self::Tokens(pattern.into());
        }
        let text = |tokens: &[Token]| -> Box<str> {
            tokens
                .iter()
                .filter_map(|t| if let Token::Literal(c) = t { Some(*c) } else { None })
                .collect::<String>()
                .into()
        };
        if !pattern.contains(&Token::AnyRun) {
            return Self::Exact(text(pattern));
        }
        let mut pieces: Vec<Box<str>> = pattern.split(|t| *t == Token::AnyRun).map(text).collect();
        let last = pieces.pop().unwrap_or_default();
        let first = if pieces.is_empty() { Box::from("") } else { pieces.remove(0) };
        let middle = pieces.into_iter().filter(|p| !p.is_empty()).collect();
        Self::Segments { first, middle, last }
    }

    /// Whether all of `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        match self {
            Self::Any => true,
            Self::Exact(exact) => **exact == *text,
            Self::Segments { first, middle, last } => {
                if first.len() + last.len() > text.len() || !text.starts_with(&**first) || !text.ends_with(&**last) {
                    return false;
                }
                let mut window = text.get(first.len()..text.len() - last.len()).unwrap_or("");
                for piece in middle.iter() {
                    // `str::find` is the Two-Way algorithm: linear in the window.
                    match window.find(&**piece) {
                        Some(at) => window = window.get(at + piece.len()..).unwrap_or(""),
                        None => return false,
                    }
                }
                true
            }
            Self::Tokens(tokens) => match_tokens(tokens, text, false),
        }
    }
}

/// An ARN pattern compiled once: six components matched separately ("IAM JSON policy
/// elements: Resource"), or the whole string when the resource is not an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnGlob {
    whole: Glob,
    components: Option<Box<[Glob]>>,
}

impl ArnGlob {
    /// Compile a `Resource` pattern or an `ArnLike` value.
    pub fn new(pattern: &str) -> Self {
        Self::from_tokens(&tokens(pattern))
    }

    /// Compile already tokenised text.
    pub fn from_tokens(pattern: &[Token]) -> Self {
        let whole = Glob::from_tokens(pattern);
        let parts = split_tokens(pattern);
        let components = (parts.len() == 6).then(|| parts.iter().map(|p| Glob::from_tokens(p)).collect());
        Self { whole, components }
    }

    /// Whether ARN `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        if self.whole == Glob::Any {
            return true;
        }
        if text.splitn(6, ':').count() < 6 {
            return self.whole.matches(text);
        }
        match &self.components {
            Some(components) => components.iter().zip(text.splitn(6, ':')).all(|(glob, part)| glob.matches(part)),
            // A pattern with fewer components cannot match an ARN: wildcards never cross a `:`.
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_wildcards_ignore_case() {
        assert!(action_matches("iam:PassRole", "IAM:passrole"));
        assert!(action_matches("iam:*", "iam:PassRole"));
        assert!(action_matches("iam:*Role*", "iam:PassRole"));
        assert!(action_matches("iam:Pass?ole", "iam:PassRole"));
        assert!(!action_matches("iam:Pass?ole", "iam:PassRRole"));
        assert!(!action_matches("sts:*", "iam:PassRole"));
        assert!(action_matches("*", "anything:AtAll"));
    }

    #[test]
    fn resource_wildcards_stay_within_arn_components() {
        let role = "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-web";
        assert!(resource_matches("arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-*", role));
        assert!(!resource_matches("arn:aws:iam::111122223333:role/ec2-roles-for-xyz-*", role));
        // A `*` in the region component does not swallow the account.
        assert!(!resource_matches("arn:aws:ec2:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
        assert!(resource_matches("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
        // The resource component keeps its own `:` and `/`.
        assert!(resource_matches("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:a:log-stream:b"));
        assert!(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt"));
        assert!(!resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a"));
    }

    #[test]
    fn question_marks_match_one_character_even_outside_ascii() {
        assert!(glob_match("a?c", "aお c".replace(' ', "").as_str()));
        assert!(!glob_match("a?c", "ac"));
        assert!(glob_match("*?*", "x"));
        assert!(!glob_match("*??*", "x"));
    }

    #[test]
    fn long_segments_cross_word_boundaries() {
        let segment = "ab?".repeat(50);
        let text = format!("zz{}zz", "abc".repeat(50));
        assert!(glob_match(&format!("*{segment}*"), &text));
        assert!(!glob_match(&format!("*{segment}x*"), &text));
    }

    #[test]
    fn compiled_globs_agree_with_token_matching() {
        for (pattern, text) in
            [("a*b*c", "aXbYc"), ("*ab", "ab"), ("ab*", "a"), ("a*a", "a"), ("*x*", "abc"), ("お*面", "お祭りの面")]
        {
            assert_eq!(
                Glob::new(pattern).matches(text),
                match_tokens(&tokens(pattern), text, false),
                "{pattern} {text}"
            );
        }
    }

    #[test]
    fn pathological_patterns_do_not_backtrack() {
        let pattern = "*a".repeat(5_000);
        let text = "a".repeat(9_999) + "b";
        let started = std::time::Instant::now();
        assert!(!glob_match(&pattern, &text));
        assert!(glob_match(&pattern, &"a".repeat(10_000)));
        assert!(started.elapsed().as_millis() < 500, "took {:?}", started.elapsed());
    }
}
