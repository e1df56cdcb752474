import { defineConfig } from "vitest/config";

// Pure logic only: no DOM is needed, so the tests run in plain Node.
export default defineConfig({
  test: {
    environment: "node",
    include: ["js/**/*.test.ts"],
  },
});
