import { addWritePermCommand, wipeWritePermCommand } from '../commands/write-perm';
import { brokerStatusCommand } from '../commands/broker-status';
import { cleanExpiredCQCommand } from '../commands/clean-expired-cq';
import { clusterListCommand } from '../commands/cluster-list';
import { consumeMessageCommand } from '../commands/consume-message';
import { consumerConnectionCommand } from '../commands/consumer-connection';
import { consumerProgressCommand } from '../commands/consumer-progress';
import { deleteKvConfigCommand } from '../commands/delete-kv-config';
import { deleteSubGroupCommand } from '../commands/delete-sub-group';
import { deleteTopicCommand } from '../commands/delete-topic';
import { getBrokerConfigCommand } from '../commands/get-broker-config';
import { printMsgCommand } from '../commands/print-msg';
import { producerConnectionCommand } from '../commands/producer-connection';
import { queryMsgByIdCommand } from '../commands/query-msg-by-id';
import { queryMsgByKeyCommand } from '../commands/query-msg-by-key';
import { queryMsgByOffsetCommand } from '../commands/query-msg-by-offset';
import { queryMsgByUniqueKeyCommand } from '../commands/query-msg-by-unique-key';
import { queryMsgTraceByIdCommand } from '../commands/query-msg-trace-by-id';
import { resetOffsetByTimeCommand } from '../commands/reset-offset-by-time';
import { sendMessageCommand } from '../commands/send-message';
import { setConsumeModeCommand } from '../commands/set-consume-mode';
import { statsAllCommand } from '../commands/stats-all';
import { topicClusterListCommand } from '../commands/topic-cluster-list';
import { topicListCommand } from '../commands/topic-list';
import { topicRouteCommand } from '../commands/topic-route';
import { topicStatusCommand } from '../commands/topic-status';
import { updateBrokerConfigCommand } from '../commands/update-broker-config';
import { updateKvConfigCommand } from '../commands/update-kv-config';
import { updateSubGroupCommand } from '../commands/update-sub-group';
import { updateTopicCommand } from '../commands/update-topic';
import { updateTopicPermCommand } from '../commands/update-topic-perm';
import type { AdminCommand } from './admin-command';

/** Every mqadmin sub-command this tool implements, in mqadmin's help order. */
export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  updateTopicCommand,
  deleteTopicCommand,
  updateSubGroupCommand,
  setConsumeModeCommand,
  deleteSubGroupCommand,
  updateBrokerConfigCommand,
  updateTopicPermCommand,
  topicRouteCommand,
  topicStatusCommand,
  topicClusterListCommand,
  brokerStatusCommand,
  queryMsgByIdCommand,
  queryMsgByKeyCommand,
  queryMsgByUniqueKeyCommand,
  queryMsgTraceByIdCommand,
  queryMsgByOffsetCommand,
  printMsgCommand,
  sendMessageCommand,
  consumeMessageCommand,
  producerConnectionCommand,
  consumerConnectionCommand,
  consumerProgressCommand,
  clusterListCommand,
  topicListCommand,
  updateKvConfigCommand,
  deleteKvConfigCommand,
  wipeWritePermCommand,
  addWritePermCommand,
  resetOffsetByTimeCommand,
  cleanExpiredCQCommand,
  statsAllCommand,
  getBrokerConfigCommand,
];

/** The sub-command called `name`, if any. */
export function findCommand(name: string, commands: readonly AdminCommand[] = ADMIN_COMMANDS): AdminCommand | undefined {
  return commands.find((command) => command.name === name);
}
