// Entry point of the component package (PulumiPlugin.yaml): `pulumi package add` starts it
// to read the components' schema, and deployments start it to construct them.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { COMPONENT_PACKAGE } from "./src";

void componentProviderHost({ ...COMPONENT_PACKAGE, dirname: __dirname });
