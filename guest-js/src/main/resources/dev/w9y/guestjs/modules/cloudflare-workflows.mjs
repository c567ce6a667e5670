// `import { NonRetryableError } from "cloudflare:workflows"`: prelude/workflows.js defines it.
const { NonRetryableError } = globalThis.__w9yWorkflows;
export { NonRetryableError };
