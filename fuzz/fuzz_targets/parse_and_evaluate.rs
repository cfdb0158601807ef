//! Fuzz target: any text as a policy of every kind, evaluated against fixed requests, and any
//! text as a request case. Nothing may panic, loop or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omen_core::{
    evaluate, evaluate_case_json, explain, parse_policy, AttachedPolicy, Lang, PolicyId, PolicyKind, PolicySet, Request,
    RequestContext, RequestPrincipal,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = evaluate_case_json(text);
    let Ok(principal) = RequestPrincipal::parse("arn:aws:sts::111122223333:assumed-role/Deploy/alice") else { return };
    for (kind, action) in [
        (PolicyKind::Identity, "iam:PassRole"),
        (PolicyKind::Trust, "sts:AssumeRole"),
        (PolicyKind::Resource, "s3:GetObject"),
        (PolicyKind::Scp, "ec2:RunInstances"),
    ] {
        let parsed = parse_policy(text, kind);
        let Some(policy) = parsed.policy else { continue };
        let attached = AttachedPolicy { id: PolicyId { kind, index: 0, level: None, name: "fuzz".into() }, policy };
        let mut policies = PolicySet::default();
        match kind {
            PolicyKind::Identity => policies.identity.push(attached),
            PolicyKind::Scp => policies.scps = Some(vec![vec![attached]]),
            _ => policies.resource = Some(attached),
        }
        let request = Request::new(
            principal.clone(),
            action,
            "arn:aws:iam::111122223333:role/EC2-roles-for-XYZ",
            None,
            RequestContext::new(),
        );
        let response = evaluate(&request, &policies);
        let _ = explain(&request, &response, Lang::Ja);
    }
});
