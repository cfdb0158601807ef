#!/usr/bin/env python3
"""Writes the AWS-maximum-size policies `omen lint --bench` times (tests/lint/max-size/): each
policy of a kind as large as AWS's quota for it allows (non-whitespace characters, "IAM and AWS
STS quotas"; "Quotas for AWS Organizations"), made of one statement shape repeated and
pretty-printed as people paste it — the same construction as the end-to-end keystroke budget.
Run from the repository root; the files are committed."""
import json
import os

OUT = "tests/lint/max-size"


def policy_of_size(size, statement):
    policy = {"Version": "2012-10-17", "Statement": []}
    i = 1
    while True:
        policy["Statement"].append(statement(f"{i:04d}"))
        if len(json.dumps(policy, separators=(",", ":"))) > size:
            policy["Statement"].pop()
            break
        i += 1
    return json.dumps(policy, indent=4) + "\n"


def identity(n):
    return {"Sid": f"S{n}", "Effect": "Allow", "Action": ["ec2:RunInstances", "s3:GetObject"],
            "Resource": f"arn:aws:s3:::bucket-{n}/*"}


def wildcards(n):
    return {"Sid": f"W{n}", "Effect": "Allow", "Action": ["ec2:Describe*", "s3:Get*", "iam:List*"],
            "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": f"us-east-{n}"}}}


def pass_role(n):
    return {"Sid": f"P{n}", "Effect": "Allow", "Action": "iam:PassRole",
            "Resource": f"arn:aws:iam::111122223333:role/app-{n}",
            "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}


def boundary(n):
    return {"Sid": f"B{n}", "Effect": "Allow", "Action": ["ec2:*", "iam:PassRole", "s3:*"], "Resource": "*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": f"us-east-{n}"}}}


def trust(n):
    if n == "0001":
        return {"Sid": "EC2", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
    return {"Sid": f"T{n}", "Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::111122223333:user/u{n}"},
            "Action": "sts:AssumeRole"}


def scp(n):
    return {"Sid": f"G{n}", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": f"arn:aws:s3:::locked-{n}"}


FILES = {
    "identity-6144.json": (6144, identity),
    "identity-wildcards-6144.json": (6144, wildcards),
    "identity-passrole-6144.json": (6144, pass_role),
    "role-inline-10240.json": (10240, identity),
    "boundary-6144.json": (6144, boundary),
    "trust-2048.json": (2048, trust),
    "scp-5120.json": (5120, scp),
}

os.makedirs(OUT, exist_ok=True)
for name, (size, statement) in FILES.items():
    with open(os.path.join(OUT, name), "w") as f:
        f.write(policy_of_size(size, statement))
