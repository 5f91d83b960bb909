import { defineConfig } from "vite";
import { resolve } from "node:path";

// Built into the jar's static resources; the app serves index.html for every page URL.
export default defineConfig({
  build: {
    outDir: resolve(__dirname, "../../../target/classes/static"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8080",
      "/login": "http://localhost:8080",
      "/logout": "http://localhost:8080",
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
