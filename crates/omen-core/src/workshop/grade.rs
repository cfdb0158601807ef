//! Grading a challenge: every hidden check against the attendee's world, "too loose" when
//! something that must be denied is allowed, "too strict" when something that must work is
//! refused, said in the teacher's words without giving the answer away; and a short
//! verification code for a solved challenge.

use super::adapter::{Lang, Text};
use super::check::{Checker, Side};
use super::material::{Challenge, ExpectedGrade};
use super::world::{canonical, canonical_text};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// What a failed check means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Finding {
    /// Something that must be denied is allowed.
    TooLoose,
    /// Something that must work is refused.
    TooStrict,
    /// Something else that must hold does not.
    NotYet,
    /// The check could not be made on this world.
    CannotCheck,
}

/// One check as graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradedCheck {
    /// The check's id.
    pub id: String,
    /// Whether it passed.
    pub passed: bool,
    /// What its failure means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<Finding>,
    /// What the check is about, in the teacher's words.
    pub say: Text,
}

/// A challenge's grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grade {
    /// Whether every check passed and nothing fixed was changed.
    pub solved: bool,
    /// Each check.
    pub checks: Vec<GradedCheck>,
    /// How many checks found it too loose.
    pub too_loose: usize,
    /// How many found it too strict.
    pub too_strict: usize,
    /// Parts of the world the challenge keeps fixed that were changed.
    pub fixed_parts_changed: Vec<String>,
    /// The verification code, once solved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The grade in one or two sentences.
    pub summary: Text,
}

impl Grade {
    /// The grade as one of the expected outcomes of a known solution.
    pub fn outcome(&self) -> ExpectedGrade {
        if !self.fixed_parts_changed.is_empty() {
            return ExpectedGrade::FixedPartChanged;
        }
        match (self.too_loose > 0, self.too_strict > 0) {
            (false, false) if self.solved => ExpectedGrade::Solved,
            (true, true) => ExpectedGrade::TooLooseAndTooStrict,
            (true, false) => ExpectedGrade::TooLoose,
            (false, true) => ExpectedGrade::TooStrict,
            (false, false) => ExpectedGrade::NotYet,
        }
    }

    /// The failed checks' words, in `lang`, for the page to list.
    pub fn failures(&self, lang: Lang) -> Vec<String> {
        self.checks.iter().filter(|c| !c.passed).map(|c| c.say.get(lang).to_string()).collect()
    }
}

fn remove_pointer(world: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    match world.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&last);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = last.parse::<usize>() {
                if index < items.len() {
                    items.remove(index);
                }
            }
        }
        _ => {}
    }
}

/// The parts of a world an attendee may always change: its `name`, and its `action` unless
/// `editable` names a part of the action.
fn free_parts(editable: &[String]) -> &'static [&'static str] {
    if editable.iter().any(|p| p.starts_with("/action/")) {
        &["/name"]
    } else {
        &["/name", "/action"]
    }
}

/// The parts of `solution` that differ from `start` outside `editable`, as JSON pointers: the
/// world's top-level lists item by item. The world's `name` may always change, and so may its
/// `action` — attendees try things — unless `editable` names a part of the action: then only
/// that part.
pub fn changed_fixed_parts(start: &Value, solution: &Value, editable: &[String]) -> Vec<String> {
    if editable.is_empty() {
        return Vec::new();
    }
    let always = free_parts(editable);
    let strip = |world: &Value| {
        let mut out = canonical(world);
        // Deepest and last first, so that removing an array item does not shift the others.
        let mut pointers: Vec<&str> = editable.iter().map(String::as_str).chain(always.iter().copied()).collect();
        pointers.sort_by(|a, b| b.cmp(a));
        for pointer in pointers {
            remove_pointer(&mut out, pointer);
        }
        canonical(&out)
    };
    let (before, after) = (strip(start), strip(solution));
    let mut changed = Vec::new();
    let keys: std::collections::BTreeSet<&String> = before
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(after.as_object().into_iter().flat_map(|m| m.keys()))
        .collect();
    for key in keys {
        let (a, b) = (before.get(key), after.get(key));
        if a == b {
            continue;
        }
        match (a, b) {
            (Some(Value::Array(a)), Some(Value::Array(b))) => {
                for i in 0..a.len().max(b.len()) {
                    if a.get(i) != b.get(i) {
                        changed.push(format!("/{key}/{i}"));
                    }
                }
            }
            _ => changed.push(format!("/{key}")),
        }
    }
    changed
}

/// Crockford's base 32 alphabet: no I, L, O or U to misread.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The verification code of `solution` for `challenge`: eight characters of base 32 (40 bits of
/// SHA-256 over the challenge's id and the world's canonical form, without the parts an attendee
/// may always change, so that trying another scenario keeps the code), as `XXXX-XXXX`. A teacher
/// checks it with [`verify_code`], which also grades the world: the code cannot be guessed, and a
/// code for a world that does not solve the challenge does not verify.
pub fn verification_code(challenge: &Challenge, solution: &Value) -> String {
    let mut graded = canonical(solution);
    for pointer in free_parts(&challenge.editable) {
        remove_pointer(&mut graded, pointer);
    }
    code_of(&challenge.id, &graded)
}

/// The code of `world` for the challenge `challenge_id`.
fn code_of(challenge_id: &str, world: &Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"omen-workshop-code-v1\n");
    hasher.update(challenge_id.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical_text(world).as_bytes());
    let digest = hasher.finalize();
    let bits = digest.iter().take(5).fold(0u64, |acc, byte| (acc << 8) | u64::from(*byte));
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        let index = usize::try_from((bits >> (35 - 5 * i)) & 31).unwrap_or_default();
        code.push(char::from(CROCKFORD.get(index).copied().unwrap_or(b'0')));
    }
    code
}

/// Whether `code` is the verification code of `solution` and `solution` solves `challenge`.
/// Case, spaces and the dash do not matter; `O` reads as `0` and `I`/`L` as `1`, as Crockford
/// intends.
pub fn verify_code(challenge: &Challenge, solution: &Value, code: &str) -> bool {
    let normalise = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect()
    };
    normalise(code) == normalise(&verification_code(challenge, solution)) && grade(challenge, solution).solved
}

fn summary(solved: bool, too_loose: usize, too_strict: usize, other: usize, fixed: usize) -> Text {
    if solved {
        return Text::new(
            "Solved: everything that must work works, and nothing that must be denied gets through.",
            "クリア: 動くべきものはすべて動き、拒否すべきものは 1 つも通りません。",
        );
    }
    let mut en = Vec::new();
    let mut ja = Vec::new();
    if fixed > 0 {
        en.push(format!("{fixed} part(s) of the world that this challenge keeps fixed were changed: change only what the goal is about."));
        ja.push(format!(
            "この課題で変えてはいけない部分が {fixed} か所変わっています。目標に関係するところだけを変えてください。"
        ));
    }
    if too_loose > 0 {
        en.push(format!("Too loose: {too_loose} thing(s) that must be denied are allowed."));
        ja.push(format!("緩すぎます: 拒否すべきものが {too_loose} 件許可されています。"));
    }
    if too_strict > 0 {
        en.push(format!("Too strict: {too_strict} thing(s) that must work are refused."));
        ja.push(format!("厳しすぎます: 動くべきものが {too_strict} 件拒否されています。"));
    }
    if other > 0 {
        en.push(format!("Not yet: {other} other check(s) do not hold."));
        ja.push(format!("まだです: ほかに {other} 件のチェックが満たされていません。"));
    }
    Text::new(en.join(" "), ja.join(""))
}

/// Grade `solution` against `challenge`.
pub fn grade(challenge: &Challenge, solution: &Value) -> Grade {
    let fixed_parts_changed = match challenge.start_world() {
        Ok(start) => changed_fixed_parts(&start, solution, &challenge.editable),
        Err(_) => Vec::new(),
    };
    let mut checker = Checker::new(solution);
    let checks: Vec<GradedCheck> = challenge
        .checks
        .iter()
        .enumerate()
        .map(|(i, check)| {
            let result = checker.check(check);
            let finding = match (result.holds, result.error.is_some(), result.side) {
                (true, _, _) => None,
                (false, true, _) => Some(Finding::CannotCheck),
                (false, false, Side::MustAllow) => Some(Finding::TooStrict),
                (false, false, Side::MustDeny) => Some(Finding::TooLoose),
                (false, false, Side::Neither) => Some(Finding::NotYet),
            };
            GradedCheck {
                id: check.id.clone().unwrap_or_else(|| format!("check-{i}")),
                passed: result.holds,
                finding,
                say: check.say.clone().unwrap_or_default(),
            }
        })
        .collect();
    let count = |finding: Finding| checks.iter().filter(|c| c.finding == Some(finding)).count();
    let (too_loose, too_strict) = (count(Finding::TooLoose), count(Finding::TooStrict));
    // A check that cannot be made on the attendee's world (a role renamed, a step gone) counts
    // as work not done.
    let other = count(Finding::NotYet) + count(Finding::CannotCheck);
    let solved = fixed_parts_changed.is_empty() && checks.iter().all(|c| c.passed);
    Grade {
        solved,
        too_loose,
        too_strict,
        summary: summary(solved, too_loose, too_strict, other, fixed_parts_changed.len()),
        code: solved.then(|| verification_code(challenge, solution)),
        fixed_parts_changed,
        checks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn codes_are_short_stable_and_bound_to_the_world() {
        let world = json!({"users": [{"arn": "arn:aws:iam::111122223333:user/a", "policies": []}]});
        let code = code_of("c", &world);
        assert_eq!(code.len(), 9);
        assert_eq!(code.chars().nth(4), Some('-'));
        assert!(code.chars().filter(|c| *c != '-').all(|c| CROCKFORD.contains(&(c as u8))));
        assert_eq!(code, code_of("c", &world));
        assert_ne!(code, code_of("d", &world));
        let other = json!({"users": [{"arn": "arn:aws:iam::111122223333:user/b", "policies": []}]});
        assert_ne!(code, code_of("c", &other));
        // The same world with a policy typed differently and defaults spelled out: same code.
        let spelled =
            json!({"users": [{"policies": [], "arn": "arn:aws:iam::111122223333:user/a", "groups": []}], "roles": []});
        assert_eq!(code, code_of("c", &spelled));
    }

    #[test]
    fn finds_changed_fixed_parts() {
        let start = json!({"users": [{"arn": "u", "policies": []}], "roles": [{"arn": "r", "policies": ["p"]}], "action": {"x": 1}});
        let solution = json!({"users": [{"arn": "u", "policies": ["q"]}], "roles": [{"arn": "r", "policies": []}], "action": {"x": 2}});
        assert_eq!(changed_fixed_parts(&start, &solution, &["/users/0/policies".into()]), vec!["/roles/0"]);
        assert!(changed_fixed_parts(&start, &solution, &[]).is_empty());
        // Naming a part of the action fixes the rest of it.
        let changed = changed_fixed_parts(&start, &solution, &["/users/0/policies".into(), "/action/y".into()]);
        assert_eq!(changed, vec!["/action", "/roles/0"]);
    }
}
