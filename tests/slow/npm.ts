// npm as the slow tests run it: quiet about funding and audits, output kept for the assertions.
import { spawnSync } from "node:child_process";

export const npm = (args: string[], cwd: string) =>
    spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" } });
