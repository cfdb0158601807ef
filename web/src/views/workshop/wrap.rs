//! Long ARNs in workshop mode wrap where people read them apart — after a `:` or a `/` — rather
//! than mid-word (`…:user/caro` + `l` at 390 px): each gets a `<wbr>` there, which a copy of the
//! text leaves out. Workshop mode's [`rich`] is the page's, with that break in its long code.

use yew::prelude::*;

use crate::components::results::{cited, rich_pieces};

/// Code this long (or any ARN) gets break opportunities; shorter code such as `iam:PassRole`
/// stays one word.
const LONG: usize = 24;

/// The pieces of `text` with a break opportunity after each `:` and `/`: (piece, break after).
pub fn arn_pieces(text: &str) -> Vec<&str> {
    if !text.starts_with("arn:") && text.chars().count() < LONG {
        return vec![text];
    }
    text.split_inclusive([':', '/']).collect()
}

/// `text` (an ARN, a principal, a resource) that wraps after a `:` or a `/` when it must.
pub fn arn(text: &str) -> Html {
    html! { { for arn_pieces(text).into_iter().map(|piece| html! { <>{ piece.to_owned() }<wbr /></> }) } }
}

/// Text with `backticked` parts as code — long ones wrapping after a `:` or a `/` — and `[Title]`
/// citations as links (as [`crate::components::results::rich`]).
pub fn rich(text: &str) -> Html {
    let (pieces, more) = rich_pieces(text);
    let count = pieces.len();
    html! {
        { for pieces.into_iter().enumerate().map(|(index, (code, piece))| html! {
            <>
                if more > 0 && index + 1 == count {
                    <span class="more">{ format!("… (+{more})") }</span>
                }
                if code { <code>{ arn(piece) }</code> } else { { cited(piece) } }
            </>
        }) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_long_code_after_colons_and_slashes_only() {
        let cases: &[(&str, &[&str])] = &[
            ("iam:PassRole", &["iam:PassRole"]),
            ("arn:aws:iam::111122223333:root", &["arn:", "aws:", "iam:", ":", "111122223333:", "root"]),
            (
                "arn:aws:sts::111122223333:assumed-role/Auditor/carol",
                &["arn:", "aws:", "sts:", ":", "111122223333:", "assumed-role/", "Auditor/", "carol"],
            ),
            ("sts:AssumeRoleWithWebIdentity", &["sts:", "AssumeRoleWithWebIdentity"]),
            ("", &[""]),
        ];
        for (text, pieces) in cases {
            assert_eq!(arn_pieces(text), *pieces, "{text}");
            assert_eq!(arn_pieces(text).concat(), *text);
        }
    }
}
