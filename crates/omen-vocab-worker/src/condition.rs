//! The explanation line for the caret on a condition operator or a condition key, as HTML (every
//! text escaped), in English or Japanese. The operators' meaning follows "IAM JSON policy
//! elements: Condition operators"; the set qualifiers "Multivalued context keys"
//! (set operators); a key's type and owner come from the service authorization reference.

use std::fmt::Write as _;

use omen_core::vocabulary::KeyHover;
use omen_core::{ConditionOperator, Lang, OperatorBase, SetQualifier};

use crate::render::{escape, tr};

/// "IAM JSON policy elements: Condition operators".
const OPERATORS_PAGE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html";
/// "Multivalued context keys" (set operators).
const MULTIVALUED_PAGE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html";
/// "AWS global condition context keys".
const GLOBAL_KEYS_PAGE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html";

/// What the base operator compares, in words.
fn compares(base: OperatorBase, lang: Lang) -> &'static str {
    use OperatorBase::*;
    match base {
        StringEquals | StringNotEquals => tr(
            lang,
            "compares strings exactly, case-sensitively, without wildcards",
            "文字列を大文字と小文字を区別して完全一致で比べます (ワイルドカードなし)",
        ),
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => tr(
            lang,
            "compares strings exactly, ignoring case, without wildcards",
            "文字列を大文字と小文字を区別せず完全一致で比べます (ワイルドカードなし)",
        ),
        StringLike | StringNotLike => tr(
            lang,
            "compares strings case-sensitively; `*` in a value matches any run of characters, `?` any one character",
            "文字列を大文字と小文字を区別して比べます。値の `*` は任意の文字列、`?` は任意の 1 文字に一致します",
        ),
        NumericEquals | NumericNotEquals | NumericLessThan | NumericLessThanEquals | NumericGreaterThan
        | NumericGreaterThanEquals => tr(lang, "compares numbers", "数値を比べます"),
        DateEquals | DateNotEquals | DateLessThan | DateLessThanEquals | DateGreaterThan | DateGreaterThanEquals => {
            tr(
                lang,
                "compares dates and times (ISO 8601, such as `2026-01-01T00:00:00Z`, or seconds since 1970)",
                "日時を比べます (`2026-01-01T00:00:00Z` のような ISO 8601 か、1970 年からの秒数)",
            )
        }
        Bool => tr(lang, "compares with `true` or `false`", "`true` か `false` と比べます"),
        BinaryEquals => tr(
            lang,
            "compares bytes, each value written in base-64",
            "バイト列を比べます (値は base-64 で書きます)",
        ),
        IpAddress | NotIpAddress => tr(
            lang,
            "tests whether the IP address is in a range written in CIDR (`203.0.113.0/24`)",
            "IP アドレスが CIDR (`203.0.113.0/24`) で書いた範囲にあるかを調べます",
        ),
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => tr(
            lang,
            "compares ARNs part by part; `*` and `?` are wildcards within a part (ArnEquals and ArnLike behave the same)",
            "ARN を部分ごとに比べます。各部分で `*` と `?` がワイルドカードです (ArnEquals と ArnLike は同じ動きです)",
        ),
        Null => tr(
            lang,
            "tests whether the key is in the request: `true` matches when it is absent, `false` when it is present",
            "キーがリクエストにあるかを調べます。`true` はキーがないとき、`false` はあるときに一致します",
        ),
    }
}

/// The explanation of the condition operator `name` (as written), or `None` for an operator AWS
/// does not know (the findings say so).
pub fn operator_html(name: &str, lang: Lang) -> Option<String> {
    let ConditionOperator::Known { base, if_exists, set } = ConditionOperator::parse(name) else {
        return None;
    };
    let mut out = String::new();
    let _ = write!(out, "<strong class=\"mono\">{}</strong> — {}", escape(name), escape(compares(base, lang)));
    if base.positive_twin().is_some() {
        let _ = write!(
            out,
            "<span class=\"info-line\">{}</span>",
            tr(
                lang,
                "A negated operator: true when its positive twin is false, and when the key is not in the request.",
                "否定の演算子です。対になる肯定の演算子が偽のとき、またキーがリクエストにないときに真になります。",
            )
        );
    }
    if if_exists {
        let _ = write!(
            out,
            "<span class=\"info-line\">{}</span>",
            tr(
                lang,
                "…IfExists: when the key is not in the request, the condition is true; when it is, it is tested.",
                "…IfExists: キーがリクエストになければ条件は真、あれば比べます。",
            )
        );
    }
    match set {
        Some(SetQualifier::ForAnyValue) => {
            let _ = write!(
                out,
                "<span class=\"info-line\">{}</span>",
                tr(
                    lang,
                    "ForAnyValue: true when at least one of the request's values matches; false when the key is absent.",
                    "ForAnyValue: リクエストの値のうち 1 つでも一致すれば真。キーがなければ偽です。",
                )
            );
        }
        Some(SetQualifier::ForAllValues) => {
            let _ = write!(
                out,
                "<span class=\"info-line\">{}</span>",
                tr(
                    lang,
                    "ForAllValues: true when every value of the request matches — and also when the key is absent or \
                     empty: with Allow, add a Null condition so that a request without the key is not let through.",
                    "ForAllValues: リクエストのすべての値が一致すれば真。キーがない・空のときも真になるため、Allow では \
                     キーのないリクエストを通さないよう Null 条件を添えます。",
                )
            );
        }
        None => {}
    }
    let (page, title) = match set {
        Some(_) => (MULTIVALUED_PAGE, tr(lang, "Multivalued context keys", "複数値のコンテキストキー")),
        None => (
            OPERATORS_PAGE,
            tr(lang, "IAM JSON policy elements: Condition operators", "IAM JSON ポリシー要素: 条件演算子"),
        ),
    };
    let _ =
        write!(out, "<a class=\"info-line\" href=\"{page}\" target=\"_blank\" rel=\"noopener noreferrer\">{title}</a>");
    Some(out)
}

/// The explanation of a condition key, for the operator `operator` it is written under.
pub fn key_html(hover: &KeyHover, operator: &str, lang: Lang) -> String {
    let mut out = String::new();
    match hover {
        KeyHover::Listed { name, key_type, multivalued, description, service } => {
            let _ = write!(
                out,
                "<strong class=\"mono\">{}</strong> — <span class=\"mono\">{}</span>",
                escape(name),
                escape(key_type)
            );
            if !description.is_empty() {
                let _ = write!(out, "<span class=\"info-line\">{}</span>", escape(description));
            }
            let qualified = operator.starts_with("ForAnyValue:") || operator.starts_with("ForAllValues:");
            if *multivalued && !qualified {
                let _ = write!(
                    out,
                    "<span class=\"info-line\">{}</span>",
                    tr(
                        lang,
                        "A multivalued key: one request can carry several values. Write the operator with \
                         ForAnyValue: or ForAllValues: to say whether any or every value must match.",
                        "複数値のキーです。1 つのリクエストに複数の値が入ります。ForAnyValue: か ForAllValues: を \
                         演算子に付けて、どれか 1 つか、すべての値が一致すべきかを書きます。",
                    )
                );
            } else if !*multivalued && qualified {
                let _ = write!(
                    out,
                    "<span class=\"info-line\">{}</span>",
                    tr(
                        lang,
                        "A single-valued key: AWS advises using ForAnyValue: and ForAllValues: only with \
                         multivalued keys.",
                        "単一値のキーです。AWS は ForAnyValue: と ForAllValues: を複数値のキーだけに使うよう勧めています。",
                    )
                );
            }
            let (page, title) = match service {
                Some((service, url)) => {
                    (url.as_str(), format!("{} — {}", tr(lang, "Condition keys of", "条件キー:"), service))
                }
                None => (
                    GLOBAL_KEYS_PAGE,
                    tr(lang, "AWS global condition context keys", "AWS グローバル条件コンテキストキー").to_owned(),
                ),
            };
            let _ = write!(
                out,
                "<a class=\"info-line\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                escape(page),
                escape(&title)
            );
        }
        KeyHover::ProviderClaim { name } => {
            let _ = write!(
                out,
                "<strong class=\"mono\">{}</strong> — {}",
                escape(name),
                tr(
                    lang,
                    "a claim of the web identity provider's token, as the provider names it (not listed in AWS's reference)",
                    "Web ID プロバイダーのトークンのクレーム (プロバイダーが付ける名前で、AWS のリファレンスには載っていません)",
                )
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_explained_with_their_suffix_and_qualifier() {
        let plain = operator_html("StringLike", Lang::En).unwrap();
        assert!(plain.contains("`*` in a value"), "{plain}");
        assert!(plain.contains("reference_policies_elements_condition_operators"), "{plain}");
        let negated = operator_html("StringNotEquals", Lang::En).unwrap();
        assert!(negated.contains("negated"), "{negated}");
        assert!(!plain.contains("negated"), "{plain}");
        let if_exists = operator_html("ArnLikeIfExists", Lang::Ja).unwrap();
        assert!(if_exists.contains("IfExists: キーがリクエストになければ"), "{if_exists}");
        let all = operator_html("ForAllValues:StringEquals", Lang::En).unwrap();
        assert!(all.contains("add a Null condition") && all.contains("single-vs-multi-valued"), "{all}");
        let any = operator_html("ForAnyValue:StringLike", Lang::En).unwrap();
        assert!(any.contains("at least one") && !any.contains("Null condition"), "{any}");
        assert_eq!(operator_html("StringEqual", Lang::En), None, "unknown: the findings say so");
        assert_eq!(operator_html("NullIfExists", Lang::En), None);
    }

    #[test]
    fn keys_say_when_a_set_qualifier_is_missing_or_out_of_place() {
        let key = |multivalued| KeyHover::Listed {
            name: "aws:TagKeys".into(),
            key_type: if multivalued { "ArrayOfString" } else { "String" }.into(),
            multivalued,
            description: String::new(),
            service: None,
        };
        let bare = key_html(&key(true), "StringEquals", Lang::En);
        assert!(bare.contains("A multivalued key") && bare.contains("reference_policies_condition-keys"), "{bare}");
        let qualified = key_html(&key(true), "ForAllValues:StringEquals", Lang::En);
        assert!(!qualified.contains("multivalued key"), "{qualified}");
        let single = key_html(&key(false), "ForAnyValue:StringEquals", Lang::Ja);
        assert!(single.contains("単一値のキー"), "{single}");
        let claim = key_html(&KeyHover::ProviderClaim { name: "<x>:sub".into() }, "StringEquals", Lang::En);
        assert!(claim.contains("&lt;x&gt;:sub"), "escaped: {claim}");
    }
}
