import type { RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { refuseEnabled, refusePresent } from './option-values';

const NO_TRACE = '@mq/client has no message trace';
const NO_ACL = '@mq/client has no ACL signing';

/** Java's `-m`, `-a`, `-ak`, `-sk`: accepted so scripts keep working, refused when they ask for trace or ACL. */
export const TRACE_AND_ACL_SPECS: readonly BenchOptionSpec[] = [
  { short: 'm', long: 'msgTraceEnable', arg: 'boolean', description: 'Message Trace Enable, Default: false (true is not supported)' },
  { short: 'a', long: 'aclEnable', arg: 'boolean', description: 'Acl Enable, Default: false (true is not supported)' },
  { short: 'ak', long: 'accessKey', arg: 'key', description: 'Acl access key (not supported)' },
  { short: 'sk', long: 'secretKey', arg: 'key', description: 'Acl secret key (not supported)' },
];

/** Throws CLIENT_PARAMETER_CHECK_ERROR when the arguments ask for message trace or ACL. */
export function refuseTraceAndAcl(options: RawOptions): void {
  refuseEnabled(options, 'msgTraceEnable', NO_TRACE);
  refuseEnabled(options, 'aclEnable', NO_ACL);
  refusePresent(options, 'accessKey', NO_ACL);
  refusePresent(options, 'secretKey', NO_ACL);
}
