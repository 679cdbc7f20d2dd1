import { AppConfig, ConfigError, loadConfig } from '@compliance/config';
import { configureLogging, createLogger } from '@compliance/logging';

/**
 * Reads the environment once for the process. A bad variable stops the process before
 * anything starts, with a message that names it.
 */
export function loadConfigOrExit(): AppConfig {
  try {
    const config = loadConfig();
    configureLogging(config.logLevel);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      createLogger('Config').fatal({ problems: error.problems }, error.message);
      process.exit(78);
    }
    throw error;
  }
}
