// The policy pack as the Pulumi CLI runs it: the Node language host starts
// `@pulumi/pulumi/cmd/run-policy-pack <engine address> <pack directory>` from the pack's
// directory, the pack prints the port of its Analyzer gRPC server, and the engine calls it.
// Here the plan tool plays the engine's part over the same protocol, so a verdict it reports
// is the pack's own, not an imitation of it.
import { spawn, ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import * as pluginProto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

/** How long the pack may take to print its port (it type-checks itself with ts-node first). */
const START_TIMEOUT_MS = 60_000;

/** The pack did not start, or did not answer: bad installation rather than bad input. */
export class PolicyPackError extends Error {}

type Unary<Req, Res> = (req: Req, callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown;

/** A started pack: its process and a client of its Analyzer service. */
export class PolicyPackProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerRpc.AnalyzerClient,
        /** What the pack wrote to stderr: part of the error when a call fails. */
        private readonly stderr: () => string,
    ) {}

    /**
     * Starts the pack in `packDir` the way the Node language host does (pulumi/pulumi
     * sdk/nodejs/cmd/pulumi-language-nodejs, RunPlugin): `node <run-policy-pack> <engine
     * address> <pack directory>` with the pack directory as working directory and
     * run-policy-pack resolved from there. The pack never calls the engine back, so the
     * address names a port nothing listens on.
     */
    static async start(packDir: string): Promise<PolicyPackProcess> {
        let runPolicyPack: string;
        try {
            runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
        } catch {
            throw new PolicyPackError(`the policy pack in ${packDir} is not installed: run \`npm ci\` (see docs/policy-pack.md)`);
        }
        const dir = path.resolve(packDir);
        const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", dir], {
            cwd: dir,
            env: { ...process.env, PULUMI_NODEJS_TYPESCRIPT: "true" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            const timer = setTimeout(() => fail(`it printed no port within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
            const fail = (why: string) => {
                clearTimeout(timer);
                child.kill();
                reject(new PolicyPackError(`the policy pack in ${packDir} did not start: ${why}${stderr ? `\n${stderr.trim()}` : ""}`));
            };
            child.stdout!.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const line = /^(\d+)\s*$/m.exec(stdout);
                if (line) {
                    clearTimeout(timer);
                    resolve(Number(line[1]));
                }
            });
            child.on("exit", (code) => fail(`it exited with code ${code}`));
            child.on("error", (err) => fail(err.message));
        });
        child.removeAllListeners("exit");
        const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new PolicyPackProcess(child, client, () => stderr);
    }

    private call<Req, Res>(method: Unary<Req, Res>, req: Req): Promise<Res> {
        return new Promise((resolve, reject) =>
            method.call(this.client, req, (err, res) => {
                if (err)
                    reject(new PolicyPackError(`the policy pack failed: ${err.details || err.message}${this.stderr() ? `\n${this.stderr().trim()}` : ""}`));
                else resolve(res);
            }),
        );
    }

    info(): Promise<analyzerProto.AnalyzerInfo> {
        return this.call(this.client.getAnalyzerInfo, new Empty());
    }

    pluginInfo(): Promise<pluginProto.PluginInfo> {
        return this.call(this.client.getPluginInfo, new Empty());
    }

    async configureStack(req: analyzerProto.AnalyzerStackConfigureRequest): Promise<void> {
        await this.call(this.client.configureStack, req);
    }

    async configure(req: analyzerProto.ConfigureAnalyzerRequest): Promise<void> {
        await this.call(this.client.configure, req);
    }

    analyze(req: analyzerProto.AnalyzeRequest): Promise<analyzerProto.AnalyzeResponse> {
        return this.call(this.client.analyze, req);
    }

    analyzeStack(req: analyzerProto.AnalyzeStackRequest): Promise<analyzerProto.AnalyzeResponse> {
        return this.call(this.client.analyzeStack, req);
    }

    /**
     * Lets this process end while the pack runs, and ends the pack with it: for a pack shared
     * by everything this process does (the test files of one mocha worker), which no single
     * user may stop.
     */
    endWithThisProcess(): void {
        this.child.unref();
        for (const stream of [this.child.stdout, this.child.stderr]) (stream as Socket | null)?.unref();
        process.once("exit", () => this.stop());
    }

    /** Closes the connection and ends the process, as the engine does when the deployment ends. */
    stop(): void {
        this.client.close();
        this.child.kill();
    }
}

/** The pack of this project: `policy/` beside the program. */
export const PROJECT_POLICY_PACK = path.resolve(__dirname, "..", "..", "policy");
