import { setupLogger } from '@mq/common';

// Imported first by the bin, before any module creates its component logger: command output
// owns stdout, so client logs go to stderr, warnings and worse unless MQ_LOG_LEVEL says otherwise.
setupLogger({ level: process.env.MQ_LOG_LEVEL ?? 'warn', destination: process.stderr });
