// How the doctor gets into each AWS account: the SDK's default credential chain, then the
// stack's own sign-in for that account (assume a role, or a named profile), as `pulumi up`
// does; organisation members through the organisation's sign-in and `--member-role`.
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { DeploymentCredentials } from "../src";
import type { CallBounds } from "./bounds";
import { awsHttp } from "./boundedHttp";
import type { SignIn } from "./targets";

export type AwsCredentials = Awaited<ReturnType<ReturnType<typeof fromIni>>>;
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

type AwsService = "iam" | "sts" | "sqs" | "cloudwatch";

export interface AwsAccess {
    /** The SDK's default chain (environment, shared config and SSO, container or instance role). */
    readonly defaultCredentials: AwsCredentialsProvider;
    /** Endpoints other than AWS's own, per service (the tests' local servers); none in real use. */
    readonly endpoints: Partial<Record<AwsService, string>>;
}

/** The session name of every role the doctor assumes, so that CloudTrail shows who looked. */
const DOCTOR_SESSION_NAME = "sentinel-aws-doctor";

export class AwsSignIns {
    /** The organisation's own sign-in, shared by every member: assumed once, not once per member. */
    private readonly organization = new Map<string, () => Promise<AwsCredentials>>();

    constructor(
        readonly access: AwsAccess,
        readonly bounds: CallBounds,
    ) {}

    /**
     * Every AWS client's HTTP, bounded: an endpoint that stalls or streams without end (a
     * black-holed VPC endpoint, a proxy) would otherwise hold its account's check, and a worker, forever.
     */
    http(): ReturnType<typeof awsHttp> {
        return awsHttp(this.bounds);
    }

    private assume(roleArn: string, region: string, master: AwsCredentialsProvider): AwsCredentialsProvider {
        return fromTemporaryCredentials({
            params: { RoleArn: roleArn, RoleSessionName: DOCTOR_SESSION_NAME },
            masterCredentials: master,
            clientConfig: { ...this.http(), region, endpoint: this.access.endpoints.sts },
        });
    }

    private ofStack(credentials: DeploymentCredentials, region: string): AwsCredentialsProvider {
        switch (credentials.kind) {
            case "ambient":
                return this.access.defaultCredentials;
            case "profile":
                return fromIni({ profile: credentials.profile });
            case "assumeRole":
                return this.assume(credentials.roleArn, region, this.access.defaultCredentials);
        }
    }

    /** Credentials for one account; undefined when the target has no way in. */
    provider(signIn: SignIn, region: string): AwsCredentialsProvider | undefined {
        switch (signIn.kind) {
            case "none":
                return undefined;
            case "stack":
                return this.ofStack(signIn.credentials, region);
            case "member": {
                const key = JSON.stringify(signIn.organization);
                let master = this.organization.get(key);
                if (master === undefined) {
                    // The provider, not its first answer: the SDK's providers cache and refresh themselves.
                    master = this.ofStack(signIn.organization, region);
                    this.organization.set(key, master);
                }
                return this.assume(signIn.roleArn, region, master);
            }
        }
    }
}
