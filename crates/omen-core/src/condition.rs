//! Deciding one `operator: {key: values}` condition test (the operators' grammar lives in
//! [`crate::policy`]).
//!
//! Rules from "IAM JSON policy elements: Condition operators" and "Multivalued context keys":
//! values listed for one key are ORed; a negated operator (`StringNotEquals`, `ArnNotLike`, …) is
//! the negation of its positive twin, so it matches when the key is absent; `…IfExists` is true
//! when the key is absent; `ForAllValues:` is true for an absent key or an empty set;
//! `ForAnyValue:` is false for an absent key.

use crate::context::RequestContext;
use crate::matching::{self, Token};
use crate::policy::{ConditionClause, ConditionOperator, OperatorBase, SetQualifier};
use crate::variables::{self, tokens_to_text};
use serde::Serialize;
use std::net::IpAddr;

/// Why a condition test came out as it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ConditionReason {
    /// A request value matched a policy value.
    Matched {
        /// The request value.
        value: String,
        /// The policy value it matched.
        #[serde(rename = "policyValue")]
        policy_value: String,
    },
    /// The key was present but no value matched.
    NoMatch {
        /// The request's values.
        values: Vec<String>,
    },
    /// The key is absent from the request.
    KeyMissing,
    /// Absent key under `…IfExists`: the test is true.
    AbsentIfExists,
    /// Absent key under a negated operator: the test is true.
    AbsentNegated,
    /// Absent key or empty set under `ForAllValues:`: the test is true.
    AbsentForAllValues,
    /// Negated operator: some value matched the positive twin, so the test is false.
    NegatedMatched {
        /// The request value.
        value: String,
        /// The policy value it matched.
        #[serde(rename = "policyValue")]
        policy_value: String,
    },
    /// Negated operator: no value matched the positive twin, so the test is true.
    NegatedNoMatch {
        /// The request's values.
        values: Vec<String>,
    },
    /// `ForAllValues:` and one request value matched nothing.
    ValueOutsideSet {
        /// The value.
        value: String,
    },
    /// `ForAllValues:` and every request value matched.
    AllValuesMatched,
    /// `Null` checked whether the key is absent.
    NullCheck {
        /// Whether the key was present.
        present: bool,
    },
    /// Every policy value referred to a variable that could not be resolved.
    UnresolvedVariable {
        /// The variable's key.
        key: String,
    },
    /// The operator is unknown; treated as "matches" for Deny and "does not match" for Allow.
    UnknownOperator,
}

/// The outcome of one condition test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionOutcome {
    /// Whether the test holds.
    pub holds: bool,
    /// Why.
    pub reason: ConditionReason,
    /// Whether the decision relied on the key being absent (the answer may depend on context).
    #[serde(rename = "keyMissing")]
    pub key_missing: bool,
}

/// A policy value after variable substitution.
enum PolicyValue<'p> {
    /// The value as written (no variable to substitute): compared without being tokenised, so a
    /// condition test allocates nothing per policy value.
    Text(&'p str),
    /// The value after its variables were substituted.
    Resolved(Vec<Token>),
    /// A variable could not be resolved.
    Unresolved(String),
}

/// Decide one condition clause against the request context.
/// `deny` says whether the statement is a Deny (for the unknown-operator rule).
pub fn evaluate_clause(
    clause: &ConditionClause,
    context: &RequestContext,
    substitute_variables: bool,
    deny: bool,
) -> ConditionOutcome {
    let ConditionOperator::Known { base, if_exists, set } = clause.operator.value else {
        return ConditionOutcome { holds: deny, reason: ConditionReason::UnknownOperator, key_missing: false };
    };
    let entry = context.get(&clause.key.value);
    let request_values: &[String] = entry.map_or(&[], |e| e.values.as_slice());
    let absent = entry.is_none() || request_values.is_empty();

    if base == OperatorBase::Null {
        // "Null": {"key": "true"} holds when the key is absent.
        let wants_absent = clause.values.iter().any(|v| v.value.eq_ignore_ascii_case("true"));
        return ConditionOutcome {
            holds: wants_absent == absent,
            reason: ConditionReason::NullCheck { present: !absent },
            key_missing: false,
        };
    }

    let policy_values: Vec<PolicyValue> = clause
        .values
        .iter()
        .map(|v| {
            if substitute_variables && base.takes_variables() && variables::has_variables(&v.value) {
                match variables::substitute(&v.value, context, base.takes_wildcards()) {
                    Ok(tokens) => PolicyValue::Resolved(tokens),
                    Err(unresolved) => PolicyValue::Unresolved(unresolved.key),
                }
            } else {
                PolicyValue::Text(&v.value)
            }
        })
        .collect();

    let positive = base.positive_twin().unwrap_or(base);
    let negated = base.positive_twin().is_some();
    // The first policy value that `value` satisfies under the positive operator.
    let first_match = |value: &str| -> Option<String> {
        policy_values.iter().find_map(|p| match p {
            PolicyValue::Text(text) if compare_text(positive, value, text) => Some((*text).to_string()),
            PolicyValue::Resolved(tokens) if compare(positive, value, tokens) => Some(tokens_to_text(tokens)),
            _ => None,
        })
    };
    let all_unresolved = policy_values.iter().all(|p| matches!(p, PolicyValue::Unresolved(_)));
    let unresolved_key = policy_values.iter().find_map(|p| match p {
        PolicyValue::Unresolved(key) => Some(key.clone()),
        PolicyValue::Text(_) | PolicyValue::Resolved(_) => None,
    });

    match set {
        None => {
            if absent {
                let (holds, reason) = if if_exists {
                    (true, ConditionReason::AbsentIfExists)
                } else if negated {
                    (true, ConditionReason::AbsentNegated)
                } else {
                    (false, ConditionReason::KeyMissing)
                };
                return ConditionOutcome { holds, reason, key_missing: true };
            }
            let found = request_values.iter().find_map(|v| first_match(v).map(|p| (v.clone(), p)));
            let (holds, reason) = match (found, negated) {
                (Some((value, policy_value)), false) => (true, ConditionReason::Matched { value, policy_value }),
                (Some((value, policy_value)), true) => (false, ConditionReason::NegatedMatched { value, policy_value }),
                (None, false) if all_unresolved => {
                    (false, ConditionReason::UnresolvedVariable { key: unresolved_key.unwrap_or_default() })
                }
                (None, false) => (false, ConditionReason::NoMatch { values: request_values.to_vec() }),
                (None, true) => (true, ConditionReason::NegatedNoMatch { values: request_values.to_vec() }),
            };
            ConditionOutcome { holds, reason, key_missing: false }
        }
        Some(SetQualifier::ForAnyValue) => {
            if absent {
                return ConditionOutcome { holds: false, reason: ConditionReason::KeyMissing, key_missing: true };
            }
            // At least one request value satisfies the (possibly negated) operator.
            for value in request_values {
                let matched = first_match(value);
                if negated != matched.is_some() {
                    let reason = match matched {
                        Some(policy_value) => ConditionReason::Matched { value: value.clone(), policy_value },
                        None => ConditionReason::NegatedNoMatch { values: vec![value.clone()] },
                    };
                    return ConditionOutcome { holds: true, reason, key_missing: false };
                }
            }
            ConditionOutcome {
                holds: false,
                reason: ConditionReason::NoMatch { values: request_values.to_vec() },
                key_missing: false,
            }
        }
        Some(SetQualifier::ForAllValues) => {
            // "returns true if there are no keys in the request, or if the key values resolve to a
            // null data set, such as an empty string" ("Multivalued context keys").
            if absent || request_values.iter().all(String::is_empty) {
                return ConditionOutcome {
                    holds: true,
                    reason: ConditionReason::AbsentForAllValues,
                    key_missing: entry.is_none(),
                };
            }
            for value in request_values {
                if negated == first_match(value).is_some() {
                    return ConditionOutcome {
                        holds: false,
                        reason: ConditionReason::ValueOutsideSet { value: value.clone() },
                        key_missing: false,
                    };
                }
            }
            ConditionOutcome { holds: true, reason: ConditionReason::AllValuesMatched, key_missing: false }
        }
    }
}

/// Compare one request value with one policy value under a positive operator.
fn compare(operator: OperatorBase, value: &str, policy: &[Token]) -> bool {
    use OperatorBase::*;
    match operator {
        StringEquals => literal_eq(policy, value),
        StringEqualsIgnoreCase => lowercase(&tokens_to_text(policy)) == lowercase(value),
        StringLike => matching::match_tokens(policy, value, false),
        ArnEquals | ArnLike => matching::arn_matches(policy, value),
        NumericEquals | NumericLessThan | NumericLessThanEquals | NumericGreaterThan | NumericGreaterThanEquals => {
            let (Some(v), Some(p)) = (parse_number(value.trim()), parse_number(tokens_to_text(policy).trim())) else {
                return false;
            };
            ordered(operator, v.partial_cmp(&p))
        }
        DateEquals | DateLessThan | DateLessThanEquals | DateGreaterThan | DateGreaterThanEquals => {
            let (Some(v), Some(p)) = (parse_date(value), parse_date(&tokens_to_text(policy))) else {
                return false;
            };
            ordered(operator, v.partial_cmp(&p))
        }
        Bool => tokens_to_text(policy).eq_ignore_ascii_case(value.trim()),
        BinaryEquals => literal_eq(policy, value),
        IpAddress => cidr_contains(&tokens_to_text(policy), value),
        // Negated operators are evaluated through their positive twins; Null is handled apart.
        _ => false,
    }
}

/// [`compare`] for a policy value as written: the same answer as `compare` on the value's tokens
/// (`*` and `?` wildcards for the operators that take them, literal characters for the others).
/// The operators most conditions use compare the text itself, allocating nothing; the others
/// tokenise the value first.
fn compare_text(operator: OperatorBase, value: &str, policy: &str) -> bool {
    use OperatorBase::*;
    match operator {
        StringEquals | BinaryEquals => policy == value,
        StringLike => matching::glob_match(policy, value),
        Bool => policy.eq_ignore_ascii_case(value.trim()),
        _ => {
            let tokens: Vec<Token> = if operator.takes_wildcards() {
                matching::tokens(policy)
            } else {
                policy.chars().map(Token::Literal).collect()
            };
            compare(operator, value, &tokens)
        }
    }
}

fn literal_eq(policy: &[Token], value: &str) -> bool {
    let mut chars = value.chars();
    policy.iter().all(|t| match t {
        Token::Literal(c) => chars.next() == Some(*c),
        Token::AnyOne => chars.next() == Some('?'),
        Token::AnyRun => chars.next() == Some('*'),
    }) && chars.next().is_none()
}

fn ordered(operator: OperatorBase, ordering: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    use OperatorBase::*;
    match (operator, ordering) {
        (_, None) => false,
        (NumericEquals | DateEquals, Some(o)) => o == Equal,
        (NumericLessThan | DateLessThan, Some(o)) => o == Less,
        (NumericLessThanEquals | DateLessThanEquals, Some(o)) => o != Greater,
        (NumericGreaterThan | DateGreaterThan, Some(o)) => o == Greater,
        (NumericGreaterThanEquals | DateGreaterThanEquals, Some(o)) => o != Less,
        _ => false,
    }
}

/// Whether `ip` lies in `cidr` (`203.0.113.0/24`, `2001:db8::/32`, or a bare address).
pub fn cidr_contains(cidr: &str, ip: &str) -> bool {
    let (network, prefix) = match cidr.trim().split_once('/') {
        Some((network, prefix)) => (network, prefix.parse::<u32>().ok()),
        None => (cidr.trim(), None),
    };
    let (Ok(network), Ok(ip)) = (network.parse::<IpAddr>(), ip.trim().parse::<IpAddr>()) else {
        return false;
    };
    match (network, ip) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            let bits = prefix.unwrap_or(32).min(32);
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            u32::from(n) & mask == u32::from(a) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            let bits = prefix.unwrap_or(128).min(128);
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
            u128::from(n) & mask == u128::from(a) & mask
        }
        _ => false,
    }
}

/// Whether a CIDR or address parses (for diagnostics).
pub fn is_valid_cidr(cidr: &str) -> bool {
    let (network, prefix) = match cidr.split_once('/') {
        Some((network, prefix)) => (network, Some(prefix)),
        None => (cidr, None),
    };
    match (network.parse::<IpAddr>(), prefix.map(str::parse::<u32>)) {
        (Ok(_), None) => true,
        (Ok(IpAddr::V4(_)), Some(Ok(bits))) => bits <= 32,
        (Ok(IpAddr::V6(_)), Some(Ok(bits))) => bits <= 128,
        _ => false,
    }
}

/// Parse a date as AWS accepts it: ISO 8601 (`2026-01-01`, `2026-01-01T12:00:00Z`, with
/// fractional seconds or an offset) or epoch seconds. Returns seconds since the epoch.
pub fn parse_date(text: &str) -> Option<f64> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return parse_number(text);
    }
    let (date, time) = match text.split_once(['T', 't']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.splitn(3, '-');
    // ISO 8601 writes the year in four digits; a longer one is no date AWS reads (and would
    // overflow the day count).
    let year = parts.next().filter(|year| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))?;
    let year: i64 = year.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) as f64 * 86_400.0;
    if let Some(time) = time {
        let (clock, offset) = split_offset(time)?;
        let mut fields = clock.splitn(3, ':');
        let hours = parse_number(fields.next()?)?;
        let minutes = fields.next().map_or(Some(0.0), parse_number)?;
        let secs = fields.next().map_or(Some(0.0), parse_number)?;
        seconds += hours * 3_600.0 + minutes * 60.0 + secs - offset;
    }
    Some(seconds)
}

fn split_offset(time: &str) -> Option<(&str, f64)> {
    if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        return Some((clock, 0.0));
    }
    if let Some(i) = time.rfind(['+', '-']) {
        let (clock, offset) = time.split_at(i);
        let sign = if offset.starts_with('-') { -1.0 } else { 1.0 };
        let digits = offset.get(1..)?.replace(':', "");
        let hours = parse_number(digits.get(..2)?)?;
        let minutes = digits.get(2..).filter(|m| !m.is_empty()).map_or(Some(0.0), parse_number)?;
        return Some((clock, sign * (hours * 3_600.0 + minutes * 60.0)));
    }
    Some((time, 0.0))
}

/// A number as Rust's `f64::from_str` reads it — an optional sign, then `inf`, `infinity` or
/// `nan` (any case) or digits with an optional fraction and exponent — or `None`.
///
/// In the browser the digits are converted by JavaScript's `parseFloat` (correctly rounded, like
/// Rust's): Rust's own converter brings a 10 KB table of powers of five into the page's wasm,
/// a quarter of the room the first load has left. The grammar is checked here, so both read
/// exactly the same texts.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'+') => (false, text.get(1..)?),
        Some(b'-') => (true, text.get(1..)?),
        _ => (false, text),
    };
    let magnitude = if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if unsigned.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else if is_decimal(unsigned) {
        decimal_value(unsigned)?
    } else {
        return None;
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Whether `text` is digits with an optional fraction and exponent (`1`, `1.`, `.5`, `1.5e-3`).
fn is_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits_from = |start: usize| bytes.iter().skip(start).take_while(|b| b.is_ascii_digit()).count();
    let whole = digits_from(0);
    let mut at = whole;
    let mut fraction = 0;
    if bytes.get(at) == Some(&b'.') {
        fraction = digits_from(at + 1);
        at += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits_from(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}

#[cfg(not(target_arch = "wasm32"))]
fn decimal_value(decimal: &str) -> Option<f64> {
    decimal.parse().ok()
}

#[cfg(target_arch = "wasm32")]
fn decimal_value(decimal: &str) -> Option<f64> {
    Some(js_sys::parse_float(decimal))
}

/// `text` in lower case, by Unicode's default case conversion (`str::to_lowercase`).
///
/// In the browser JavaScript's `toLowerCase` (the same locale-independent conversion) does it:
/// Rust's brings a 12 KB case table into the page's wasm.
fn lowercase(text: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_values_compare_as_written_as_they_did_as_tokens() {
        // `compare_text` reads a policy value as written; before, every value was turned into
        // tokens first (`*` and `?` wildcards for the operators that take them, literal
        // characters for the others). The answers must be the same.
        // Every operator `compare` decides itself: the negated ones go through their positive
        // twins and `Null` is handled apart.
        let positive: Vec<OperatorBase> = crate::policy::ALL_BASES
            .iter()
            .copied()
            .filter(|base| base.positive_twin().is_none() && *base != OperatorBase::Null)
            .collect();
        assert_eq!(positive.len(), 18);
        let values = [
            "",
            "*",
            "ec2.amazonaws.com",
            "EC2.amazonaws.com",
            "ec2.*.com",
            "ec?.amazonaws.com",
            "arn:aws:ec2:us-west-1:111122223333:instance/*",
            "arn:aws:ec2:us-west-1:111122223333:instance/i-1",
            "arn:aws:ec2:*:111122223333:instance/*",
            "arn:aws:iam::111122223333:role/a*b",
            "10.0.0.0/8",
            "10.1.2.3",
            "5",
            " 5.0 ",
            "2024-05-01T12:00:00Z",
            "1714564800",
            "true",
            "TRUE",
            "a*b?c",
            "a*b?c*",
        ];
        let mut compared = 0;
        for &operator in &positive {
            for policy in values {
                let tokens: Vec<Token> = if operator.takes_wildcards() {
                    matching::tokens(policy)
                } else {
                    policy.chars().map(Token::Literal).collect()
                };
                for value in values {
                    assert_eq!(
                        compare_text(operator, value, policy),
                        compare(operator, value, &tokens),
                        "{operator:?}: policy value `{policy}`, request value `{value}`"
                    );
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, positive.len() * values.len() * values.len());
    }

    #[test]
    fn dates_accept_iso_and_epoch() {
        assert_eq!(parse_date("1970-01-02"), Some(86_400.0));
        assert_eq!(parse_date("1970-01-01T01:00:00Z"), Some(3_600.0));
        assert_eq!(parse_date("1970-01-01T09:00:00+09:00"), Some(0.0));
        assert_eq!(parse_date("86400"), Some(86_400.0));
        assert_eq!(parse_date("2020-02-30x"), None);
        // Found by the parse_and_evaluate fuzz target: a 100-digit year overflowed the day count.
        assert_eq!(parse_date(&format!("{}6148914691236517205-07-01T12:00:00Z", "0".repeat(80))), None);
        assert_eq!(parse_date("+2024-07-01"), None);
    }

    /// "IAM JSON policy elements: Condition operators" (numeric condition operators): the texts
    /// `parse_number` reads are exactly those Rust's `f64::from_str` reads, with the same value.
    #[test]
    fn numbers_read_like_rust_floats() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "+0",
            "1",
            "42",
            "007",
            "1.",
            ".5",
            "-.5",
            "1.5",
            "1e3",
            "1E3",
            "1e+3",
            "1e-3",
            "1.e3",
            ".5e1",
            "1.7976931348623157e308",
            "2e308",
            "-2e308",
            "5e-324",
            "1e-400",
            "0.1",
            "0.30000000000000004",
            "123456789012345678901234567890",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "NaN",
            "-nan",
            "infinit",
            "nan1",
            "",
            "+",
            "-",
            ".",
            "e3",
            ".e3",
            "1e",
            "1e+",
            "1.2.3",
            "1_000",
            "0x10",
            " 1",
            "1 ",
            "1,5",
            "１",
            "--1",
            "+-1",
            "1e3.5",
            "١",
        ]
        .iter()
        .map(|text| text.to_string())
        .collect();
        for sign in ["", "+", "-"] {
            for whole in ["", "0", "12"] {
                for point in ["", "."] {
                    for fraction in ["", "5", "25"] {
                        for exponent in ["", "e", "E2", "e-2", "e+", "e+22"] {
                            texts.push(format!("{sign}{whole}{point}{fraction}{exponent}"));
                        }
                    }
                }
            }
        }
        for text in &texts {
            let rust = text.parse::<f64>().ok();
            let ours = parse_number(text);
            let same = match (rust, ours) {
                (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                (None, None) => true,
                _ => false,
            };
            assert!(same, "`{text}`: Rust reads {rust:?}, parse_number {ours:?}");
        }
    }

    #[test]
    fn lowercase_is_unicode_default_case_conversion() {
        for (text, lower) in [("ALICE", "alice"), ("ÄÖÜ", "äöü"), ("ΟΔΟΣ", "οδος"), ("ＡＢＣ", "ａｂｃ"), ("İ", "i̇")]
        {
            assert_eq!(lowercase(text), lower, "{text}");
        }
    }

    #[test]
    fn cidrs_cover_v4_and_v6() {
        assert!(cidr_contains("203.0.113.0/24", "203.0.113.7"));
        assert!(!cidr_contains("203.0.113.0/24", "203.0.114.7"));
        assert!(cidr_contains("2001:db8::/32", "2001:db8:1::1"));
        assert!(!cidr_contains("2001:db8::/32", "203.0.113.7"));
        assert!(cidr_contains("0.0.0.0/0", "8.8.8.8"));
        assert!(is_valid_cidr("10.0.0.0/8") && !is_valid_cidr("10.0.0.0/33"));
    }
}
