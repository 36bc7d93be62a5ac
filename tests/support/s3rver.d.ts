// Types for s3rver (a local S3-compatible server used by the storage tests); it ships none.
declare module "s3rver" {
  import type { AddressInfo } from "node:net";
  import type http from "node:http";

  type S3rverOptions = {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: Array<{ name: string }>;
  };

  export default class S3rver {
    constructor(options: S3rverOptions);
    httpServer?: http.Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
