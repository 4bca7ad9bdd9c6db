import { checkGroup, getLogger } from '@mq/common';
import {
  DeleteSubscriptionGroupRequestHeader,
  RemotingCommand,
  SubscriptionGroupConfig as SubscriptionGroupConfigBody,
  SubscriptionGroupWrapper,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { decodeRequestBody } from '../processor/request-body';
import { subscriptionGroupConfigFromJson, type SubscriptionGroupConfig } from '../subscription/subscription-group-config';
import { success } from './admin-response';

const log = getLogger('SubscriptionGroupAdminProcessor');

/**
 * The broker's subscription-group admin codes (remoting §10.1): UPDATE_AND_CREATE_SUBSCRIPTIONGROUP
 * (200), DELETE_SUBSCRIPTIONGROUP (207), GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201).
 */
export class SubscriptionGroupAdminProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Creates or replaces a group from a SubscriptionGroupConfig body; unset fields take Java's defaults. */
  updateGroup(request: RemotingCommand): RemotingCommand {
    const body = decodeRequestBody(SubscriptionGroupConfigBody, request.body, 'SubscriptionGroupConfig');
    const groupName = body.groupName ?? '';
    checkGroup(groupName);
    const config = subscriptionGroupConfigFromJson(groupName, toManagerFields(body));
    this.ctx.subscriptionGroupManager.updateSubscriptionGroupConfig(config);
    log.info({ group: groupName }, 'subscription group created or updated by admin');
    return success(request);
  }

  /** Removes a group; with `cleanOffset`, its offsets too. */
  deleteGroup(request: RemotingCommand): RemotingCommand {
    const { groupName, cleanOffset } = DeleteSubscriptionGroupRequestHeader.decode(request.extFields);
    this.ctx.subscriptionGroupManager.deleteSubscriptionGroupConfig(groupName);
    if (cleanOffset) this.ctx.consumerOffsetManager.removeGroup(groupName);
    return success(request);
  }

  /** Every group with the forbidden table and the data version (paging headers are ignored). */
  allGroups(request: RemotingCommand): RemotingCommand {
    const manager = this.ctx.subscriptionGroupManager;
    const subscriptionGroupTable = Object.fromEntries(
      manager.allSubscriptionGroupConfigs().map((config) => [config.groupName, config]),
    );
    const body = SubscriptionGroupWrapper.encode({
      subscriptionGroupTable,
      forbiddenTable: manager.forbiddenSnapshot(),
      dataVersion: manager.dataVersion.toJSON(),
    });
    return success(request, body);
  }
}

/** The wire body's set fields, as the manager's config type names them. */
function toManagerFields(body: SubscriptionGroupConfigBody): Partial<SubscriptionGroupConfig> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined && value !== null) fields[key] = value;
  }
  return fields as Partial<SubscriptionGroupConfig>;
}
