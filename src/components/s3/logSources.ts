// What writes the logs into the bucket: the trail, GuardDuty's findings export and VPC
// flow logs, each created only once the bucket lets it write.
import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as ec2 from "@pulumi/aws/ec2";
import * as guardduty from "@pulumi/aws/guardduty";
import type { S3ConnectorConfig, Tags } from "../../config/types";
import { CloudWatchFunction } from "./cloudWatchFunction";

export interface LogSourcesArgs {
    readonly settings: S3ConnectorConfig;
    readonly trailName: string;
    /** GuardDuty's export, when collected: the detectors, each in its region, and the key (GuardDuty exports to encrypted destinations only). */
    readonly guardDuty?: { readonly detectors: readonly { readonly region: string; readonly detectorId: string }[]; readonly keyArn: pulumi.Input<string> };
    /** The account's region, where the bucket and the key are. */
    readonly homeRegion: string;
    /** CloudWatch Logs' conversion, when collected: the function's name, the prefix it writes under, and the account. */
    readonly cloudWatch?: { readonly functionName: string; readonly prefix: string; readonly accountId: string; readonly partition: string };
    readonly bucketName: pulumi.Input<string>;
    readonly bucketArn: pulumi.Input<string>;
    readonly keyArn?: pulumi.Input<string>;
    /** The bucket's policy and encryption: every service checks them on its first write. */
    readonly bucketReady: pulumi.Resource[];
    readonly tags: Tags;
}

export class LogSources extends pulumi.ComponentResource {
    /** The CloudWatch Logs function, when collected. */
    readonly cloudWatch?: CloudWatchFunction;

    constructor(name: string, args: LogSourcesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:LogSources", name, {}, opts);
        const { settings } = args;
        const after = { parent: this, dependsOn: args.bucketReady };
        if (settings.logTypes.includes("cloudTrail")) {
            new cloudtrail.Trail(
                `${name}-trail`,
                {
                    name: args.trailName,
                    s3BucketName: args.bucketName,
                    isMultiRegionTrail: true,
                    includeGlobalServiceEvents: true,
                    isOrganizationTrail: settings.organizationId !== undefined,
                    enableLogFileValidation: true,
                    kmsKeyId: args.keyArn,
                    advancedEventSelectors: settings.dataEvents ? dataEventSelectors(args.bucketArn) : undefined,
                    tags: args.tags,
                },
                after,
            );
        }
        if (args.guardDuty !== undefined) {
            const { keyArn } = args.guardDuty;
            // One export per detector (GuardDuty is regional), all into the one bucket and key,
            // each managed in its detector's region. The home region's keeps the name and inputs
            // it always had (the provider's region), so that existing stacks see no change.
            for (const { region, detectorId } of args.guardDuty.detectors) {
                const home = region === args.homeRegion;
                new guardduty.PublishingDestination(
                    home ? `${name}-guardduty-export` : `${name}-guardduty-export-${region}`,
                    { detectorId, region: home ? undefined : region, destinationType: "S3", destinationArn: args.bucketArn, kmsKeyArn: keyArn },
                    after,
                );
            }
        }
        if (settings.logTypes.includes("vpcFlowLogs")) {
            for (const vpcId of settings.vpcIds ?? []) {
                new ec2.FlowLog(
                    `${name}-${vpcId}-flow-log`,
                    {
                        vpcId,
                        trafficType: "ALL",
                        logDestinationType: "s3",
                        logDestination: args.bucketArn,
                        // Sentinel reads gzip-compressed plain text with a header, in AWS's default layout.
                        destinationOptions: { fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: false },
                        tags: args.tags,
                    },
                    after,
                );
            }
        }
        if (args.cloudWatch !== undefined) {
            this.cloudWatch = new CloudWatchFunction(
                `${name}-cloudwatch`,
                {
                    ...args.cloudWatch,
                    region: args.homeRegion,
                    bucketName: args.bucketName,
                    bucketArn: args.bucketArn,
                    keyArn: args.keyArn,
                    logGroups: settings.cloudWatchLogGroups ?? [],
                    alarmTopicArn: settings.alarmTopicArn,
                    bucketReady: args.bucketReady,
                    tags: args.tags,
                },
                { parent: this },
            );
        }
        this.registerOutputs({});
    }
}

/**
 * Management events and S3 object-level events of every bucket but the log bucket: logging
 * the trail's own writes would log the log of the log, without end.
 */
function dataEventSelectors(logBucketArn: pulumi.Input<string>) {
    return [
        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        {
            name: "S3 data events, except the log bucket",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", notStartsWiths: [pulumi.interpolate`${logBucketArn}/`] },
            ],
        },
    ];
}
