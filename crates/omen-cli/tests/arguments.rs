//! The command line against bad input and hasty readers: every bad argument of every command gets
//! a clear `omen: …` error and exit 2 (never a panic, exit 101); a reader that stops early
//! (`omen eval … | head`) ends omen quietly with exit 0; commands with nothing to work on say so
//! and exit 1; `omen flow` plays a scenario file's `world`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "test code")]

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

fn omen(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("omen runs");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&bytes));
    let output = child.wait_with_output().unwrap();
    // The child may stop reading early (an error before reading stdin): a broken pipe is fine.
    let _ = writer.join().unwrap();
    output
}

const CASE: &str = r#"{"name":"passrole","principal":"arn:aws:iam::111122223333:user/alice","action":"iam:PassRole","resource":"arn:aws:iam::111122223333:role/R","identityPolicies":[{"Version":"2012-10-17","Statement":[{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}]}"#;

/// Each bad argument, command by command: exit 2 and a message that names the problem.
#[test]
fn every_bad_argument_is_a_clear_error() {
    let cases: &[(&[&str], &str)] = &[
        (&["bench", "--seconds", "1e20", "x.json"], "`--seconds` takes a number of seconds above 0"),
        (&["bench", "--seconds", "inf", "x.json"], "`--seconds` takes a number of seconds above 0"),
        (&["bench", "--seconds", "0", "x.json"], "`--seconds` takes a number of seconds above 0"),
        (&["bench", "--seconds", "ten", "x.json"], "`--seconds` takes a number of seconds above 0"),
        (&["bench"], "no input files"),
        (&["eval", "--lang", "xx", "x.json"], "`--lang` takes `en` or `ja`, not `xx`"),
        (&["flow", "--lang", "xx", "x.json"], "`--lang` takes `en` or `ja`, not `xx`"),
        (&["lint", "--lang", "xx", "x.json"], "`--lang` takes `en` or `ja`, not `xx`"),
        (&["import", "--lang", "xx", "x.json"], "`--lang` takes `en` or `ja`, not `xx`"),
        (&["workshop", "list", "--lang", "xx"], "`--lang` takes `en` or `ja`, not `xx`"),
        (&["workshop", "list", "--lang"], "`--lang` takes `en` or `ja`"),
        (&["eval", "--lang", &"x".repeat(10_000), "x.json"], "`--lang` takes `en` or `ja`, not `xxxx"),
        (&["decode", "--lang", "ja"], "unknown option `--lang`"),
        (&["decode", "not-a-token"], "not an Omen authorization message"),
        (&["flow", "--preset"], "`--preset` takes a preset id"),
        (&["eval", "/no/such/file.json"], "cannot read `/no/such/file.json`"),
        (&["no-such-command"], "unknown command `no-such-command`"),
    ];
    for (args, wanted) in cases {
        let output = omen(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("omen: "), "{args:?}: {stderr}");
        assert!(stderr.contains(wanted), "{args:?}: {stderr}");
        assert!(!stderr.contains("Some(") && stderr.len() < 4_000, "{args:?}: {stderr}");
    }
}

/// `omen decode` with nothing to decode says so instead of complaining about a missing prefix.
#[test]
fn decode_without_a_message_says_so() {
    for input in [&b""[..], b"\n  \n"] {
        let output = omen(&["decode"], input);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("omen: no message to decode"), "{stderr}");
        assert!(stderr.contains("omen decode MESSAGE"), "{stderr}");
    }
}

/// A reader that stops early: omen stops too, quietly, with exit 0 (as `cat … | head` does).
#[test]
fn a_closed_stdout_ends_omen_quietly() {
    let input = format!("{CASE}\n").repeat(5_000);
    for args in [&["eval", "-"][..], &["help"], &["workshop", "list"], &["flow", "--presets"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_omen"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("omen runs");
        let mut stdin = child.stdin.take().unwrap();
        let bytes = input.clone().into_bytes();
        let writer = std::thread::spawn(move || stdin.write_all(&bytes));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        assert!(!first.is_empty(), "{args:?}");
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        let _ = writer.join().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(output.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

/// Nothing to evaluate or measure: every input line says why, stderr says so, exit 1.
#[test]
fn nothing_evaluated_exits_one() {
    for args in [&["eval", "-"][..], &["bench", "--seconds", "0.01", "-"]] {
        let output = omen(args, b"{\"principal\": \"bob\"}\nnot json\n");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2, "{args:?}: {stdout}");
        assert!(lines.iter().all(|l| l["decision"] == "error"), "{args:?}: {stdout}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("omen: no case could be"), "{args:?}: {stderr}");
    }
    // One good case is enough to succeed.
    let output = omen(&["bench", "--seconds", "0.01", "-"], format!("not json\n{CASE}\n").as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"evalsPerSec\""));
}

/// A scenario file keeps its world under `world` (with `name`, `description`, `expect`): `omen
/// flow` plays that world, as it plays a bare world file.
#[test]
fn flow_plays_a_scenario_files_world() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios/external-id-wrong.json");
    let scenario: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(scenario["world"].is_object() && scenario["expect"].is_object());
    let output = omen(&["flow", path], b"");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["failedStep"], scenario["expect"]["failedStep"]);
    assert!(!result["steps"].as_array().unwrap().is_empty());
    // The same world given bare plays the same.
    let bare = omen(&["flow", "-"], scenario["world"].to_string().as_bytes());
    let bare: Value = serde_json::from_slice(&bare.stdout).unwrap();
    assert_eq!(bare["steps"], result["steps"]);
}
