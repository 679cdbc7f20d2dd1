import 'reflect-metadata';

import { configureLogging } from '@compliance/logging';

// Keep test output readable; a test that inspects log lines configures its own stream.
configureLogging(process.env.TEST_LOG_LEVEL ?? 'silent');
