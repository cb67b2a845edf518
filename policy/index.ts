// The policy pack: `pulumi preview --policy-pack policy` (see the README).
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("sentinel-aws", { policies });
