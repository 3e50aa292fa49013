// End-to-end tests wait for a real n8n, the sandbox and a browser: generous per-test time.
jest.setTimeout(180_000);
