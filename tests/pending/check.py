#!/usr/bin/env python3
"""Re-run the pending cases (tests/pending/) against an `omen` build and say which now agree with AWS.

usage: python3 tests/pending/check.py [OMEN]        (OMEN defaults to target/debug/omen)

A request case agrees when its decision (and, where given, its deciding statements and AccessDenied
text) equals `expect`; a world agrees when every listed step, `succeeded`, `failedStep` and `session`
field matches. Cases that agree can move to tests/corpus/<topic>/ (worlds to tests/scenarios/, with a
snapshot: OMEN_BLESS=1 cargo test -p omen-core --test scenarios); drop their `pending` note first.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OMEN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "target", "debug", "omen")


def statement_keys(items):
    return sorted(("resource" if i.get("policyType") == "trust" else i.get("policyType"),
                   i.get("sid") or f"#{i.get('statementIndex')}") for i in items)


def check_case(path, case):
    run = subprocess.run([OMEN, "eval", path], capture_output=True, text=True)
    lines = run.stdout.strip().splitlines()
    got = json.loads(lines[0]) if lines else {"decision": "no output", "error": run.stderr.strip()}
    expect, problems = case["expect"], []
    if got["decision"] != expect["decision"]:
        problems.append(f"AWS {expect['decision']}, Omen {got['decision']} {got.get('error') or ''}".strip())
    elif "decidingStatements" in expect and statement_keys(expect["decidingStatements"]) != statement_keys(got.get("decidingStatements", [])):
        problems.append(f"deciding statements {statement_keys(got.get('decidingStatements', []))}")
    message = got.get("accessDeniedMessage") or ""
    if "accessDeniedMessage" in expect and message != expect["accessDeniedMessage"]:
        problems.append(f"message `{message}`")
    if "accessDeniedMessageContains" in expect and expect["accessDeniedMessageContains"] not in message:
        problems.append(f"message `{message}`")
    return problems


def match(actual, expected, where):
    if isinstance(expected, dict) and len(expected) == 1 and next(iter(expected)) in ("startsWith", "contains"):
        kind, wanted = next(iter(expected.items()))
        text = actual if isinstance(actual, str) else json.dumps(actual)
        ok = text.startswith(wanted) if kind == "startsWith" else all(w in text for w in (wanted if isinstance(wanted, list) else [wanted]))
        return [] if ok else [f"{where}: `{text}` fails {kind} {wanted}"]
    if isinstance(expected, dict):
        return [p for key, value in expected.items() for p in match((actual or {}).get(key) if isinstance(actual, dict) else None, value, f"{where}.{key}")]
    return [] if actual == expected else [f"{where}: expected {expected}, found {actual}"]


def check_world(scenario):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(scenario["world"], handle)
    run = subprocess.run([OMEN, "flow", handle.name], capture_output=True, text=True)
    os.unlink(handle.name)
    result = json.loads(run.stdout)
    expect = dict(scenario["expect"])
    wanted_steps = expect.pop("steps", {})
    steps = {step["id"]: step for step in result["steps"]}
    problems = [] if set(steps) == set(wanted_steps) else [f"steps {[s['id'] + ':' + s['decision'] for s in result['steps']]}"]
    for step_id, wanted in wanted_steps.items():
        problems += match(steps.get(step_id), wanted, f"steps.{step_id}")
    for key, wanted in expect.items():
        problems += match(result.get(key), wanted, key)
    return problems


def main():
    agree, pending = [], []
    for directory, _, names in sorted(os.walk(HERE)):
        for name in sorted(n for n in names if n.endswith(".json")):
            path = os.path.join(directory, name)
            data = json.load(open(path))
            problems = check_world(data) if "world" in data else check_case(path, data)
            if not problems and data.get("pending", {}).get("agreesForTheWrongReason"):
                problems = ["same decision, for the wrong reason (see its `pending.why`)"]
            (pending if problems else agree).append((os.path.relpath(path, HERE), problems))
    for path, problems in pending:
        print(f"pending  {path}: {'; '.join(problems)[:300]}")
    for path, _ in agree:
        print(f"AGREES   {path}  (can move to the corpus / scenarios)")
    print(f"{len(agree)} now agree, {len(pending)} still disagree")


main()
