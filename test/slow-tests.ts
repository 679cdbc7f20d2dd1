// Real servers take longer than Jest's five seconds, hooks included (where `testTimeout` in a
// project's config does not reach): starting the embedded database, migrating, redelivery.
jest.setTimeout(120_000);
