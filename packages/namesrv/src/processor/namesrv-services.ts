import type { NamesrvConfig } from '@mq/common';
import type { RemotingCommand, RequestProcessor } from '@mq/remoting';
import { RemotingCommand as Command, ResponseCode } from '@mq/remoting';
import type { NamesrvConfigStore } from '../config/namesrv-config-store';
import type { KVConfigManager } from '../kv/kv-config-manager';
import type { RouteInfoManager } from '../route/route-info-manager';

/** What the request processors work on. */
export interface NamesrvServices {
  readonly routes: RouteInfoManager;
  readonly kvConfig: KVConfigManager;
  readonly config: NamesrvConfig;
  readonly configStore: NamesrvConfigStore;
  /** When the server started (ms), for `needWaitForService`. */
  readonly startedAt: number;
}

/** Request code → processor pairs, registered on the remoting server by the controller. */
export type ProcessorTable = ReadonlyArray<readonly [number, RequestProcessor]>;

/** A SUCCESS response to `request`, optionally with ext fields and a body. */
export function success(request: RemotingCommand, extFields?: Record<string, string>, body?: Buffer): RemotingCommand {
  const response = Command.createResponse(request, ResponseCode.SUCCESS);
  response.extFields = extFields;
  response.body = body;
  return response;
}

/** An error response to `request`. */
export function failure(request: RemotingCommand, code: number, remark: string): RemotingCommand {
  return Command.createResponse(request, code, remark);
}
