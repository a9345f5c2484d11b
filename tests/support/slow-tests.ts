// Integration and end-to-end tests start the whole application and migrate a fresh database:
// seconds, not milliseconds, and more when both cores are busy with the other test workers.
jest.setTimeout(60_000);
