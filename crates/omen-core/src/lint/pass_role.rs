//! The six PassRole security warnings of "Access Analyzer policy check reference": an `Allow`
//! in an identity-based policy that lets its holder pass every role (`*`, `role/*`) or every role
//! but a few (`NotResource`) — through `iam:PassRole` itself, an action wildcard or `NotAction`.
//! A condition on `iam:PassedToService` answers the "star in resource" warnings, as Access
//! Analyzer's own text says ("Grant a user permissions to pass a role to an AWS service").
//!
//! Only identity-based policies are checked: a permissions boundary, session policy or SCP grants
//! nothing by itself, and their allow-everything statements are the usual, intended cap.

use super::{Context, Finding, FindingCode};
use crate::diagnostics::TextRange;
use crate::matching::{action_matches, glob_match_ignore_case};
use crate::policy::{Effect, PolicyKind, Statement};

/// How a statement's actions reach `iam:PassRole`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// `iam:PassRole` by name.
    Name,
    /// A wildcard that matches it (`*`, `iam:*`, `iam:Pass*`).
    Wildcard,
    /// `NotAction` that does not exclude it.
    NotAction,
}

fn reach(statement: &Statement) -> Option<(Reach, TextRange)> {
    let action = statement.action.as_ref()?;
    if action.negated {
        let excluded = action.patterns.iter().any(|p| action_matches(&p.value, "iam:PassRole"));
        return (!excluded).then_some((Reach::NotAction, action.range));
    }
    let named = action.patterns.iter().find(|p| p.value.eq_ignore_ascii_case("iam:PassRole"));
    if let Some(pattern) = named {
        return Some((Reach::Name, pattern.range));
    }
    action
        .patterns
        .iter()
        .find(|p| p.value.contains(['*', '?']) && action_matches(&p.value, "iam:PassRole"))
        .map(|p| (Reach::Wildcard, p.range))
}

/// Whether a resource pattern names every role of an account: `*`, `arn:aws:iam::*:*`,
/// `arn:aws:iam::111122223333:role/*` — not a name prefix such as `role/EC2-roles-for-XYZ-*`.
fn every_role(pattern: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    let (Some(service), Some(resource)) = (parts.get(2), parts.get(5)) else {
        return false;
    };
    if !glob_match_ignore_case(service, "iam") {
        return false;
    }
    resource.starts_with('*') || resource.starts_with("role/*") || resource.starts_with("role*")
}

pub(super) fn check(context: &mut Context<'_>) {
    if context.policy.kind != PolicyKind::Identity {
        return;
    }
    let policy = context.policy;
    for statement in &policy.statements {
        if statement.effect != Some(Effect::Allow) {
            continue;
        }
        let Some((reach, _)) = reach(statement) else { continue };
        let Some(resource) = &statement.resource else { continue };
        let scoped_by_service =
            statement.conditions.iter().any(|c| c.key.value.eq_ignore_ascii_case("iam:PassedToService"));
        if resource.negated {
            let code = match reach {
                Reach::Name => FindingCode::PassRoleWithNotResource,
                Reach::Wildcard => FindingCode::PassRoleWithStarInActionAndNotResource,
                Reach::NotAction => FindingCode::PassRoleWithNotActionAndNotResource,
            };
            let finding = warning(context, code, resource.range);
            context.push(finding);
        } else if !scoped_by_service {
            let Some(star) = resource.patterns.iter().find(|p| every_role(&p.value)) else { continue };
            let code = match reach {
                Reach::Name => FindingCode::PassRoleWithStarInResource,
                Reach::Wildcard => FindingCode::PassRoleWithStarInActionAndResource,
                Reach::NotAction => FindingCode::PassRoleWithStarInResourceAndNotAction,
            };
            let finding = warning(context, code, star.range);
            context.push(finding);
        }
    }
}

fn warning(context: &Context<'_>, code: FindingCode, range: TextRange) -> Finding {
    let (en, ja) = match code {
        FindingCode::PassRoleWithStarInResource => (
            "`iam:PassRole` on every role: the holder can hand any role, an administrator's too, to a service",
            "すべてのロールへの `iam:PassRole` です。管理者のロールも含め、どのロール（お面）でもサービスに渡せます",
        ),
        FindingCode::PassRoleWithStarInActionAndResource => (
            "this action wildcard includes `iam:PassRole`, on every role: the holder can hand any role to a service",
            "このアクションのワイルドカードは `iam:PassRole` を含み、対象はすべてのロールです。どのロールでもサービスに渡せます",
        ),
        FindingCode::PassRoleWithStarInResourceAndNotAction => (
            "`NotAction` leaves `iam:PassRole` in, on every role: the holder can hand any role to a service",
            "`NotAction` が `iam:PassRole` を除外しておらず、対象はすべてのロールです。どのロールでもサービスに渡せます",
        ),
        FindingCode::PassRoleWithNotResource => (
            "`iam:PassRole` with `NotResource` allows passing every role not listed",
            "`NotResource` を使った `iam:PassRole` は、列挙していないすべてのロールを渡すことを許可します",
        ),
        FindingCode::PassRoleWithStarInActionAndNotResource => (
            "this action wildcard includes `iam:PassRole`; with `NotResource` it allows passing every role not listed",
            "このアクションのワイルドカードは `iam:PassRole` を含み、`NotResource` と合わせて列挙していないすべてのロールを渡せます",
        ),
        _ => (
            "`NotAction` leaves `iam:PassRole` in; with `NotResource` it allows passing every role not listed",
            "`NotAction` が `iam:PassRole` を除外しておらず、`NotResource` と合わせて列挙していないすべてのロールを渡せます",
        ),
    };
    let help = if matches!(
        code,
        FindingCode::PassRoleWithStarInResource
            | FindingCode::PassRoleWithStarInActionAndResource
            | FindingCode::PassRoleWithStarInResourceAndNotAction
    ) {
        context.t(
            "list the role ARNs in `Resource`, or add a condition on `iam:PassedToService` (the service the role is for)".into(),
            "`Resource` にロールの ARN を列挙するか、`iam:PassedToService`（ロールを使うサービス）の条件を追加してください".into(),
        )
    } else {
        context.t(
            "list the role ARNs in `Resource` instead; `iam:PassedToService` can limit it to one service".into(),
            "代わりに `Resource` にロールの ARN を列挙してください。`iam:PassedToService` で渡し先のサービスも限定できます".into(),
        )
    };
    Finding::new(code, range, context.t(en.into(), ja.into())).help(help)
}

#[cfg(test)]
mod tests {
    use super::every_role;

    #[test]
    fn every_role_means_the_whole_account() {
        for pattern in
            ["*", "arn:aws:iam::*:*", "arn:aws:iam::111122223333:role/*", "arn:*:*::*:*", "arn:aws:iam::*:role*"]
        {
            assert!(every_role(pattern), "{pattern}");
        }
        for pattern in [
            "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ-*",
            "arn:aws:iam::111122223333:role/service-role/*",
            "arn:aws:s3:::*",
            "arn:aws:iam::111122223333:user/*",
        ] {
            assert!(!every_role(pattern), "{pattern}");
        }
    }
}
