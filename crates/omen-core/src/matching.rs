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
    if !pattern.contains('?') {
        return star_match(pattern, text);
    }
    match_tokens(&tokens(pattern), text, false)
}

/// [`match_chars`] for a pattern whose only wildcard is `*`, on the strings themselves (nothing
/// allocated): the part before the first `*` must begin the text, the part after the last `*`
/// must end it, and the parts between are placed leftmost, in order, in what lies between. On
/// UTF-8 this is the same as matching characters: a literal found in valid UTF-8 starts and ends
/// on character boundaries.
fn star_match(pattern: &str, text: &str) -> bool {
    let Some((head, rest)) = pattern.split_once('*') else {
        return pattern == text;
    };
    let (middle, tail) = rest.rsplit_once('*').unwrap_or(("", rest));
    if head.len() + tail.len() > text.len() || !text.starts_with(head) || !text.ends_with(tail) {
        return false;
    }
    let Some(mut window) = text.get(head.len()..text.len() - tail.len()) else {
        return false;
    };
    for part in middle.split('*').filter(|part| !part.is_empty()) {
        match window.find(part).and_then(|found| window.get(found + part.len()..)) {
            Some(after) => window = after,
            None => return false,
        }
    }
    true
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
    if !ignore_case {
        return match_chars(pattern, &text);
    }
    let pattern: Vec<Token> = pattern
        .iter()
        .map(|t| match t {
            Token::Literal(c) => Token::Literal(c.to_ascii_lowercase()),
            other => *other,
        })
        .collect();
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

/// How a `Resource` pattern matches a resource ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ResourceMatch {
    /// It does not match.
    No,
    /// It matches only because a `*` that ends an ARN segment expands beyond the colon
    /// boundaries, as the current "IAM JSON policy elements: Resource" says (an older version of
    /// the page said "a wildcard cannot span segments": the choice is shown to the user).
    AcrossSegments,
    /// It matches segment by segment.
    Yes,
}

/// Whether a resource ARN matches a `Resource` pattern written as plain text.
pub fn resource_matches(pattern: &str, resource: &str) -> ResourceMatch {
    if pattern == "*" {
        return ResourceMatch::Yes;
    }
    if !pattern.contains(['*', '?']) {
        return if pattern == resource { ResourceMatch::Yes } else { ResourceMatch::No };
    }
    ArnGlob::new(pattern).resource_match(resource)
}

/// Whether a resource ARN matches an already tokenised `Resource` pattern (after policy-variable
/// substitution), with the `Resource` element's rule for a `*` that ends a segment.
pub fn resource_tokens_match(pattern: &[Token], resource: &str) -> ResourceMatch {
    ArnGlob::from_tokens(pattern).resource_match(resource)
}

/// Whether a `Resource` pattern has a `*` that ends one of an ARN's first five segments, which
/// "can expand to match beyond the colon boundaries" ("IAM JSON policy elements: Resource").
pub fn star_ends_segment(pattern: &str) -> bool {
    span_tokens(&tokens(pattern)).is_some()
}

/// One element of a `Resource` pattern whose wildcards may expand beyond `:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanToken {
    /// A character that must appear as is.
    Literal(char),
    /// `?`: one character; `colon` when it may be a `:` (in the resource segment).
    One { colon: bool },
    /// `*`: a run of characters; `colon` when it may hold `:` (it ends an ARN segment, or it is in
    /// the resource segment).
    Run { colon: bool },
}

/// The pattern read with the `Resource` element's rule "If the * wildcard is the last character
/// of a resource ARN segment, it can expand to match beyond the colon boundaries" ("IAM JSON
/// policy elements: Resource", Using wildcards in resource ARNs). `None` when no `*` ends one of
/// the first five segments: the pattern then matches segment by segment only.
fn span_tokens(pattern: &[Token]) -> Option<Box<[SpanToken]>> {
    let mut segment = 0;
    let mut spans = false;
    let mut out = Vec::with_capacity(pattern.len());
    let mut rest = pattern.iter().peekable();
    while let Some(token) = rest.next() {
        let in_resource = segment >= 5;
        out.push(match token {
            Token::Literal(':') if !in_resource => {
                segment += 1;
                SpanToken::Literal(':')
            }
            Token::Literal(c) => SpanToken::Literal(*c),
            Token::AnyOne => SpanToken::One { colon: in_resource },
            Token::AnyRun => {
                let ends_segment = matches!(rest.peek(), None | Some(Token::Literal(':')));
                spans |= ends_segment && !in_resource;
                SpanToken::Run { colon: in_resource || ends_segment }
            }
        });
    }
    spans.then(|| out.into_boxed_slice())
}

/// Whether all of `text` matches `pattern`: the set of pattern positions reached is carried
/// along the text (a Thompson simulation), so time is text length × pattern length, never more.
fn span_match(pattern: &[SpanToken], text: &str) -> bool {
    let close = |reached: &mut Vec<bool>| {
        for (i, token) in pattern.iter().enumerate() {
            if matches!(token, SpanToken::Run { .. }) && reached.get(i) == Some(&true) {
                if let Some(next) = reached.get_mut(i + 1) {
                    *next = true;
                }
            }
        }
    };
    let mut reached = vec![false; pattern.len() + 1];
    if let Some(first) = reached.first_mut() {
        *first = true;
    }
    close(&mut reached);
    for c in text.chars() {
        let mut next = vec![false; pattern.len() + 1];
        for (i, token) in pattern.iter().enumerate() {
            if reached.get(i) != Some(&true) {
                continue;
            }
            let (accepts, stays) = match *token {
                SpanToken::Literal(l) => (l == c, false),
                SpanToken::One { colon } => (colon || c != ':', false),
                SpanToken::Run { colon } => (colon || c != ':', true),
            };
            if accepts {
                if let Some(slot) = next.get_mut(if stays { i } else { i + 1 }) {
                    *slot = true;
                }
            }
        }
        close(&mut next);
        if !next.contains(&true) {
            return false;
        }
        reached = next;
    }
    reached.last() == Some(&true)
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

/// A `Resource` pattern compiled once: six components matched separately, a `*` that ends one
/// of the first five segments may also expand beyond the colon boundaries ("IAM JSON policy
/// elements: Resource"), and the whole string is matched when the resource is not an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnGlob {
    whole: Glob,
    components: Option<Box<[Glob]>>,
    spans: Option<Box<[SpanToken]>>,
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
        Self { whole, components, spans: span_tokens(pattern) }
    }

    /// How resource ARN `text` matches.
    pub fn resource_match(&self, text: &str) -> ResourceMatch {
        if self.whole == Glob::Any {
            return ResourceMatch::Yes;
        }
        if text.splitn(6, ':').count() < 6 {
            return if self.whole.matches(text) { ResourceMatch::Yes } else { ResourceMatch::No };
        }
        if let Some(components) = &self.components {
            if components.iter().zip(text.splitn(6, ':')).all(|(glob, part)| glob.matches(part)) {
                return ResourceMatch::Yes;
            }
        }
        // Only a `*` that ends a segment may reach past a `:`; without one, a pattern with fewer
        // components does not match an ARN.
        let Some(spans) = &self.spans else {
            return ResourceMatch::No;
        };
        // With all six parts written, a `*` can only change the answer by swallowing a `:` that
        // leaves one over in the resource part, so without one there is nothing more.
        if self.components.is_some() && !text.splitn(6, ':').nth(5).is_some_and(|resource| resource.contains(':')) {
            return ResourceMatch::No;
        }
        if span_match(spans, text) {
            ResourceMatch::AcrossSegments
        } else {
            ResourceMatch::No
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ResourceMatch::{AcrossSegments, No, Yes};
    use super::*;

    /// Every string of up to `max` characters over `alphabet`.
    fn strings(alphabet: &[char], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn glob_match_on_strings_agrees_with_the_token_matcher() {
        // `glob_match` takes a path without tokens for patterns whose only wildcard is `*`: it must
        // answer as the token matcher does on every pattern and text of up to 6 characters (with
        // a two-byte character, so UTF-8 boundaries are crossed).
        let patterns = strings(&['a', 'é', '*', '?'], 5);
        let texts = strings(&['a', 'é', 'b'], 5);
        let mut compared = 0;
        for pattern in &patterns {
            for text in &texts {
                assert_eq!(
                    glob_match(pattern, text),
                    match_tokens(&tokens(pattern), text, false),
                    "pattern `{pattern}`, text `{text}`"
                );
                compared += 1;
            }
        }
        assert_eq!(compared, patterns.len() * texts.len());
    }

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
    fn resource_wildcards_match_arn_components() {
        let role = "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-web";
        assert_eq!(resource_matches("arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-*", role), Yes);
        assert_eq!(resource_matches("arn:aws:iam::111122223333:role/ec2-roles-for-xyz-*", role), No);
        assert_eq!(
            resource_matches("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"),
            Yes
        );
        // The resource component keeps its own `:` and `/`.
        let log_stream = "arn:aws:logs:us-east-1:1:log-group:a:log-stream:b";
        assert_eq!(resource_matches("arn:aws:logs:*:*:log-group:*", log_stream), Yes);
        assert_eq!(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt"), Yes);
        assert_eq!(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a"), No);
    }

    /// "If the * wildcard is the last character of a resource ARN segment, it can expand to match
    /// beyond the colon boundaries" ("IAM JSON policy elements: Resource").
    #[test]
    fn a_star_ending_a_segment_expands_beyond_colons() {
        let instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-1";
        // A `*` ending the Region segment swallows the account.
        assert_eq!(resource_matches("arn:aws:ec2:*:instance/*", instance), AcrossSegments);
        assert_eq!(resource_matches("arn:aws:ec2:us-east-1*", instance), AcrossSegments);
        assert_eq!(resource_matches("arn:aws:iam::*", "arn:aws:iam::111122223333:user/bob"), AcrossSegments);
        // A `*` inside a segment stays in it, and a `?` never crosses a `:` before the resource.
        assert_eq!(resource_matches("arn:aws:ec2:us-*-1:instance/*", instance), No);
        assert_eq!(resource_matches("arn:aws:ec2:us-east-1?111122223333:instance/i-1", instance), No);
        // Without a wildcard, too few segments never match.
        assert_eq!(resource_matches("arn:aws:ec2:us-east-1:instance/i-1", instance), No);
        assert_eq!(resource_matches("arn:aws:ec2:eu-*:instance/*", instance), No);
        // Six segments that match one by one are not a choice.
        assert_eq!(resource_matches("arn:aws:ec2:*:*:instance/*", instance), Yes);
        assert_eq!(resource_matches("arn:aws:ec2:*:*:volume/*", instance), No);
        // All six parts written: a `*` ending a part may still take a `:` from the resource part.
        assert_eq!(resource_matches("arn:aws:iam::*:role/x", "arn:aws:iam::1:2:role/x"), AcrossSegments);
        assert_eq!(resource_matches("arn:aws:iam::*:role/x", "arn:aws:iam::1:2:role/y"), No);
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
