//! Placeholders for the projector: a world with its account ids, account names and user names
//! replaced everywhere (ARNs, policies, parameters), so that screen sharing shows nothing real.

use super::world::{account_of, identities};
use serde_json::Value;

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn twelve_digit_runs(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in bytes.iter().chain(std::iter::once(&b' ')).enumerate() {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s == 12 {
                    out.push(text.get(s..i).unwrap_or_default().to_string());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The `n`th placeholder account id (1-based): `111111111111`, `222222222222`, … then
/// `100000000010`, `100000000011`, ….
pub fn placeholder_account(n: usize) -> String {
    if (1..=9).contains(&n) {
        n.to_string().repeat(12)
    } else {
        format!("1{n:011}")
    }
}

fn replace_strings(value: &mut Value, swaps: &[(String, String)]) {
    match value {
        Value::String(text) => {
            for (from, to) in swaps {
                if text.contains(from.as_str()) {
                    *text = text.replace(from.as_str(), to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| replace_strings(i, swaps)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_strings(v, swaps)),
        _ => {}
    }
}

fn replace_exact(value: &mut Value, key: &str, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == key && v.as_str() == Some(from) {
                    *v = Value::String(to.to_string());
                } else {
                    replace_exact(v, key, from, to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| replace_exact(i, key, from, to)),
        _ => {}
    }
}

/// `world` with placeholders for every account id (`111111111111`, …), account name
/// (`account-1`, …) and user name (`user-1`, …), consistently everywhere they appear.
pub fn with_placeholders(world: &Value) -> Value {
    let mut all = Vec::new();
    strings(world, &mut all);
    let mut accounts: Vec<String> = Vec::new();
    for account in world.get("accounts").and_then(Value::as_array).into_iter().flatten() {
        if let Some(id) = account.get("id").and_then(Value::as_str) {
            accounts.push(id.to_string());
        }
    }
    for text in &all {
        for run in twelve_digit_runs(text) {
            if account_of(text).is_some() || accounts.contains(&run) {
                accounts.push(run);
            }
        }
    }
    let mut seen = Vec::new();
    accounts.retain(|a| {
        if seen.contains(a) {
            false
        } else {
            seen.push(a.clone());
            true
        }
    });
    let placeholders: Vec<String> = (1..=accounts.len()).map(placeholder_account).collect();
    // Two passes through markers, so that a placeholder equal to a real id is never replaced again.
    let mut swaps: Vec<(String, String)> =
        accounts.iter().enumerate().map(|(i, a)| (a.clone(), format!("\u{1}{i}\u{1}"))).collect();
    let mut out = world.clone();
    let users: Vec<_> = identities(world).into_iter().filter(|i| i.kind == "user").collect();
    for (i, user) in users.iter().enumerate() {
        let placeholder = format!("user-{}", i + 1);
        for key in [":user", ":mfa"] {
            swaps.push((format!("{key}{}{}", user.path, user.name), format!("{key}{}{placeholder}", user.path)));
        }
        replace_exact(&mut out, "roleSessionName", &user.name, &placeholder);
        replace_exact(&mut out, "sourceIdentity", &user.name, &placeholder);
        replace_exact(&mut out, "name", &user.name, &placeholder);
    }
    // Longest first, so that a name inside another name is not cut.
    swaps.sort_by_key(|swap| std::cmp::Reverse(swap.0.len()));
    replace_strings(&mut out, &swaps);
    let markers: Vec<(String, String)> =
        placeholders.iter().enumerate().map(|(i, p)| (format!("\u{1}{i}\u{1}"), p.clone())).collect();
    replace_strings(&mut out, &markers);
    for (i, account) in out.get_mut("accounts").and_then(Value::as_array_mut).into_iter().flatten().enumerate() {
        if let Some(name) = account.get_mut("name") {
            *name = Value::String(format!("account-{}", i + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::adapter::{play_world, preset_world};

    /// Console switch role across accounts (seed 001): two accounts and one user, everywhere.
    #[test]
    fn hides_accounts_and_users_everywhere() {
        let world: Value = serde_json::from_str(preset_world("console-switch-role").unwrap()).unwrap();
        let hidden = with_placeholders(&world);
        let text = hidden.to_string();
        for real in ["999999999999", "000000000000", "taro", "\"home\"", "\"target\""] {
            assert!(!text.contains(real), "{real} still shows: {text}");
        }
        assert!(text.contains("arn:aws:iam::111111111111:user/user-1"));
        assert!(text.contains("arn:aws:iam::222222222222:role/OpsRole"));
        assert!(text.contains("arn:aws:iam::111111111111:root"), "the trust policy's text is rewritten too");
        // The world still plays the same way.
        let (before, after) = (play_world(&world), play_world(&hidden));
        let verdicts =
            |p: &crate::workshop::PlayedFlow| p.steps.iter().map(|s| (s.id.clone(), s.verdict)).collect::<Vec<_>>();
        assert_eq!(verdicts(&before), verdicts(&after));
    }

    #[test]
    fn numbers_placeholders() {
        assert_eq!(placeholder_account(1), "111111111111");
        assert_eq!(placeholder_account(9), "999999999999");
        assert_eq!(placeholder_account(10), "100000000010");
    }
}
