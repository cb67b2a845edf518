// `npm run doctor` against local AWS and Azure: the real SDK clients (IAM, STS, SQS,
// CloudWatch, ARM, Log Analytics) talk HTTP to tests/fixtures/doctor/fakeClouds.ts, which
// answers in each API's wire format. Every test breaks one thing and reads the report.
import { CredentialUnavailableError } from "@azure/identity";
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, S3_READ_POLICY_NAME } from "../src/constants";
import type { Row } from "../doctor/report";
import { sentinelOidcTrustPolicy } from "../src/policies/sentinelOidcTrust";
import { sentinelCloudTrailTrustPolicy } from "../src/policies/sentinelTrust";
import { SENTINEL_OIDC } from "../src/s3Facts";
import { azureError, FakeClouds, jsonError, queryError } from "./fixtures/doctor/fakeClouds";
import {
    audit,
    AUDIT,
    BASE,
    CHECKS,
    CONFIG,
    connectorResourceId,
    deadLetters,
    deadLetterUrl,
    doctor,
    fakeCloudPerTest,
    HOUR,
    logs,
    LOGS,
    member,
    MEMBER,
    MEMBER_ROLE,
    notOk,
    ORG,
    OTHER_WORKSPACE,
    OUTPUTS,
    queueName,
    report,
    roleName,
    row,
    WORKSPACE_ID,
} from "./fixtures/doctor/healthyStack";

describe("npm run doctor", function () {
    const fake = fakeCloudPerTest();
    let cloud: FakeClouds;
    beforeEach(() => (cloud = fake.cloud));

    it("reports every check of a healthy stack OK, and exits 0", async () => {
        const { code, rows } = await report(cloud);
        expect(rows.map((r) => [r.account, r.accountId, r.check])).to.deep.equal(CHECKS);
        expect(notOk(rows)).to.deep.equal([]);
        expect(code).to.equal(0);
        expect(row(rows, "audit", "sign-in").reason).to.equal(`as arn:aws:sts::${AUDIT}:assumed-role/pulumi-deploy/sentinel-aws-doctor`);
        expect(row(rows, "logs", "sign-in").reason).to.equal(`as arn:aws:iam::${LOGS}:user/logs-reader`);
        expect(row(rows, "organization", "sign-in").reason).to.equal(`as arn:aws:sts::${MEMBER}:assumed-role/${MEMBER_ROLE}/sentinel-aws-doctor`);
        expect(row(rows, "audit", "trust").reason).to.include(`external ID ${WORKSPACE_ID}`);
        expect(row(rows, "logs", "queue cloudTrail").reason).to.equal("3 waiting, 1 being read; the oldest has waited 45 s");
        expect(row(rows, "audit", "events AWSCloudTrail").reason).to.match(/^the last event arrived 10 min ago/);
        // The organisation signed in once for its member, through the stack's deployment role.
        expect(cloud.count("sts:AssumeRole")).to.equal(3);
    });

    it("prints the report as a table, with the fix under each row that is not OK", async () => {
        cloud.roles.get(`${AUDIT}/${roleName(audit.roleArn)}`)!.trust = sentinelCloudTrailTrustPolicy(MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, OTHER_WORKSPACE);
        const run = await doctor(cloud, BASE);
        expect(run.code).to.equal(1);
        const lines = run.stdout.split("\n");
        expect(lines[0]).to.equal(`Health of stack "doctor": 3 accounts, ${CHECKS.length} checks: ${CHECKS.length - 1} OK, 0 WARN, 1 FAIL`);
        expect(lines[2]).to.match(/^STATUS +ACCOUNT +ACCOUNT ID +CHECK +REASON$/);
        const failed = lines.findIndex((l) => l.startsWith("FAIL"));
        expect(lines[failed]).to.match(
            new RegExp(`^FAIL +audit +${AUDIT} +trust +the trust requires external ID ${OTHER_WORKSPACE}, not this workspace's ID ${WORKSPACE_ID}`),
        );
        expect(lines[failed + 1]).to.match(/^ {20,}fix: run pulumi up: it writes the trust back/);
        // Columns line up: every row's reason starts where the header's does.
        const column = lines[2].indexOf("REASON");
        for (const line of lines.slice(3).filter((l) => /^(OK|WARN|FAIL) /.test(l)))
            expect(line[column - 1])
                .to.equal(" ")
                .and.not.equal(line[column]);
    });

    it("FAILs a trust that requires another workspace's ID as external ID", async () => {
        cloud.roles.get(`${AUDIT}/${roleName(audit.roleArn)}`)!.trust = sentinelCloudTrailTrustPolicy(MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, OTHER_WORKSPACE);
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["audit trust FAIL"]);
        expect(row(rows, "audit", "trust").reason).to.equal(
            `the trust requires external ID ${OTHER_WORKSPACE}, not this workspace's ID ${WORKSPACE_ID}: Sentinel cannot assume the role`,
        );
        expect(code).to.equal(1);
    });

    it("FAILs an S3 role whose session name is another workspace's, and one without an external ID", async () => {
        cloud.roles.get(`${LOGS}/${roleName(logs.roleArn)}`)!.trust = sentinelOidcTrustPolicy(
            logs.oidcProviderArn,
            SENTINEL_OIDC.public,
            OTHER_WORKSPACE,
            false,
        );
        const trust = sentinelCloudTrailTrustPolicy(MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, WORKSPACE_ID);
        delete (trust.Statement[0] as { Condition?: unknown }).Condition;
        cloud.roles.get(`${MEMBER}/${roleName(member.roleArn)}`)!.trust = trust;
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["logs trust FAIL", "organization trust FAIL"]);
        expect(row(rows, "logs", "trust").reason).to.equal(
            `the trust requires session name MicrosoftSentinel_${OTHER_WORKSPACE}, not MicrosoftSentinel_${WORKSPACE_ID} (this workspace's): Sentinel cannot assume the role`,
        );
        expect(row(rows, "organization", "trust").reason).to.match(/without an external ID: any Sentinel workspace/);
        expect(code).to.equal(1);
    });

    it("FAILs a trust open to any AWS principal, and an S3 trust for another audience than Sentinel's", async () => {
        const open = sentinelCloudTrailTrustPolicy(MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, WORKSPACE_ID);
        (open.Statement[0] as { Principal: unknown }).Principal = { AWS: "*" };
        cloud.roles.get(`${AUDIT}/${roleName(audit.roleArn)}`)!.trust = open;
        cloud.roles.get(`${LOGS}/${roleName(logs.roleArn)}`)!.trust = sentinelOidcTrustPolicy(
            logs.oidcProviderArn,
            { ...SENTINEL_OIDC.public, audience: SENTINEL_OIDC.usGovernment.audience },
            WORKSPACE_ID,
            false,
        );
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["audit trust FAIL", "logs trust FAIL"]);
        expect(row(rows, "audit", "trust").reason).to.equal("the trust lets any AWS principal assume the role");
        expect(row(rows, "logs", "trust").reason).to.equal(
            `the trust requires audience ${SENTINEL_OIDC.usGovernment.audience}, not Sentinel's ${SENTINEL_OIDC.public.audience}: Sentinel cannot assume the role`,
        );
        expect(code).to.equal(1);
    });

    it("FAILs a missing connector (404) and a connector pointed at another role", async () => {
        cloud.connectors.delete(audit.connectorId);
        (cloud.connectors.get(logs.connectorIds.guardDuty)!.resource.properties as Record<string, unknown>).roleArn = `arn:aws:iam::${LOGS}:role/OIDC_Other`;
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["audit connector FAIL", "logs connector guardDuty FAIL"]);
        expect(row(rows, "audit", "connector").reason).to.equal(
            `connector ${audit.connectorId} does not exist in the workspace: nothing collects this account's logs`,
        );
        expect(row(rows, "audit", "connector").fix).to.match(/^run pulumi up: it creates the connector again/);
        expect(row(rows, "logs", "connector guardDuty").reason).to.equal(
            `connector ${logs.connectorIds.guardDuty}: it assumes arn:aws:iam::${LOGS}:role/OIDC_Other, not ${logs.roleArn}`,
        );
        expect(code).to.equal(1);
    });

    it("FAILs an account with no event for 24 hours; a GuardDuty account without findings is only a WARN", async () => {
        const stale = new Date(Date.now() - 30 * HOUR);
        cloud.tables.set("AWSCloudTrail", [...cloud.tables.get("AWSCloudTrail")!.filter((e) => e.account !== AUDIT), { account: AUDIT, time: stale }]);
        cloud.tables.set("AWSGuardDuty", [{ account: LOGS, time: new Date(Date.now() - 50 * HOUR) }]);
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["audit events AWSCloudTrail FAIL", "logs events AWSGuardDuty WARN"]);
        expect(row(rows, "audit", "events AWSCloudTrail").reason).to.equal(
            `no event from account ${AUDIT} for 24 hours: the last arrived 30 h 0 min ago (${stale.toISOString().replace(/\.\d{3}Z$/, "Z")})`,
        );
        expect(row(rows, "logs", "events AWSGuardDuty").reason).to.match(/\(GuardDuty exports findings only when it has some\)$/);
        expect(code).to.equal(1);
    });

    it("FAILs an account that never delivered: no event in 7 days, or no table at all", async () => {
        cloud.tables.set(
            "AWSCloudTrail",
            cloud.tables.get("AWSCloudTrail")!.filter((e) => e.account !== MEMBER),
        );
        cloud.tables.delete("AWSGuardDuty");
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["logs events AWSGuardDuty WARN", "organization events AWSCloudTrail FAIL"]);
        expect(row(rows, "organization", "events AWSCloudTrail").reason).to.equal(`no event from account ${MEMBER} in the last 7 days`);
        expect(row(rows, "logs", "events AWSGuardDuty").reason).to.match(/^the workspace has no table AWSGuardDuty: nothing has ever arrived/);
        expect(code).to.equal(1);
    });

    it("FAILs a growing dead-letter queue, WARNs a steady one", async () => {
        const ct = logs.queueUrls.cloudTrail;
        const gd = logs.queueUrls.guardDuty;
        cloud.queues.get(deadLetterUrl(ct))!.visible = 7;
        cloud.metrics.set(`ApproximateNumberOfMessagesVisible/${deadLetters(ct)}`, [7, 5, 2, 0]);
        cloud.queues.get(deadLetterUrl(gd))!.visible = 4;
        cloud.metrics.set(`ApproximateNumberOfMessagesVisible/${deadLetters(gd)}`, [4, 4, 4]);
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["logs dead letters cloudTrail FAIL", "logs dead letters guardDuty WARN"]);
        expect(row(rows, "logs", "dead letters cloudTrail").reason).to.equal(
            "7 notifications Sentinel could not process, up from 0 a day ago: it is failing on new logs",
        );
        expect(row(rows, "logs", "dead letters cloudTrail").fix).to.include(`aws sqs receive-message --queue-url ${deadLetterUrl(ct)}`);
        expect(row(rows, "logs", "dead letters guardDuty").reason).to.equal("4 notifications Sentinel could not process, none added in 24 h");
        expect(code).to.equal(1);
    });

    it("WARNs a queue read slowly, dead letters CloudWatch has no history of, and a queue without dead-letter queue", async () => {
        const ct = logs.queueUrls.cloudTrail;
        cloud.metrics.set(`ApproximateAgeOfOldestMessage/${queueName(ct)}`, [1200]);
        cloud.queues.get(deadLetterUrl(ct))!.visible = 2;
        cloud.metrics.delete(`ApproximateNumberOfMessagesVisible/${deadLetters(ct)}`);
        delete cloud.queues.get(logs.queueUrls.guardDuty)!.deadLetterArn;
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["logs queue cloudTrail WARN", "logs dead letters cloudTrail WARN", "logs dead letters guardDuty WARN"]);
        expect(row(rows, "logs", "queue cloudTrail").reason).to.equal(
            "3 waiting, 1 being read; the oldest has waited 20 min: Sentinel is reading slowly, or not at all",
        );
        expect(row(rows, "logs", "dead letters cloudTrail").reason).to.equal(
            "2 notifications Sentinel could not process; CloudWatch has no count of the last 24 h to tell whether they are new",
        );
        expect(row(rows, "logs", "dead letters guardDuty").reason).to.match(/^the queue has no dead-letter queue/);
        expect(code).to.equal(0);
    });

    it("FAILs a queue nobody reads and one that is gone", async () => {
        cloud.metrics.set(`ApproximateAgeOfOldestMessage/${queueName(logs.queueUrls.cloudTrail)}`, [7300, 7000]);
        cloud.queues.delete(logs.queueUrls.guardDuty);
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["logs queue cloudTrail FAIL", "logs queue guardDuty FAIL"]);
        expect(row(rows, "logs", "queue cloudTrail").reason).to.equal(
            "3 waiting, 1 being read; the oldest has waited 2 h 1 min: Sentinel is not reading the queue",
        );
        expect(row(rows, "logs", "queue guardDuty").reason).to.equal(`${logs.queueUrls.guardDuty} does not exist: S3 has nowhere to announce new logs`);
        expect(code).to.equal(1);
    });

    it("retries throttled calls and reports the answers that follow", async () => {
        cloud.interrupt("iam:GetRole", queryError(400, "Throttling", "Rate exceeded"), queryError(400, "Throttling", "Rate exceeded"));
        cloud.interrupt("sqs:GetQueueAttributes", jsonError(400, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled", "Request is throttled."));
        cloud.interrupt("cloudwatch:GetMetricData", jsonError(400, "com.amazonaws.cloudwatch#Throttling", "Throttling", "Rate exceeded"));
        cloud.interrupt("arm:GET", azureError(429, "TooManyRequests", "The request is being throttled.", 1));
        cloud.interrupt("logs:AWSCloudTrail", azureError(429, "ThrottledError", "Too many requests.", 1));
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal([]);
        expect(code).to.equal(0);
        for (const [operation, retries, calls] of [
            ["iam:GetRole", 2, 3],
            ["sqs:GetQueueAttributes", 1, 4],
            ["cloudwatch:GetMetricData", 1, 2],
            ["arm:GET", 1, 4],
            ["logs:AWSCloudTrail", 1, 1],
        ] as const) {
            expect(cloud.interrupts.get(operation), operation).to.deep.equal([]);
            expect(cloud.count(operation), operation).to.equal(calls + retries);
        }
    });

    it("FAILs a check the checking identity may not make, naming the permission", async () => {
        cloud.denied.add(`${AUDIT}:iam:ListAttachedRolePolicies`);
        cloud.denied.add(`${LOGS}:cloudwatch:GetMetricData`);
        cloud.denied.add(`${ORG}:sts:AssumeRole`);
        cloud.interrupt(
            "logs:SentinelHealth",
            azureError(403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation"),
        );
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal([
            "audit permissions FAIL",
            "audit health FAIL",
            "logs queue cloudTrail FAIL",
            "logs queue guardDuty FAIL",
            "logs health cloudTrail FAIL",
            "logs health guardDuty FAIL",
            "organization sign-in FAIL",
            "organization health FAIL",
        ]);
        const permissions = row(rows, "audit", "permissions");
        expect(permissions.reason).to.match(
            /^access denied: the checking identity may not call iam:ListAttachedRolePolicies \(User: arn:aws:sts::111122223333:assumed-role\/pulumi-deploy\/sentinel-aws-doctor is not authorized/,
        );
        expect(permissions.fix).to.equal(
            'allow iam:ListAttachedRolePolicies to the identity the doctor signs in with; see docs/health-check.md, "Permissions", for every permission the doctor needs',
        );
        expect(row(rows, "logs", "queue cloudTrail").reason).to.match(/^access denied: the checking identity may not call cloudwatch:GetMetricData /);
        expect(row(rows, "organization", "sign-in").reason).to.match(
            new RegExp(`^access denied: the checking identity may not call sts:AssumeRole on arn:aws:iam::${MEMBER}:role/${MEMBER_ROLE} `),
        );
        expect(row(rows, "audit", "health").reason).to.match(
            /^access denied: the checking identity lacks Microsoft\.OperationalInsights\/workspaces\/query\/\*\/read \(role Log Analytics Reader, or Microsoft Sentinel Reader\) \(Azure answered 403 InsufficientAccessError/,
        );
        // The workspace was asked once: every connector's row carries the same answer.
        expect(cloud.count("logs:SentinelHealth")).to.equal(1);
        expect(code).to.equal(1);
    });

    it("FAILs a connector the identity may not read, naming the Azure permission", async () => {
        cloud.interrupt(
            "arm:GET",
            ...Array.from({ length: 4 }, () =>
                azureError(
                    403,
                    "AuthorizationFailed",
                    "The client does not have authorization to perform action 'Microsoft.SecurityInsights/dataConnectors/read'",
                ),
            ),
        );
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal([
            "audit connector FAIL",
            "logs connector cloudTrail FAIL",
            "logs connector guardDuty FAIL",
            "organization connector FAIL",
        ]);
        expect(row(rows, "audit", "connector").reason).to.match(
            /^access denied: the checking identity lacks Microsoft\.SecurityInsights\/dataConnectors\/read \(role Microsoft Sentinel Reader\)/,
        );
        expect(code).to.equal(1);
    });

    it("WARNs where health monitoring is off, FAILs a connector whose last fetch failed", async () => {
        cloud.health = undefined;
        let { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["audit health WARN", "logs health cloudTrail WARN", "logs health guardDuty WARN", "organization health WARN"]);
        expect(row(rows, "audit", "health").reason).to.equal(
            "health monitoring is off (the workspace has no SentinelHealth table), so connector failures are not recorded",
        );
        expect(code).to.equal(0);

        const now = Date.now();
        cloud.health = [
            {
                TimeGenerated: new Date(now - 3 * HOUR),
                SentinelResourceId: connectorResourceId(audit.connectorId),
                Status: "Failure",
                Description: "Unable to assume role: AccessDenied",
            },
            {
                TimeGenerated: new Date(now - 2 * HOUR),
                SentinelResourceId: connectorResourceId(audit.connectorId),
                Status: "Success",
                Description: "Data fetched",
            },
            {
                TimeGenerated: new Date(now - HOUR),
                SentinelResourceId: connectorResourceId(member.connectorId),
                Status: "Failure",
                Description: "Unable to assume role: AccessDenied",
            },
        ];
        ({ code, rows } = await report(cloud));
        expect(notOk(rows)).to.deep.equal(["audit health WARN", "organization health FAIL"]);
        expect(row(rows, "organization", "health").reason).to.match(/^1 failure in 24 h, the last 1 h 0 min ago \(.*\): Unable to assume role: AccessDenied$/);
        expect(row(rows, "audit", "health").reason).to.match(/; fetching again since /);
        expect(code).to.equal(1);
    });

    it("WARNs extra permissions, and FAILs a role that lost its own or is gone", async () => {
        cloud.roles.get(`${AUDIT}/${roleName(audit.roleArn)}`)!.managed.push("arn:aws:iam::aws:policy/AdministratorAccess");
        cloud.roles.get(`${LOGS}/${roleName(logs.roleArn)}`)!.inline = [];
        cloud.roles.delete(`${MEMBER}/${roleName(member.roleArn)}`);
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["audit permissions WARN", "logs permissions FAIL", "organization role FAIL"]);
        expect(row(rows, "audit", "permissions").reason).to.equal(
            "the managed policy AWSCloudTrail_ReadOnlyAccess, and also managed arn:aws:iam::aws:policy/AdministratorAccess: Sentinel may do more in this account than it needs",
        );
        expect(row(rows, "logs", "permissions").reason).to.equal(
            `the role lacks the inline policy ${S3_READ_POLICY_NAME}, so Sentinel can read nothing (it has: nothing)`,
        );
        expect(row(rows, "organization", "role").reason).to.equal(`${member.roleArn} does not exist: Sentinel has no role to assume`);
        // Without a role there is no trust or permission to read.
        expect(rows.filter((r) => r.account === "organization").map((r) => r.check)).to.deep.equal([
            "sign-in",
            "role",
            "connector",
            "events AWSCloudTrail",
            "health",
        ]);
        expect(code).to.equal(1);
    });

    it("FAILs the Azure side in one row per account when nobody is signed in to Azure, and every Azure check with a token Azure refuses", async () => {
        const saved = process.env.AZURE_CLIENT_ID;
        delete process.env.AZURE_CLIENT_ID;
        const unavailable = {
            getToken: async () => {
                throw new CredentialUnavailableError(
                    "EnvironmentCredential is unavailable. No underlying credential could be used.\n- AzureCliCredential: Please run 'az login' from a command prompt to authenticate before using this credential. See https://aka.ms/azsdk/js/identity/azclicredential/troubleshoot.",
                );
            },
        };
        try {
            let { code, rows } = await report(cloud, unavailable);
            expect(notOk(rows)).to.deep.equal(["audit azure sign-in FAIL", "logs azure sign-in FAIL", "organization azure sign-in FAIL"]);
            const signIn = row(rows, "audit", "azure sign-in");
            expect(signIn.reason).to.equal(
                "cannot sign in to Azure: EnvironmentCredential is unavailable. No underlying credential could be used. - AzureCliCredential: Please run 'az login' from a command prompt to authenticate before using this credential. See https://aka.ms/azsdk/js/identity/azclicredential/troubleshoot.",
            );
            expect(signIn.fix).to.match(/^sign in to Azure in the workspace's tenant: az login, or set AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET/);
            expect(code).to.equal(1);

            // With the variables set, the advice is to check them, not to sign in.
            process.env.AZURE_CLIENT_ID = "00000000-0000-4000-8000-000000000000";
            ({ rows } = await report(cloud, unavailable));
            expect(row(rows, "logs", "azure sign-in").fix).to.match(
                /^check AZURE_CLIENT_ID: they are set, and the service principal they name could not sign in/,
            );

            const azureChecks = CHECKS.filter(([, , check]) => /^(connector|events|health)/.test(check)).map(
                ([account, , check]) => `${account} ${check} FAIL`,
            );
            ({ code, rows } = await report(cloud, { getToken: async () => ({ token: "expired", expiresOnTimestamp: Date.now() + HOUR }) }));
            expect(notOk(rows)).to.deep.equal(azureChecks);
            expect(row(rows, "logs", "events AWSGuardDuty").reason).to.match(/^Azure refused the sign-in \(401 AuthenticationFailed/);
            expect(code).to.equal(1);
        } finally {
            if (saved === undefined) delete process.env.AZURE_CLIENT_ID;
            else process.env.AZURE_CLIENT_ID = saved;
        }
    });

    it("says it cannot reach an endpoint nobody listens on, naming it, not that it is AWS's or Azure's answer", async () => {
        const closed = new FakeClouds();
        await closed.start();
        const [aws, azure] = [closed.awsEndpoint, closed.azureEndpoint];
        await closed.close();
        const run = await doctor(cloud, [...BASE, "--json"], false, undefined, undefined, { aws, azure });
        const rows: Row[] = JSON.parse(run.stdout).rows;
        expect(row(rows, "audit", "sign-in").reason).to.equal(`sts:AssumeRole on arn:aws:iam::${AUDIT}:role/pulumi-deploy: cannot reach ${aws} (ECONNREFUSED)`);
        expect(row(rows, "audit", "sign-in").fix).to.equal(`check the network path to ${aws} (DNS, proxy, firewall), then run the doctor again`);
        expect(row(rows, "audit", "connector").reason).to.equal(`cannot reach ${azure} (ECONNREFUSED)`);
    });

    it("FAILs a sign-in that lands in another account", async () => {
        cloud.identities.set("AKIDLOGSPROFILE", { account: "555555555555", arn: "arn:aws:iam::555555555555:user/elsewhere" });
        const { code, rows } = await report(cloud);
        expect(notOk(rows)).to.deep.equal(["logs sign-in FAIL"]);
        expect(row(rows, "logs", "sign-in").reason).to.equal(`signed in to account 555555555555 (arn:aws:iam::555555555555:user/elsewhere), not ${LOGS}`);
        expect(code).to.equal(1);
    });

    it("FAILs the sign-in of an account whose profile has no credentials, and checks its Azure side all the same", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "doctor-aws-"));
        writeFileSync(path.join(dir, "credentials"), "[someone-else]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = secret\n");
        const kept = process.env.AWS_SHARED_CREDENTIALS_FILE;
        process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
        try {
            const { code, rows } = await report(cloud);
            expect(notOk(rows)).to.deep.equal(["logs sign-in FAIL"]);
            expect(row(rows, "logs", "sign-in").reason).to.match(/^no AWS credentials: .*profile.*logs/);
            expect(rows.filter((r) => r.account === "logs").map((r) => r.check)).to.deep.equal([
                "sign-in",
                ...CHECKS.filter(([a, , c]) => a === "logs" && /^(connector|events|health)/.test(c)).map(([, , c]) => c),
            ]);
            expect(code).to.equal(1);
        } finally {
            process.env.AWS_SHARED_CREDENTIALS_FILE = kept;
        }
    });

    it("leaves an organisation member's AWS side unchecked without --member-role, with a WARN", async () => {
        const run = await doctor(cloud, ["--stack", "doctor", "--config-file", CONFIG, "--outputs", OUTPUTS, "--json"]);
        const rows: Row[] = JSON.parse(run.stdout).rows;
        expect(notOk(rows)).to.deep.equal(["organization aws WARN"]);
        expect(row(rows, "organization", "aws").fix).to.match(/^pass --member-role NAME/);
        expect(run.code).to.equal(0);
    });

    it("shows progress on a terminal only, on stderr", async () => {
        const onTerminal = await doctor(cloud, [...BASE, "--concurrency", "1"], true);
        expect(onTerminal.stderr).to.equal("\rchecked 1/3 accounts\rchecked 2/3 accounts\rchecked 3/3 accounts\r\x1b[2K");
        expect(onTerminal.stdout).to.match(/^Health of stack/);
        const piped = await doctor(cloud, BASE, false);
        expect(piped.stderr).to.equal("");
        expect(piped.stdout).to.equal(onTerminal.stdout);
    });
});
