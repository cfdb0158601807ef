//! Wildcard patterns compared with each other: whether two patterns can match a common string
//! (an ARN in a policy against a resource type's ARN format) and whether one pattern covers
//! another (`iam:Get*` covers `iam:GetRole`). Both in time proportional to the product of the
//! two lengths, without backtracking.

use crate::matching::{glob_match, glob_match_ignore_case};

/// One element of a pattern: a character, `?` or `*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Char(char),
    One,
    Run,
}

fn items(pattern: &str, ignore_case: bool) -> Vec<Item> {
    pattern
        .chars()
        .map(|c| match c {
            '*' => Item::Run,
            '?' => Item::One,
            c if ignore_case => Item::Char(c.to_ascii_lowercase()),
            c => Item::Char(c),
        })
        .collect()
}

/// A cell of the dynamic-programming table, `reached[i * (m + 1) + j]`.
struct Table {
    columns: usize,
    cells: Vec<bool>,
}

impl Table {
    fn new(rows: usize, columns: usize) -> Self {
        Self { columns: columns + 1, cells: vec![false; (rows + 1) * (columns + 1)] }
    }

    fn get(&self, i: usize, j: usize) -> bool {
        self.cells.get(i * self.columns + j).copied().unwrap_or(false)
    }

    fn set(&mut self, i: usize, j: usize) {
        if let Some(cell) = self.cells.get_mut(i * self.columns + j) {
            *cell = true;
        }
    }
}

/// Whether some string matches both wildcard patterns (`*` any run, `?` one character).
pub fn patterns_intersect(a: &str, b: &str, ignore_case: bool) -> bool {
    let a = items(a, ignore_case);
    let b = items(b, ignore_case);
    let mut table = Table::new(a.len(), b.len());
    table.set(0, 0);
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            if !table.get(i, j) {
                continue;
            }
            let x = a.get(i).copied();
            let y = b.get(j).copied();
            // A `*` may match nothing.
            if x == Some(Item::Run) {
                table.set(i + 1, j);
            }
            if y == Some(Item::Run) {
                table.set(i, j + 1);
            }
            match (x, y) {
                // A `*` may take the other side's next character (or its whole `*`).
                (Some(Item::Run), Some(_)) => table.set(i, j + 1),
                (Some(_), Some(Item::Run)) => table.set(i + 1, j),
                (Some(Item::One), Some(_)) | (Some(_), Some(Item::One)) => table.set(i + 1, j + 1),
                (Some(Item::Char(c)), Some(Item::Char(d))) if c == d => table.set(i + 1, j + 1),
                _ => {}
            }
        }
    }
    table.get(a.len(), b.len())
}

/// Whether every string that `narrow` matches is also matched by `wide` (a sufficient test:
/// a `*` in `narrow` must be answered by a `*` in `wide`).
pub fn pattern_covers(wide: &str, narrow: &str, ignore_case: bool) -> bool {
    let equal = |a: &str, b: &str| if ignore_case { a.eq_ignore_ascii_case(b) } else { a == b };
    // The text before `wide`'s first wildcard must begin `narrow` as is.
    let literal = wide.split(['*', '?']).next().unwrap_or("");
    if literal.len() == wide.len() {
        return equal(wide, narrow);
    }
    if !narrow.get(..literal.len()).is_some_and(|start| equal(start, literal)) {
        return false;
    }
    if !narrow.contains(['*', '?']) {
        return if ignore_case { glob_match_ignore_case(wide, narrow) } else { glob_match(wide, narrow) };
    }
    let w = items(wide, ignore_case);
    let n = items(narrow, ignore_case);
    let mut table = Table::new(w.len(), n.len());
    table.set(0, 0);
    for i in 0..=w.len() {
        for j in 0..=n.len() {
            if !table.get(i, j) {
                continue;
            }
            match (w.get(i).copied(), n.get(j).copied()) {
                (Some(Item::Run), next) => {
                    table.set(i + 1, j);
                    if next.is_some() {
                        table.set(i, j + 1);
                    }
                }
                (Some(Item::One), Some(Item::Char(_) | Item::One)) => table.set(i + 1, j + 1),
                (Some(Item::Char(c)), Some(Item::Char(d))) if c == d => table.set(i + 1, j + 1),
                _ => {}
            }
        }
    }
    table.get(w.len(), n.len())
}

/// A resource type's ARN format (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`)
/// as a wildcard pattern: each `${…}` placeholder becomes `*`.
pub fn arn_format_pattern(format: &str) -> String {
    replace_placeholders(format)
}

/// A policy's resource ARN as a wildcard pattern: policy variables (`${aws:username}`) become
/// `*`, since their values are only known per request.
pub fn resource_pattern(resource: &str) -> String {
    replace_placeholders(resource)
}

fn replace_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start..).unwrap_or("");
        match after.find('}') {
            Some(end) => {
                out.push('*');
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_of_two_patterns() {
        let cases = [
            ("arn:*:iam::*:role/*", "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ", true),
            ("arn:*:iam::*:role/*", "arn:aws:iam::111122223333:user/alice", false),
            ("arn:*:iam::*:role/*", "arn:aws:iam::*:*", true),
            ("arn:*:iam::*:role/*", "*", true),
            ("arn:*:s3:::*/*", "arn:aws:s3:::bucket", false),
            ("arn:*:s3:::*/*", "arn:aws:s3:::bucket/*", true),
            ("a?c", "*b*", true),
            ("abc", "*d*", false),
            ("", "*", true),
            ("", "?", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(patterns_intersect(a, b, false), expected, "{a} ∩ {b}");
            assert_eq!(patterns_intersect(b, a, false), expected, "{b} ∩ {a}");
        }
        assert!(patterns_intersect("IAM:PassRole", "iam:pass*", true));
    }

    #[test]
    fn coverage_of_one_pattern_by_another() {
        let cases = [
            ("iam:Get*", "iam:GetRole", true),
            ("iam:Get*", "iam:Get*", true),
            ("iam:*", "iam:Get*", true),
            ("iam:Get*", "iam:*", false),
            ("iam:GetRole", "iam:Get*", false),
            ("iam:Get?ole", "iam:GetRole", true),
            ("*", "anything:*", true),
            ("arn:aws:iam::111122223333:role/jane*", "arn:aws:iam::111122223333:role/jane-admin", true),
        ];
        for (wide, narrow, expected) in cases {
            assert_eq!(pattern_covers(wide, narrow, false), expected, "{wide} ⊇ {narrow}");
        }
        assert!(pattern_covers("iam:get*", "IAM:GetRole", true));
    }

    #[test]
    fn placeholders_become_wildcards() {
        assert_eq!(
            arn_format_pattern("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
            "arn:*:iam::*:role/*"
        );
        assert_eq!(resource_pattern("arn:aws:s3:::home/${aws:username}/*"), "arn:aws:s3:::home/*/*");
        assert_eq!(resource_pattern("arn:aws:s3:::x/${oops"), "arn:aws:s3:::x/${oops");
    }
}
