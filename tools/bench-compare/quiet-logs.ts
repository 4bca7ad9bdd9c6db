// Imported first by main.ts: the client's loggers are created when its modules load, so the
// default level must be in place before any @mq import. MQ_LOG_LEVEL still wins.
process.env.MQ_LOG_LEVEL ??= 'warn';
