import {
  AddWritePermOfBrokerRequestHeader,
  AddWritePermOfBrokerResponseHeader,
  DeleteKVConfigRequestHeader,
  GetKVConfigRequestHeader,
  GetKVConfigResponseHeader,
  PutKVConfigRequestHeader,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  WipeWritePermOfBrokerRequestHeader,
  WipeWritePermOfBrokerResponseHeader,
  type ExtFields,
} from '@mq/remoting';
import type { MQClientAPI } from '../instance/mq-client-api';

/** How one name server answered a write-permission change (WIPE/ADD_WRITE_PERM_OF_BROKER). */
export interface WritePermChange {
  namesrvAddr: string;
  /** Topics whose write permission changed on that name server. */
  topicCount: number;
}

/** Puts a KV config entry on every configured name server (PUT_KV_CONFIG). */
export async function putKvConfig(api: MQClientAPI, namespace: string, key: string, value: string): Promise<void> {
  await callEveryNamesrv(api, RequestCode.PUT_KV_CONFIG, PutKVConfigRequestHeader.encode({ namespace, key, value }));
}

/**
 * A KV config value (GET_KV_CONFIG) from the first configured name server that has it;
 * undefined when none has (each answers QUERY_NOT_FOUND).
 */
export async function getKvConfig(api: MQClientAPI, namespace: string, key: string): Promise<string | undefined> {
  const header = GetKVConfigRequestHeader.encode({ namespace, key });
  for (const addr of api.namesrvAddresses) {
    const request = RemotingCommand.createRequest(RequestCode.GET_KV_CONFIG, header);
    const response = await api.call(addr, request, undefined, [ResponseCode.QUERY_NOT_FOUND]);
    if (response.code === ResponseCode.SUCCESS) return GetKVConfigResponseHeader.decode(response.extFields ?? {}).value;
  }
  return undefined;
}

/** Deletes a KV config entry from every configured name server (DELETE_KV_CONFIG). */
export async function deleteKvConfig(api: MQClientAPI, namespace: string, key: string): Promise<void> {
  await callEveryNamesrv(api, RequestCode.DELETE_KV_CONFIG, DeleteKVConfigRequestHeader.encode({ namespace, key }));
}

/** Removes the write permission of `brokerName`'s topics on every configured name server (WIPE_WRITE_PERM_OF_BROKER). */
export async function wipeWritePerm(api: MQClientAPI, brokerName: string): Promise<WritePermChange[]> {
  const responses = await callEveryNamesrv(api, RequestCode.WIPE_WRITE_PERM_OF_BROKER, WipeWritePermOfBrokerRequestHeader.encode({ brokerName }));
  return responses.map(([namesrvAddr, response]) => ({
    namesrvAddr,
    topicCount: WipeWritePermOfBrokerResponseHeader.decode(response.extFields ?? {}).wipeTopicCount,
  }));
}

/** Gives the write permission back to `brokerName`'s topics on every configured name server (ADD_WRITE_PERM_OF_BROKER). */
export async function addWritePerm(api: MQClientAPI, brokerName: string): Promise<WritePermChange[]> {
  const responses = await callEveryNamesrv(api, RequestCode.ADD_WRITE_PERM_OF_BROKER, AddWritePermOfBrokerRequestHeader.encode({ brokerName }));
  return responses.map(([namesrvAddr, response]) => ({
    namesrvAddr,
    topicCount: AddWritePermOfBrokerResponseHeader.decode(response.extFields ?? {}).addTopicCount,
  }));
}

async function callEveryNamesrv(api: MQClientAPI, code: number, header: ExtFields): Promise<Array<[string, RemotingCommand]>> {
  const responses: Array<[string, RemotingCommand]> = [];
  for (const addr of api.namesrvAddresses) {
    responses.push([addr, await api.call(addr, RemotingCommand.createRequest(code, header))]);
  }
  return responses;
}
