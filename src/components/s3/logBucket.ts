// The bucket the AWS services write logs to and Sentinel reads them from: versioned,
// encrypted, closed to the public, HTTPS only, and writable by the delivering services only.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import type { Tags } from "../../config/types";
import { logBucketPolicy } from "../../policies/logBucket";
import type { LogWriters } from "../../policies/logWriters";

export interface LogBucketArgs {
    readonly writers: LogWriters;
    /** The KMS key objects are encrypted with by default; SSE-S3 without one. */
    readonly keyArn?: pulumi.Input<string>;
    /** Deleting the bucket deletes security logs: protected unless config says otherwise. */
    readonly protect: boolean;
    readonly tags: Tags;
    /** The bucket's name, where a writer requires one (WAF's `aws-waf-logs-`); otherwise Pulumi names it. */
    readonly bucketName?: string;
}

export class LogBucket extends pulumi.ComponentResource {
    readonly bucket: s3.Bucket;
    /** What a writer must wait for before its first delivery: the policy and the encryption. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: LogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:LogBucket", name, {}, opts);
        // Named by Pulumi (the resource name and a random suffix) unless a writer requires a name: bucket names are global.
        this.bucket = new s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false, tags: args.tags }, { parent: this, protect: args.protect });
        const bucket = this.bucket.id;
        // The bucket's settings go with it: deleting them first would only open a window.
        const child = { parent: this, deletedWith: this.bucket };

        const publicAccess = new s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child,
        );
        new s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
        const encryption = new s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket,
                rules: [
                    args.keyArn === undefined
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn }, bucketKeyEnabled: true },
                ],
            },
            child,
        );
        const policy = new s3.BucketPolicy(
            `${name}-policy`,
            { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(logBucketPolicy(arn, args.writers))) },
            // With all public access blocked first, the policy can never be applied to an open bucket.
            { ...child, dependsOn: [publicAccess] },
        );
        this.ready = [policy, encryption];
        this.registerOutputs({ bucket: this.bucket.id, arn: this.bucket.arn });
    }
}
