//! Policy variables: `${aws:username}`, `${key, 'default'}`, and the `${*}`, `${?}`, `${$}` escapes.
//!
//! "IAM policy elements: Variables and tags": variables are replaced only in policies whose
//! `Version` is `2012-10-17`; elsewhere `${…}` is literal text. A substituted value is literal: a
//! `*` inside a user name is not a wildcard.

use crate::context::RequestContext;
use crate::matching::Token;

/// A pattern after substitution, or the variable that could not be resolved.
pub type Substituted = Result<Vec<Token>, UnresolvedVariable>;

/// A variable whose key is absent from the request and that has no default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedVariable {
    /// The key inside `${…}`.
    pub key: String,
}

/// Whether `text` contains something that looks like a policy variable.
pub fn has_variables(text: &str) -> bool {
    text.contains("${")
}

/// Replace the variables in `pattern`, reading `*` and `?` outside variables as wildcards
/// when `wildcards` is true (Resource, `StringLike`, `ArnLike`) and as literal text otherwise.
pub fn substitute(pattern: &str, context: &RequestContext, wildcards: bool) -> Substituted {
    let mut out = Vec::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("${") {
        push_text(&mut out, rest.get(..start).unwrap_or(""), wildcards);
        let after = rest.get(start + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            push_text(&mut out, rest.get(start..).unwrap_or(""), wildcards);
            return Ok(out);
        };
        let inner = after.get(..end).unwrap_or("");
        match resolve(inner, context) {
            Some(value) => out.extend(value.chars().map(Token::Literal)),
            None => return Err(UnresolvedVariable { key: variable_key(inner).to_string() }),
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    push_text(&mut out, rest, wildcards);
    Ok(out)
}

fn push_text(out: &mut Vec<Token>, text: &str, wildcards: bool) {
    out.extend(text.chars().map(|c| match c {
        '*' if wildcards => Token::AnyRun,
        '?' if wildcards => Token::AnyOne,
        other => Token::Literal(other),
    }));
}

fn variable_key(inner: &str) -> &str {
    inner.split(',').next().unwrap_or("").trim()
}

fn resolve(inner: &str, context: &RequestContext) -> Option<String> {
    match inner.trim() {
        "*" => return Some("*".into()),
        "?" => return Some("?".into()),
        "$" => return Some("$".into()),
        _ => {}
    }
    let key = variable_key(inner);
    // A multivalued key cannot be a variable ("Multivalued context keys").
    if let Some(value) = context.single(key) {
        return Some(value.to_string());
    }
    // `${key, 'default'}`: the default applies when the key is absent.
    let default = inner.split_once(',')?.1.trim();
    default.strip_prefix('\'')?.strip_suffix('\'').map(str::to_string)
}

/// Render substituted tokens back to text (`*` and `?` as themselves).
pub fn tokens_to_text(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| match t {
            Token::Literal(c) => *c,
            Token::AnyOne => '?',
            Token::AnyRun => '*',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> RequestContext {
        let mut context = RequestContext::new();
        context.insert("aws:username", vec!["alice".into()]);
        context
    }

    #[test]
    fn replaces_known_keys_case_insensitively() {
        let tokens = substitute("home/${AWS:UserName}/*", &context(), true);
        assert_eq!(tokens.map(|t| tokens_to_text(&t)), Ok("home/alice/*".to_string()));
    }

    #[test]
    fn escapes_are_literal_not_wildcards() {
        let tokens = substitute("a${*}b", &context(), true).unwrap_or_default();
        assert_eq!(tokens.get(1), Some(&Token::Literal('*')));
    }

    #[test]
    fn defaults_apply_only_when_absent() {
        let tokens = substitute("${aws:PrincipalTag/team, 'none'}", &context(), true);
        assert_eq!(tokens.map(|t| tokens_to_text(&t)), Ok("none".to_string()));
        let missing = substitute("${aws:PrincipalTag/team}", &context(), true);
        assert_eq!(missing, Err(UnresolvedVariable { key: "aws:PrincipalTag/team".into() }));
    }
}
