// The facts and naming rules the tools beside the program (plan/, doctor/, scripts/) share
// with it, each re-exported from its one home, never copied. With ./index.ts (the library),
// the only door those tools come in by: tests/structure.test.ts holds them to it.
export * from "./constants";
export * from "./s3Facts";
export * from "./naming";
export * from "./providerMemory";
export * from "./typeToken";
export { describe, escapedChar, keyPath, listed, MAX_LISTED } from "./config/show";
export { IAM_ROLE_NAME, OIDC_PROVIDER_ARN, partitionOf, ROLE_ARN } from "./config/rules";
export { LIMITS } from "./config/schema";
export { MemberConflict, membersOf } from "./organization/members";
